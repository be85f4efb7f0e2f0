"""Loan figures over any set of books: counts, averages, the most borrowed, what to buy more of.

The paper judges 思库推荐 by loans ("403 recommended books, 18.3 loans each on average") and
buys more print copies of the books in demand. The same figures are wanted for a campaign, a
themed shelf, a subject, or the whole collection, so `loan_summary()` takes any queryset of
books; a "scope" is just a named way to pick that queryset, and other features register theirs
with `register_scope()` (a shelf registers its books) rather than changing the report.

Every figure is computed in the database with a fixed number of queries, whatever the size.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.apps import apps
from django.db.models import F, FloatField, IntegerField, Q, Sum, Value
from django.db.models.functions import Cast, Coalesce
from django.utils.translation import gettext_lazy as _

from reading.models import Book, Loan
from website.core.columns import bar_percent

MOST_BORROWED = 20


@dataclass
class LoanSummary:
    period: str
    threshold: Decimal
    book_count: int
    total_loans: int
    books_with_loans: int
    most_borrowed: list = field(default_factory=list)
    buy_more: list = field(default_factory=list)

    @property
    def average_loans(self):
        """Loans per book, counting the books nobody borrowed (as the paper does)."""
        if not self.book_count:
            return 0.0
        return round(self.total_loans / self.book_count, 1)


def books_with_loans(books, period=None):
    """`books` annotated with `loan_total` for the period (all periods when None)."""
    condition = Q(loans__period=period) if period else Q()
    return books.annotate(
        loan_total=Coalesce(
            Sum("loans__loans", filter=condition), Value(0), output_field=IntegerField()
        )
    )


def loan_summary(books, period=None, threshold=None, most_borrowed=MOST_BORROWED):
    """The loan report for any queryset of books.

    `threshold` is the loans per print copy from which a book is listed under "buy more
    copies"; None takes the editors' setting.
    """
    if threshold is None:
        threshold = default_threshold()
    threshold = Decimal(threshold)
    # Distinct ids first, so that a scope that joins (recommendations, tags) counts each once.
    ids = Book.objects.filter(pk__in=books.values("pk"))
    annotated = books_with_loans(ids, period)
    loan_filter = Q(period=period) if period else Q()
    loan_totals = Loan.objects.filter(loan_filter, book__in=ids).aggregate(
        total=Coalesce(Sum("loans"), 0)
    )
    borrowed = Loan.objects.filter(loan_filter, book__in=ids, loans__gt=0)
    top = list(
        annotated.filter(loan_total__gt=0)
        .select_related("cover")
        .order_by("-loan_total", "title")[:most_borrowed]
    )
    largest = top[0].loan_total if top else 0
    for book in top:
        book.loan_bar = bar_percent(book.loan_total, largest)
    buy_more = list(
        in_demand(ids, period, threshold)
        .prefetch_related("ebooks")  # the list says which have no e-book
        .order_by("-loans_per_copy", "title")
    )
    return LoanSummary(
        period=period or "",
        threshold=threshold,
        book_count=ids.count(),
        total_loans=loan_totals["total"],
        books_with_loans=borrowed.values("book").distinct().count(),
        most_borrowed=top,
        buy_more=buy_more,
    )


def in_demand(books, period, threshold):
    """The print books of `books` whose loans per copy in `period` (every period when None)
    reach `threshold`: the rule of the "buy more copies" list and of "e-book first"."""
    ratio = Cast(F("loan_total"), FloatField()) / Cast(F("copies"), FloatField())
    return (
        books_with_loans(books, period)
        .filter(copies__gt=0)
        .annotate(loans_per_copy=ratio)
        .filter(loans_per_copy__gte=float(threshold), loan_total__gt=0)
    )


def print_in_demand(book):
    """Whether the book's print copies are all in demand now: its loans per copy in the newest
    imported period reach the editors' threshold. Its pages then offer the e-book first."""
    newest = next(iter(periods()), None)
    if newest is None or not book.copies:
        return False
    books = Book.objects.filter(pk=book.pk)
    return in_demand(books, newest, default_threshold()).exists()


def default_threshold():
    from wagtail.models import Site

    from reading.models import LoanReportSettings

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return LoanReportSettings._meta.get_field("buy_more_threshold").default
    return LoanReportSettings.for_site(site).buy_more_threshold


YEAR_RANGE = re.compile(r"^\s*(\d{4})\s*[-–/]\s*(\d{4})")  # an academic year, from September
YEAR_MONTH = re.compile(r"^\s*(\d{4})[-./](\d{1,2})\b")
YEAR = re.compile(r"^\s*(\d{4})\s*(年)?\s*$")
ACADEMIC_YEAR_STARTS = 9


def period_start(label):
    """The first day of a period label, or None for one that says no date."""
    match = YEAR_RANGE.match(label)
    if match and int(match[2]) == int(match[1]) + 1:
        return date(int(match[1]), ACADEMIC_YEAR_STARTS, 1)
    match = YEAR_MONTH.match(label)
    if match and 1 <= int(match[2]) <= 12:
        return date(int(match[1]), int(match[2]), 1)
    match = YEAR.match(label)
    if match:
        return date(int(match[1]), 1, 1)
    return None


def periods():
    """The periods that have figures, newest first by the day each starts (a label with no
    date last): "2024-10" after "2024-9", "2024" before the "2024-2025" academic year."""
    labels = set(Loan.objects.values_list("period", flat=True).distinct().order_by())
    dated = sorted((label for label in labels if period_start(label)), key=period_start)
    undated = sorted(label for label in labels if not period_start(label))
    return [*reversed(dated), *undated]


# Scopes ------------------------------------------------------------------------------------


@dataclass
class Scope:
    key: str
    label: str
    choices: object  # () -> [(value, label)], or None when the scope takes no value
    books: object  # (value) -> queryset of books


SCOPES = {}


def register_scope(key, label, books, choices=None):
    """Offer a new way to choose the books of a report (a shelf, a club...)."""
    SCOPES[key] = Scope(key, label, choices, books)


def _subject_choices():
    from taggit.models import Tag

    names = Tag.objects.filter(reading_booksubject_items__isnull=False).distinct()
    return [(name, name) for name in names.order_by("name").values_list("name", flat=True)]


def _campaign_choices():
    from wagtail.models import Locale

    try:
        campaign = apps.get_model("reading", "CampaignPage")
    except LookupError:
        return []
    pages = campaign.objects.filter(locale=Locale.get_default()).order_by("-first_published_at")
    return [(str(page.pk), page.title) for page in pages]


def _campaign_books(value):
    """The books recommended (and published) in one campaign, in any language."""
    try:
        campaign_model = apps.get_model("reading", "CampaignPage")
    except LookupError:
        return Book.objects.none()
    campaign = campaign_model.objects.filter(pk=value).first()
    if campaign is None:
        return Book.objects.none()
    pages = [campaign, *campaign.get_translations()]
    condition = Q()
    for page in pages:
        condition |= Q(recommendations__path__startswith=page.path)
    return Book.objects.filter(condition, recommendations__live=True).distinct()


register_scope("all", _("All books"), lambda value: Book.objects.all())
register_scope(
    "subject",
    _("Books with a subject"),
    lambda value: Book.objects.filter(subjects__name=value).distinct(),
    _subject_choices,
)
register_scope("campaign", _("Books recommended in a campaign"), _campaign_books, _campaign_choices)


def _shelf_choices():
    from wagtail.models import Locale

    try:
        shelf = apps.get_model("reading", "ShelfPage")
    except LookupError:
        return []
    pages = shelf.objects.filter(locale=Locale.get_default()).order_by("title")
    return [(str(page.pk), page.title) for page in pages]


def _shelf_books(value):
    """The books on one themed shelf: its listed books and those its theme tag brings."""
    try:
        shelf_model = apps.get_model("reading", "ShelfPage")
    except LookupError:
        return Book.objects.none()
    shelf = shelf_model.objects.filter(pk=value).first()
    if shelf is None:
        return Book.objects.none()
    return Book.objects.filter(pk__in=[book.pk for book, _note in shelf.entries()])


register_scope("shelf", _("Books on a themed shelf"), _shelf_books, _shelf_choices)
