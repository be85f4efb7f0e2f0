"""The emails a recommender receives about the book they recommended: it has arrived, and it
stands on a themed shelf. In their language, with the book's (and the shelf's) link, once.

A notice row is written before each email under a unique constraint, so a task run twice, an
import that comes after the shelf, or a shelf published again tells nobody twice. A book put
straight on a shelf sends the shelf's email alone: it says the book is here too.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from reading.models import PurchaseSuggestion, ShelfPage, SuggestionNotice
from website.core.mail import mail_task

logger = logging.getLogger(__name__)

Reason = SuggestionNotice.Reason


def _root():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def _shelf_in(shelf, language):
    """The shelf page in the reader's language when it is live, else the shelf itself."""
    if shelf is None:
        return None
    translated = (
        ShelfPage.objects.for_readers()
        .filter(translation_key=shelf.translation_key, locale__language_code=language)
        .first()
    )
    return translated or shelf


def build_message(suggestion, reason, email, language, name):
    language = language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    with translation.override(language):
        book = suggestion.book
        shelf = _shelf_in(suggestion.shelf, language) if reason == Reason.SHELVED else None
        context = {
            "name": name,
            "book_title": book.display_title,
            "book_url": _root() + reverse("reading:book_detail", args=[book.pk]),
            "shelf": shelf,
            "shelf_url": shelf.get_full_url() if shelf is not None else "",
            "call_number": book.call_number,
            "location": book.display_location,
        }
        subject = render_to_string(f"reading/suggestions/emails/{reason}_subject.txt", context)
        body = render_to_string(f"reading/suggestions/emails/{reason}.txt", context)
    return EmailMessage(subject=" ".join(subject.split()), body=body, to=[email])


def _claim(suggestion, email, reason):
    """The notice row for this email and step, or None if someone already has it."""
    try:
        with transaction.atomic():
            return SuggestionNotice.objects.create(
                suggestion=suggestion, email=email.lower(), reason=reason
            )
    except IntegrityError:
        return None


@mail_task()
def send_suggestion_notices(suggestion_id, reason):
    """Tell every recommender with an email of this step, each once; returns emails sent."""
    from reading.suggestions import recipients

    reason = Reason(reason)
    suggestion = (
        PurchaseSuggestion.objects.select_related("book", "shelf").filter(pk=suggestion_id).first()
    )
    if suggestion is None:
        return 0
    sent = 0
    for email, language, name in recipients(suggestion):
        if (
            reason == Reason.RECEIVED
            and suggestion.notices.filter(email=email.lower(), reason=Reason.SHELVED).exists()
        ):
            continue  # already told it is on a shelf, which says it arrived
        notice = _claim(suggestion, email, reason)
        if notice is None:
            continue
        covered = None
        if reason == Reason.SHELVED:  # the shelf's email says it arrived
            covered = _claim(suggestion, email, Reason.RECEIVED)
        try:
            sent += build_message(suggestion, reason, email, language, name).send()
        except Exception:  # the step stands; the claims go, so that `notify_recommenders` retries
            logger.exception("could not email suggestion %s (%s)", suggestion_id, reason)
            notice.delete()
            if covered is not None:
                covered.delete()
            continue
        notice.sent_at = timezone.now()
        notice.save(update_fields=["sent_at"])
    return sent
