"""What a reader learns when the recommendation they sent is published.

The form promises an email "when your recommendation is published"; a page is published by an
editor in the page editor, long after the librarian accepted the submission, so the promise is
kept by Wagtail's `page_published` signal (connected in `ReadingConfig.ready()`). The reader is
told once: a page published again after a correction sends nothing more. Their link goes to the
recommendation in the language they wrote in when that translation is live, else to the page
that was published; the private status page links to the same page.
"""

from django.db import transaction
from django.utils import timezone

from reading.models import RecommendationPage, Submission


def published_page(submission):
    """The live recommendation made from this submission, in the reader's language when it is
    translated, or None while nothing of it is live."""
    page = submission.recommendation
    if page is None:
        return None
    pages = list(
        RecommendationPage.objects.live()
        .filter(translation_key=page.translation_key)
        .select_related("locale")
    )
    for candidate in pages:
        if candidate.locale.language_code == submission.language:
            return candidate
    for candidate in pages:
        if candidate.pk == page.pk:
            return candidate
    return pages[0] if pages else None


def published_url(submission):
    page = published_page(submission)
    return page.get_url() if page is not None else ""


def notify_published(page):
    """Email the readers whose recommendation `page` is (or translates), each once."""
    # here, not at the top: the email module imports this one for published_page()
    from reading.emails.submissions import send_submission_email

    waiting = Submission.objects.filter(
        recommendation__translation_key=page.translation_key,
        status=Submission.Status.ACCEPTED,
        published_notified_at__isnull=True,
    ).values_list("pk", flat=True)
    for pk in list(waiting):
        # one conditional UPDATE: two publications at once still tell the reader once
        claimed = Submission.objects.filter(pk=pk, published_notified_at__isnull=True).update(
            published_notified_at=timezone.now()
        )
        if claimed:
            transaction.on_commit(lambda pk=pk: send_submission_email.enqueue(pk, "published"))
