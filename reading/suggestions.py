"""The rules of purchase suggestions (reading.models.suggestions): when one is made, which
steps a librarian may take, what moves one by itself, and who is told.

One place for them, so that the queue's "accept", a recommendation published in the page
editor, a catalogue import, a book edited by hand and a shelf published all follow the same
rules. Every step is a transaction on the locked suggestion; emails are enqueued after it
commits (reading.emails.suggestions), and each recommender hears of each step once.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.models import Locale

from reading.models import Book, PurchaseSuggestion, RecommendationPage, Submission

Status = PurchaseSuggestion.Status

# The steps a librarian may take from each status. Receiving and shelving also happen by
# themselves (an import, a shelf), from any status that is not settled yet; only a published
# shelf shelves a book, since the readers' email names and links that shelf.
STEPS = {
    Status.SUGGESTED: {Status.ORDERED, Status.RECEIVED, Status.DECLINED},
    Status.ORDERED: {Status.SUGGESTED, Status.RECEIVED, Status.DECLINED},
    Status.RECEIVED: set(),
    Status.SHELVED: {Status.RECEIVED},  # taken off the display
    Status.DECLINED: {Status.SUGGESTED},
}
# A step back forgets the dates (and the shelf) of the steps it undoes.
LATER = {
    Status.SUGGESTED: ("ordered_at", "received_at", "shelved_at", "declined_at"),
    Status.ORDERED: ("received_at", "shelved_at", "declined_at"),
    Status.RECEIVED: ("shelved_at",),
}
STAMPS = {
    Status.ORDERED: "ordered_at",
    Status.RECEIVED: "received_at",
    Status.SHELVED: "shelved_at",
    Status.DECLINED: "declined_at",
}
OPEN = (Status.SUGGESTED, Status.ORDERED, Status.DECLINED)


def is_held(book):
    """Whether the library holds the book: a print copy or call number, an e-book link, or a
    catalogue record (an MMS ID). The one rule for making a suggestion and for receiving it."""
    return book.has_print or book.has_ebook or bool(book.mms_id)


def suggest(book, campaign=None, recommended_on=None):
    """The book's suggestion, made now if the library does not hold it (else None). A book
    recommended again keeps its one suggestion, whatever its status."""
    existing = PurchaseSuggestion.objects.filter(book=book).first()
    if existing is not None or is_held(book):
        return existing
    if campaign is not None:  # one campaign whatever the language it was recommended in
        campaign = campaign.get_translation_or_none(Locale.get_default()) or campaign
    suggestion, _created = PurchaseSuggestion.objects.get_or_create(
        book=book,
        defaults={
            "campaign": campaign,
            "first_recommended_on": recommended_on or timezone.localdate(),
        },
    )
    return suggestion


def suggest_for_recommendation(page):
    """A recommendation page's book, suggested if not held (its campaign is its parent)."""
    from reading.models import CampaignPage

    campaign = CampaignPage.objects.filter(pk=page.get_parent().pk).first() if page.pk else None
    if page.book_id:
        return suggest(page.book, campaign=campaign, recommended_on=page.recommended_on)
    return None


def allowed_steps(suggestion):
    return STEPS[suggestion.status]


@transaction.atomic
def move(suggestion, status, reason="", shelf=None, by_itself=False):
    """Take a suggestion to `status`. A librarian's step must be one of STEPS; an import or a
    shelf (`by_itself`) may receive or shelve from any open status. Declining needs a reason.
    Returns the suggestion; ValidationError says, in the librarian's language, why not."""
    suggestion = PurchaseSuggestion.objects.select_for_update().get(pk=suggestion.pk)
    status = Status(status)
    if status == suggestion.status:
        if status == Status.DECLINED and reason.strip():
            suggestion.decline_reason = reason.strip()  # the reason corrected
            suggestion.save(update_fields=["decline_reason", "updated_at"])
        return suggestion
    automatic = by_itself and status in (Status.RECEIVED, Status.SHELVED)
    if not automatic and status not in STEPS[suggestion.status]:
        raise ValidationError(
            _("A suggestion that is “%(current)s” cannot become “%(wanted)s”.")
            % {"current": suggestion.get_status_display(), "wanted": status.label}
        )
    if status == Status.DECLINED and not reason.strip():
        raise ValidationError(_("Say why the suggestion is declined: the reason is kept."))
    now = timezone.now()
    suggestion.status = status
    for field in LATER.get(status, ()):
        setattr(suggestion, field, None)
    if status in (Status.SUGGESTED, Status.ORDERED, Status.RECEIVED):
        suggestion.shelf = None
    if status in STAMPS:
        setattr(suggestion, STAMPS[status], now)
    if status == Status.DECLINED:
        suggestion.decline_reason = reason.strip()
    if status == Status.SHELVED:
        suggestion.received_at = suggestion.received_at or now
        suggestion.shelf = shelf or suggestion.shelf
    suggestion.save()
    if status in (Status.RECEIVED, Status.SHELVED):
        from reading.emails.suggestions import send_suggestion_notices

        transaction.on_commit(lambda: send_suggestion_notices.enqueue(suggestion.pk, status))
    return suggestion


def notify_all():
    """Tell every recommender not yet told of the step their suggestion has reached (the
    `notify_recommenders` command: a retry after the mail server was down; told once)."""
    from reading.emails.suggestions import send_suggestion_notices

    sent = 0
    for pk, status in PurchaseSuggestion.objects.filter(
        status__in=(Status.RECEIVED, Status.SHELVED)
    ).values_list("pk", "status"):
        sent += send_suggestion_notices.call(pk, status)
    return sent


def receive_held(book_ids):
    """Open suggestions of these books that the library now holds become received (a
    catalogue import brought a copy, an e-book link or a record; or a librarian typed one)."""
    open_ones = PurchaseSuggestion.objects.filter(book_id__in=book_ids, status__in=OPEN)
    books = Book.objects.prefetch_related("ebooks").in_bulk([s.book_id for s in open_ones])
    moved = []
    for suggestion in open_ones:
        if is_held(books[suggestion.book_id]):
            moved.append(move(suggestion, Status.RECEIVED, by_itself=True))
    return moved


def shelve(shelf):
    """Suggested books that stand on this published shelf are now on display; a shelf readers
    cannot see (private, restricted) shelves nothing, since the email links to it."""
    from reading.models import ShelfPage

    if not ShelfPage.objects.for_readers().filter(pk=shelf.pk).exists():
        return []
    books = {book.pk for book, _line in shelf.entries()}
    moved = []
    waiting = PurchaseSuggestion.objects.filter(book_id__in=books).exclude(status=Status.SHELVED)
    for suggestion in waiting.select_related("book"):
        if is_held(suggestion.book):
            moved.append(move(suggestion, Status.SHELVED, shelf=shelf, by_itself=True))
    return moved


def recipients(suggestion):
    """(email, language, name) of everyone who recommended the book and left an email, once
    each: the readers who sent it through the form, then the recommenders of its pages."""
    seen, found = set(), []
    submissions = Submission.objects.filter(
        book_id=suggestion.book_id, status=Submission.Status.ACCEPTED
    ).order_by("created_at")
    for submission in submissions:
        key = submission.email.strip().lower()
        if key and key not in seen:
            seen.add(key)
            found.append((submission.email, submission.language, submission.name))
    pages = (
        RecommendationPage.objects.filter(book_id=suggestion.book_id)
        .select_related("recommender", "locale")
        .order_by("first_published_at", "pk")
    )
    for page in pages:
        recommender = page.recommender
        key = (recommender.email or "").strip().lower() if recommender else ""
        if key and key not in seen:
            seen.add(key)
            found.append((recommender.email, page.locale.language_code, recommender.name))
    return found
