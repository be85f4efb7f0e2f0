"""What happens to a submission: the receipt, the librarian's decision, and the emails.

Kept out of the views so that the admin queue, a management command or a test make the same
decision the same way. Each decision is one transaction: a failure leaves the submission as
it was (still in the queue), never a recommendation page without its book or note. Emails
are sent after the commit, in the reader's language; a mail server that is down is logged
and does not undo the decision.
"""

import logging
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from reading import retention, suggestions
from reading.duplicates import find_books
from reading.emails.submissions import send_submission_email
from reading.models import Book, RecommendationPage, Recommender, Submission
from reading.tasks import queue_submission_notice
from website.search.cjk import has_cjk

logger = logging.getLogger(__name__)


def _send(submission, kind, request=None):
    """Email the reader about their submission, in the language they wrote in, by a task
    (reading.emails.submissions); the callers enqueue it once the decision is committed."""
    send_submission_email.enqueue(submission.pk, kind)
    return True


def receive(submission):
    """Acknowledge a stored submission (already saved: the email can only follow it), and
    tell the librarians who moderate that it waits."""
    queue_submission_notice(submission.pk)
    return _send(submission, "received")


def _find_or_create_book(submission, book=None, new_book=False):
    if book is None and not new_book:
        found = find_books(
            isbn=submission.isbn,
            title=submission.title,
            author=submission.author,
            book=submission.book,
        )
        book = found[0] if found else None
    if book is None:
        book = Book(
            title=submission.title or submission.isbn,
            authors=submission.author,
            isbn13=submission.isbn,
            language="zh" if has_cjk(submission.title) else "en",
        )
        book.full_clean(exclude=["language"])
        book.save()
    return book


def _find_or_create_recommender(submission):
    recommender = (
        Recommender.objects.filter(email__iexact=submission.email, name=submission.name).first()
        if submission.email
        else None
    )
    if recommender is None:
        recommender = Recommender.objects.create(
            name=submission.name,
            role=submission.role,
            school=submission.school,
            email=submission.email,
            name_display=submission.name_display,
        )
    else:
        # The latest submission is the reader's latest wish about how they are named.
        recommender.role = submission.role
        recommender.school = submission.school
        recommender.name_display = submission.name_display
        recommender.save()
    return recommender


def _archive_note(submission, recommendation, user=None):
    """Archive the note's file and queue its OCR (the archive's own helper does both)."""
    if not submission.note_file:
        return None
    from reading import uploads

    with submission.note_file.open("rb") as handle:
        item, created = uploads.archive_upload(
            handle,
            user=user,
            filename=submission.note_file.name.rsplit("/", 1)[-1],
            recommendation=recommendation,
            consent_public=submission.consent_note,
        )
    if not created:  # the same scan was archived before (sent twice): link it all the same
        item.recommendation = recommendation
        item.consent_public = item.consent_public or submission.consent_note
        item.save(update_fields=["recommendation", "consent_public"])
    # One copy of a reader's handwriting: the archive's. The submission's file goes once the
    # decision is committed (a rollback keeps it, with the submission still in the queue).
    submission.archived_note = item
    transaction.on_commit(partial(retention.delete_file, submission.note_file.name))
    submission.note_file = ""
    return item


@transaction.atomic
def accept(submission, user, book=None, message="", new_book=False):
    """Create the draft recommendation (and the book and the archived note when needed).

    The book is `book` when the librarian chose one, else the duplicate found for the
    submission, else a new record; `new_book=True` insists on a new record (a match on title
    and author that is in fact another work)."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.status == Submission.Status.ACCEPTED:
        return submission.recommendation
    campaign = submission.campaign
    if campaign is None:
        raise ValueError("the campaign of this submission no longer exists")
    book = _find_or_create_book(submission, book, new_book)
    recommender = _find_or_create_recommender(submission)
    slug = (
        slugify(f"{book.title}-{submission.pk}", allow_unicode=True)[:80]
        or f"recommendation-{submission.pk}"
    )
    page = RecommendationPage(
        title=book.title[:255],
        slug=slug,
        book=book,
        recommender=recommender,
        text=submission.text,
        recommended_on=timezone.localdate(submission.created_at),
        show_note=submission.consent_note and bool(submission.note_file),
        live=False,
        owner=user,
    )
    campaign.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    suggestions.suggest(book, campaign=campaign, recommended_on=page.recommended_on)
    _archive_note(submission, page, user)
    submission.book = book
    submission.recommendation = page
    submission.status = Submission.Status.ACCEPTED
    submission.message = message
    submission.decided_at = timezone.now()
    submission.decided_by = user
    submission.save()
    transaction.on_commit(lambda: _send(submission, "accepted"))
    return page


@transaction.atomic
def request_changes(submission, user, message):
    submission.status = Submission.Status.CHANGES
    submission.message = message
    submission.decided_at = timezone.now()
    submission.decided_by = user
    submission.save()
    transaction.on_commit(lambda: _send(submission, "changes"))


@transaction.atomic
def reject(submission, user, message):
    submission.status = Submission.Status.REJECTED
    submission.message = message
    submission.decided_at = timezone.now()
    submission.decided_by = user
    submission.save()
    transaction.on_commit(lambda: _send(submission, "rejected"))
