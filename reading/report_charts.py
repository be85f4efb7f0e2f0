"""The figures behind the reading reports' charts: recommendations per month, loans per
period, club places and attendance per month, the top ten books and themes.

Each builder is a grouped query or two (never one per month, book or club) and returns a
chart of `website/core/charts.py`, labelled in the reader's language. Months run from the
first with a figure to the last, empty months included, so a gap in a campaign shows as a
gap rather than disappearing from the axis.
"""

from datetime import date

from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from taggit.models import Tag

from reading.models import ClubSignup, Loan, RecommendationPage, RecommendationTheme
from website.core.charts import ColumnChart, RankingChart, Series, month_label
from website.core.models import TermInEnglish
from website.core.terms import term_key

MAX_MONTHS = 24  # a longer span is drawn by year: campaigns that come once a year show so


def _months(first, last):
    """Every month from `first` to `last`."""
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _as_date(value):
    """TruncMonth answers a datetime on a DateTimeField (in the current time zone)."""
    if hasattr(value, "date"):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value.replace(day=1)


def _over_time(chart, rows, names, by_year_title, by_year_x_title):
    """Fill `chart` from rows grouped by month ({"month": …, name: count}); every month of
    the span is on the axis (empty ones at 0), or every year when the span is long."""
    by_month = {}
    for row in rows:
        if row["month"]:
            counts = by_month.setdefault(_as_date(row["month"]), [0] * len(names))
            for index, name in enumerate(names):
                counts[index] += row.get(name) or 0
    if not by_month:
        return chart
    months = _months(min(by_month), max(by_month))
    if len(months) <= MAX_MONTHS:
        for month in months:
            chart.add(month_label(month), *by_month.get(month, [0] * len(names)))
        return chart
    chart.title, chart.x_title = by_year_title, by_year_x_title
    by_year = {}
    for month, counts in by_month.items():
        totals = by_year.setdefault(month.year, [0] * len(names))
        for index, count in enumerate(counts):
            totals[index] += count
    for year in range(min(by_year), max(by_year) + 1):
        chart.add(year, *by_year.get(year, [0] * len(names)))
    return chart


def recommendations_by_month(recommendations=None):
    """Published recommendations per month of recommending, a recommendation counted once
    whatever the number of its translations (the paper counts readers' recommendations)."""
    if recommendations is None:
        recommendations = RecommendationPage.objects.live()
    rows = (
        recommendations.annotate(month=TruncMonth("recommended_on"))
        .values("month")
        .annotate(recommendations=Count("translation_key", distinct=True))
        .order_by("month")
    )
    chart = ColumnChart(
        title=_("Recommendations per month"),
        x_title=_("Month recommended"),
        y_title=_("Recommendations"),
        series=[Series(_("Recommendations"))],
        name="recommendations-by-month",
    )
    return _over_time(
        chart, rows, ["recommendations"], _("Recommendations per year"), _("Year recommended")
    )


def loans_by_period(books):
    """Loans of `books` per imported period (a term, a year, a month: the label the
    circulation report used), oldest first."""
    rows = (
        Loan.objects.filter(book__in=books.values("pk"))
        .values("period")
        .annotate(loans=Sum("loans"))
        .order_by("period")
    )
    chart = ColumnChart(
        title=_("Loans per period"),
        x_title=_("Period"),
        y_title=_("Loans"),
        series=[Series(_("Loans"))],
        name="loans-by-period",
    )
    for row in rows:
        chart.add(row["period"], row["loans"])
    return chart


def participation_by_month(clubs):
    """Places taken, readers waiting and readers who came, per month of the clubs'
    discussions; only marked attendance counts as having come."""
    Status = ClubSignup.Status
    rows = (
        ClubSignup.objects.filter(club__in=clubs.values("pk"))
        .annotate(month=TruncMonth("club__discussion_starts"))
        .values("month")
        .annotate(
            confirmed=Count("pk", filter=Q(status=Status.CONFIRMED)),
            waitlisted=Count("pk", filter=Q(status=Status.WAITLISTED)),
            attended=Count("pk", filter=Q(status=Status.CONFIRMED, attended=True)),
        )
        .order_by("month")
    )
    chart = ColumnChart(
        title=_("Club participation per month"),
        x_title=_("Month of the discussion"),
        y_title=_("Readers"),
        series=[
            Series(_("Places taken"), "chart-series-1"),
            Series(_("Attended"), "chart-series-2"),
            Series(_("On the waitlist"), "chart-series-3"),
        ],
        name="participation-by-month",
    )
    return _over_time(
        chart,
        rows,
        ["confirmed", "attended", "waitlisted"],
        _("Club participation per year"),
        _("Year of the discussion"),
    )


def theme_counts(recommendations):
    """One row a term: its tag's name and English form, and the translation groups and books
    of `recommendations` that carry it in any language (one query). An English page's tag
    that is the English form of a Chinese tag (`website.core.terms.term_key`) counts under
    that tag, so a theme counts once whatever its languages."""
    themes = TermInEnglish.objects.filter(tag__reading_recommendationtheme_items__isnull=False)
    return (
        RecommendationTheme.objects.filter(content_object__in=recommendations.values("pk"))
        .annotate(theme=term_key("tag", terms=themes))
        .values("theme")
        .annotate(
            recommendations=Count("content_object__translation_key", distinct=True),
            book_count=Count("content_object__book", distinct=True),
            name=Subquery(Tag.objects.filter(pk=OuterRef("theme")).values("name")[:1]),
            name_en=Subquery(
                TermInEnglish.objects.filter(tag_id=OuterRef("theme")).values("name")[:1]
            ),
        )
        .order_by("-recommendations", "name")
    )


def top_ten(title, x_title, rows, name):
    """The first ten of a ranking already ordered largest first: [(label, value)]."""
    return RankingChart(title=title, x_title=x_title, rows=list(rows)[:10], name=name)


def views_by_month(counts):
    """Readers' page views per month, one column per counted kind (website/core/counting.py)
    that has any; `counts` is a queryset of ViewCount. QR scans are left out: the shelves'
    chart and the table count them."""
    from website.core import counting

    rows = (
        counts.filter(source="page")
        .annotate(month=TruncMonth("date"))
        .values("month", "kind")
        .annotate(total=Sum("views"))
        .order_by("month")
    )
    by_month = {}
    for row in rows:
        by_month.setdefault(row["month"], {"month": row["month"]})[row["kind"]] = row["total"]
    present = {row_kind for month in by_month.values() for row_kind in month} - {"month"}
    kinds = [kind for kind in counting.kinds() if kind.key in present]
    chart = ColumnChart(
        title=_("Page views per month"),
        x_title=pgettext("chart axis", "Month"),
        y_title=_("Views"),
        series=[
            Series(str(kind.label), f"chart-series-{index}")
            for index, kind in enumerate(kinds, start=1)
        ],
        name="views-by-month",
    )
    return _over_time(
        chart,
        by_month.values(),
        [kind.key for kind in kinds],
        _("Page views per year"),
        pgettext("chart axis", "Year"),
    )
