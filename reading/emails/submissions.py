"""The emails a reader who recommended a book receives, in the language they wrote in: the
receipt, the librarian's decision and the publication.

Each is a background task enqueued after the transaction that decided it commits, so that a
slow or broken mail server never holds a decision back nor undoes it (it is logged; the
librarian can still write to the reader by hand). Links are absolute, to the site that serves
the campaign.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from reading.emails.clubs import site_root
from reading.models import Submission
from reading.publication import published_page
from website.core.mail import mail_task

logger = logging.getLogger(__name__)

KINDS = {"received", "accepted", "changes", "rejected", "published"}


def _absolute(path, page=None):
    root = site_root(page) if page is not None else settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return root + path


def book_title(submission):
    """The book as a reader names it in a sentence: its title only, inside the quotation
    marks (《三体》, not 《三体 / 刘慈欣》)."""
    if submission.book_id:
        return submission.book.title
    return submission.title or submission.isbn


def build_message(submission, kind):
    language = submission.language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "submission": submission,
            "site_name": getattr(settings, "WAGTAIL_SITE_NAME", ""),
            "edit_url": _absolute(submission.edit_url(), submission.campaign),
            "book_title": book_title(submission),
        }
        if kind == "published":
            page = published_page(submission)
            context["page_url"] = page.get_full_url() if page is not None else ""
        subject = render_to_string(f"reading/campaigns/emails/{kind}_subject.txt", context)
        body = render_to_string(f"reading/campaigns/emails/{kind}.txt", context)
    return EmailMessage(subject=" ".join(subject.split()), body=body, to=[submission.email])


@mail_task()
def send_submission_email(submission_id, kind):
    if kind not in KINDS:
        raise ValueError(f"unknown submission email {kind!r}")
    submission = (
        Submission.objects.select_related("campaign", "recommendation", "book")
        .filter(pk=submission_id)
        .first()
    )
    if submission is None:
        return 0
    try:
        sent = build_message(submission, kind).send()
    except Exception:  # the decision stands; the librarian can write to the reader by hand
        logger.exception("could not email submission %s (%s)", submission_id, kind)
        return 0
    logger.info("submission email sent", extra={"kind": kind, "submission": submission_id})
    return sent
