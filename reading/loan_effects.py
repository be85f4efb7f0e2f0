"""Loans before and after: did a campaign or a shelf change what readers borrowed?

The paper judges its promotion by loans (§3.2.1: 403 recommended books, 18.3 loans each) but
an average alone cannot say whether the recommending did it. This module makes the comparison
the figures can bear, and no more:

* For each promoted book (recommended in a campaign: the date of its first recommendation
  there; standing on a shelf: the date the shelf went on display), its average loans per
  period in the imported periods wholly *before* that date and in those wholly *after* it.
  The period that contains the date is left out, since it is partly both.
* Beside them, the same averages for the books of the same subjects that no public page
  promotes, split at the same dates: what happened to comparable books anyway.
* The figure is the difference of the two changes, with how many books each side rests on.
  A book counts only when there are imported periods on both sides of its date and the loan
  imports know it (a book with no loan figure at all may not have been on the shelves yet).

Periods are the circulation report's labels ("2024", "2024-09", "2023-2024", "2023-2024 学年");
`period_start` reads their first day, and a period runs until the next one starts. Every
figure comes from a fixed number of queries, however many campaigns, shelves and books.
"""

from dataclasses import dataclass, field

from django.utils import timezone

from reading.loan_reports import period_start
from reading.models import Book, BookSubject, Loan, RecommendationPage


@dataclass
class Side:
    """Average loans per period of a set of books, before and after their dates."""

    books: int = 0
    before: float = 0.0
    after: float = 0.0

    @property
    def change(self):
        return round(self.after - self.before, 1)

    @property
    def change_percent(self):
        if not self.books or not self.before:
            return None
        return round(100 * (self.after - self.before) / self.before)


@dataclass
class Effect:
    kind: str  # "campaign" or "shelf"
    label: str
    page_id: int
    promoted: Side = field(default_factory=Side)
    compared: Side = field(default_factory=Side)
    left_out: int = 0  # promoted books with no imported period on one side of their date

    @property
    def difference(self):
        """How much more (or less) the promoted books' loans changed than comparable books'."""
        if not self.promoted.books or not self.compared.books:
            return None
        return round(self.promoted.change - self.compared.change, 1)


def _periods():
    """[(label, start, end)] of every imported period with a date, in order; the last one's
    end is open (None)."""
    labels = Loan.objects.values_list("period", flat=True).distinct().order_by()
    dated = sorted((start, label) for label in set(labels) if (start := period_start(label)))
    return [
        (label, start, dated[i + 1][0] if i + 1 < len(dated) else None)
        for i, (start, label) in enumerate(dated)
    ]


def _split(periods, day):
    """The period labels wholly before `day` and wholly after it."""
    before = [label for label, _start, end in periods if end is not None and end <= day]
    after = [label for label, start, _end in periods if start >= day]
    return before, after


def _average(loans, labels):
    return sum(loans.get(label, 0) for label in labels) / len(labels)


def promoted_books():
    """Every book readers are shown as promoted: recommended on a live page, or on a shelf
    readers may see, by its list or by its theme tag. Never a comparison book, whichever
    campaigns or shelves one report compares, so that the dashboard's figures for a campaign
    and the loans report's are the same."""
    from reading.models import ShelfPage

    shown = set(Book.objects.presented_to_readers().values_list("pk", flat=True))
    shelves = list(ShelfPage.objects.for_readers())
    for entries in ShelfPage.entries_of(shelves).values():
        shown.update(book.pk for book, _line in entries)
    return shown


def compare(groups):
    """An Effect for each group: `groups` is [(kind, label, page_id, {book_id: date})]."""
    periods = _periods()
    promoted_ids = {book_id for *_head, events in groups for book_id in events}
    subjects = {}
    tagged = BookSubject.objects.filter(content_object_id__in=promoted_ids)
    for book_id, tag_id in tagged.values_list("content_object_id", "tag_id"):
        subjects.setdefault(book_id, set()).add(tag_id)
    every_tag = set().union(*subjects.values()) if subjects else set()
    promoted_anywhere = promoted_books()
    candidates = {}
    for book_id, tag_id in (
        BookSubject.objects.filter(tag_id__in=every_tag)
        .exclude(content_object_id__in=promoted_ids | promoted_anywhere)
        .values_list("content_object_id", "tag_id")
    ):
        candidates.setdefault(tag_id, set()).add(book_id)
    peer_ids = set().union(*candidates.values()) if candidates else set()
    loan_rows = Loan.objects.filter(book_id__in=promoted_ids | peer_ids).values_list(
        "book_id", "period", "loans"
    )
    loans = {}
    for book_id, period, count in loan_rows:
        loans.setdefault(book_id, {})[period] = count

    effects = []
    for kind, label, page_id, events in groups:
        effect = Effect(kind, label, page_id)
        promoted, compared, compared_books = [], [], set()
        for book_id, day in events.items():
            before, after = _split(periods, day)
            book_loans = loans.get(book_id)
            if not before or not after or book_loans is None:
                effect.left_out += 1
                continue
            promoted.append((_average(book_loans, before), _average(book_loans, after)))
            peers = set().union(*(candidates.get(t, set()) for t in subjects.get(book_id, ())))
            peers = {peer for peer in peers if peer in loans}
            if peers:
                pairs = [
                    (_average(loans.get(p, {}), before), _average(loans.get(p, {}), after))
                    for p in peers
                ]
                compared.append(
                    (
                        sum(b for b, _a in pairs) / len(pairs),
                        sum(a for _b, a in pairs) / len(pairs),
                    )
                )
                compared_books |= peers
        effect.promoted = _side(promoted, len(promoted))
        effect.compared = _side(compared, len(compared_books))
        effects.append(effect)
    return effects


def _side(pairs, books):
    if not pairs:
        return Side()
    return Side(
        books=books,
        before=round(sum(b for b, _a in pairs) / len(pairs), 1),
        after=round(sum(a for _b, a in pairs) / len(pairs), 1),
    )


def campaign_groups(campaigns):
    """(kind, label, page id, {book: the date of its first recommendation in the campaign})
    for each campaign page, counting its translations' recommendations too."""
    by_key = {campaign.translation_key: campaign for campaign in campaigns}
    from reading.models import CampaignPage

    rows = RecommendationPage.objects.live().values_list("path", "book_id", "recommended_on")

    # every language's copy of each campaign, by its path prefix
    copies = list(
        CampaignPage.objects.filter(translation_key__in=by_key).values_list(
            "path", "translation_key"
        )
    )
    events = {key: {} for key in by_key}
    for path, book_id, first in rows:
        for prefix, key in copies:
            if path.startswith(prefix) and path != prefix:
                known = events[key].get(book_id)
                events[key][book_id] = first if known is None or first < known else known
    return [
        ("campaign", campaign.title, campaign.pk, events[campaign.translation_key])
        for campaign in campaigns
    ]


def shelf_groups(shelves):
    """(kind, label, page id, {book: the day the shelf went on display}) for each shelf."""
    from reading.models import ShelfPage

    entries = ShelfPage.entries_of(shelves)
    groups = []
    for shelf in shelves:
        day = shelf.on_display_since or (
            timezone.localdate(shelf.first_published_at) if shelf.first_published_at else None
        )
        books = {book.pk: day for book, _line in entries.get(shelf.pk, [])} if day else {}
        groups.append(("shelf", shelf.title, shelf.pk, books))
    return groups
