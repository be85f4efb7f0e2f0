"""The usage figures of a period: views per guide, clicks per resource and per guide.

Used by the admin report and its CSV downloads; a handful of grouped queries whatever the
number of guides or days.
"""

import csv
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import F, Sum
from django.http import HttpResponse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from guides.resources import kind_label, records_by_kind
from website.core.charts import ColumnChart, Series, month_label

MAX_DAYS = 366 * 3
DAILY_CHART_DAYS = 92  # longer periods are drawn per month


@dataclass
class Figures:
    start: object
    end: object
    guide_views: list  # [(guide, views)]
    resource_clicks: list  # [(kind, record or None, object_id, clicks)]
    guide_clicks: list  # [(guide, clicks)]
    daily: list  # [(day, views, clicks)]

    @property
    def total_views(self):
        return sum(views for _guide, views in self.guide_views)

    @property
    def resource_rows(self):
        """The clicks per resource with each kind named in the reader's language."""
        return [(kind_label(kind), *rest) for kind, *rest in self.resource_clicks]

    @property
    def total_clicks(self):
        return sum(row[3] for row in self.resource_clicks)


def collect(start, end):
    from guides.counted import GUIDE
    from guides.models import GuidePage, ResourceClick
    from website.core.models import ViewCount

    views = ViewCount.objects.filter(
        kind=GUIDE.key, source=ViewCount.Source.PAGE, date__range=(start, end)
    ).annotate(page=F("object_id"))
    clicks = ResourceClick.objects.filter(date__range=(start, end))

    view_rows = list(views.values("page").annotate(total=Sum("views")).order_by("-total", "page"))
    guide_click_rows = list(
        clicks.exclude(guide=None)
        .values("guide")
        .annotate(total=Sum("clicks"))
        .order_by("-total", "guide")
    )
    resource_rows = list(
        clicks.values("kind", "object_id")
        .annotate(total=Sum("clicks"))
        .order_by("-total", "kind", "object_id")
    )
    guide_ids = {row["page"] for row in view_rows} | {row["guide"] for row in guide_click_rows}
    guides = GuidePage.objects.select_related("locale").in_bulk(guide_ids)
    records = records_by_kind((row["kind"], row["object_id"]) for row in resource_rows)

    by_day = {}
    for row in views.values("date").annotate(total=Sum("views")):
        by_day.setdefault(row["date"], [0, 0])[0] = row["total"]
    for row in clicks.values("date").annotate(total=Sum("clicks")):
        by_day.setdefault(row["date"], [0, 0])[1] = row["total"]
    daily = []
    day = start
    while day <= end:
        seen, clicked = by_day.get(day, (0, 0))
        daily.append((day, seen, clicked))
        day += timedelta(days=1)

    return Figures(
        start=start,
        end=end,
        guide_views=[(guides.get(row["page"]), row["total"]) for row in view_rows],
        resource_clicks=[
            (
                row["kind"],
                records.get((row["kind"], row["object_id"])),
                row["object_id"],
                row["total"],
            )
            for row in resource_rows
        ],
        guide_clicks=[(guides.get(row["guide"]), row["total"]) for row in guide_click_rows],
        daily=daily,
    )


def chart(figures):
    """Guide views and resource clicks per day against a date axis; per month when the
    period is longer than a quarter, so that three years stay readable."""
    by_month = len(figures.daily) > DAILY_CHART_DAYS
    daily = ColumnChart(
        title=_("Guide views and resource clicks per month")
        if by_month
        else _("Guide views and resource clicks per day"),
        x_title=pgettext("chart axis", "Month") if by_month else _("Date"),
        y_title=_("Views and clicks"),
        series=[Series(_("views"), "chart-series-1"), Series(_("clicks"), "chart-series-2")],
        name="usage",
    )
    if not by_month:
        for day, seen, clicked in figures.daily:
            daily.add(date_format(day, "m-d"), seen, clicked)
        return daily
    months = {}
    for day, seen, clicked in figures.daily:
        totals = months.setdefault(day.replace(day=1), [0, 0])
        totals[0] += seen
        totals[1] += clicked
    for month, (seen, clicked) in months.items():
        daily.add(month_label(month), seen, clicked)
    return daily


def _guide_label(guide):
    if guide is None:
        return _("(deleted guide)")
    return f"{guide.title} ({guide.locale.get_display_name()})"


def csv_response(figures, table):
    """One of the report's tables as a CSV file that Excel opens as UTF-8."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"guide-{table}-{figures.start:%Y%m%d}-{figures.end:%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    if table == "views":
        writer.writerow([_("Guide"), _("Guide ID"), _("Views")])
        for guide, total in figures.guide_views:
            writer.writerow([_guide_label(guide), getattr(guide, "pk", ""), total])
    elif table == "resources":
        writer.writerow([_("Kind"), _("Record ID"), _("Record"), _("Clicks")])
        for kind, record, object_id, total in figures.resource_rows:
            writer.writerow([kind, object_id, str(record) if record else _("(deleted)"), total])
    elif table == "guide-clicks":
        writer.writerow([_("Guide"), _("Guide ID"), _("Clicks")])
        for guide, total in figures.guide_clicks:
            writer.writerow([_guide_label(guide), getattr(guide, "pk", ""), total])
    else:
        writer.writerow([_("Date"), _("Views"), _("Clicks")])
        for day, seen, clicked in figures.daily:
            writer.writerow([day.isoformat(), seen, clicked])
    return response
