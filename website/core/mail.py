"""Every email the site sends goes through this backend, which hands it to the real one
(`EMAIL_DELIVERY_BACKEND`: SMTP, or the console in the quick start) and keeps what that one
refuses.

A mail server that is down, full or slow to answer must neither lose a reader's confirmation
nor stall anything: a message it refuses is stored whole, as the MIME message it was
(`HeldEmail`), and tried again by the task queue after growing pauses (`EMAIL_RETRY_DELAYS`);
after the last one it waits, "not delivered", in the admin (Reports → Undelivered emails and
a dashboard count), where a librarian sees why and sends it again with one click. The senders
(club, submission, suggestion and archive emails) count a held message as sent: it will be
delivered from here, so their own "told once" claims stay true. Delivery is at least once: a
server that took a message and then timed out before saying so gets it again on the next try,
which SMTP cannot tell apart from a refusal. Deleted once delivered: it holds addresses.
"""

import email
import logging
from datetime import timedelta
from email import generator
from io import BytesIO

from django_tasks import default_task_backend, task

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone

from .models import HeldEmail

logger = logging.getLogger(__name__)

# Every email's queue: a worker of its own (`db_worker --queue-name mail`) sends it at once,
# however long the OCR ahead of it on the default queue takes.
MAIL_QUEUE = "mail"


def mail_task(**options):
    """The task decorator of every email the site sends."""
    return task(queue_name=MAIL_QUEUE, **options)


def delivery_connection():
    return get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False)


class RetryingEmailBackend(BaseEmailBackend):
    """Sends each message through the delivery backend; keeps the ones it refuses."""

    def send_messages(self, email_messages):
        if not email_messages:
            return 0
        accepted = 0
        connection = delivery_connection()
        for message in email_messages:
            try:
                accepted += connection.send_messages([message]) or 0
            except Exception as exc:  # SMTP, socket, DNS, TLS: whatever the server did
                try:
                    held = hold(message, exc)
                except Exception:  # not even kept (the database is down): the caller hears
                    if not self.fail_silently:
                        raise exc from None
                    continue
                # the server's words may name addresses: the log says only what kind of failure
                logger.warning("email %s held for a later try (%s)", held.pk, type(exc).__name__)
                accepted += 1
        return accepted


class _Stored(email.message.Message):
    """A stored MIME message as Django's backends expect one (`as_bytes(linesep=...)`)."""

    def as_bytes(self, unixfrom=False, linesep="\n"):
        out = BytesIO()
        generator.BytesGenerator(out, mangle_from_=False).flatten(
            self, unixfrom=unixfrom, linesep=linesep
        )
        return out.getvalue()


class StoredMessage(EmailMessage):
    """A held email, sent again byte for byte (headers, HTML part, attachments and all)."""

    def __init__(self, held):
        super().__init__(subject=held.subject, from_email=held.from_email)
        self.to = held.recipients.split("\n")
        self._raw = bytes(held.message)

    def recipients(self):
        return [address for address in self.to if address]

    def message(self, **kwargs):
        return email.message_from_bytes(self._raw, _class=_Stored)


def _delays():
    return list(getattr(settings, "EMAIL_RETRY_DELAYS", (60, 300, 1800, 7200)))


def hold(message, exc):
    """Store a refused message and schedule its next try."""
    held = HeldEmail(
        subject=str(message.subject)[:300],
        recipients="\n".join(message.recipients()),
        from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
        message=message.message().as_bytes(linesep="\n"),
        error=_reason(exc),
    )
    _schedule(held, attempt=1)
    held.save()
    _queue(held)
    return held


def _reason(exc):
    return f"{type(exc).__name__}: {exc}"[:2000]


def _schedule(held, attempt):
    delays = _delays()
    held.attempts = attempt
    held.tried_at = timezone.now()
    if attempt <= len(delays):
        held.status = HeldEmail.Status.WAITING
        held.next_try_at = held.tried_at + timedelta(seconds=delays[attempt - 1])
    else:
        held.status = HeldEmail.Status.FAILED
        held.next_try_at = None


def _queue(held):
    """Ask the task queue for the next try at its time. A queue that cannot wait (the
    immediate backend) leaves it to `send_held_emails`, the scheduled sweep."""
    if held.next_try_at is None or not default_task_backend.supports_defer:
        return
    pk, when = held.pk, held.next_try_at
    transaction.on_commit(lambda: retry_held_email.using(run_after=when).enqueue(pk))


def try_again(held_id):
    """One more try of a held email: delivered and deleted, or scheduled again (or failed).
    The row is locked so that the queue's try and the sweep's never both send it."""
    with transaction.atomic():
        held = HeldEmail.objects.select_for_update(skip_locked=True).filter(pk=held_id).first()
        if held is None:
            return "gone"
        try:
            delivery_connection().send_messages([StoredMessage(held)])
        except Exception as exc:
            held.error = _reason(exc)
            _schedule(held, held.attempts + 1)
            held.save()
            _queue(held)
            logger.warning(
                "held email %s not delivered (attempt %s, %s)",
                held.pk,
                held.attempts,
                type(exc).__name__,
            )
            return held.status
        held.delete()
        return "sent"


@mail_task()
def retry_held_email(held_id):
    held = HeldEmail.objects.filter(pk=held_id).only("status", "next_try_at").first()
    if held is None or held.status != HeldEmail.Status.WAITING:
        return "gone"
    if held.next_try_at and held.next_try_at > timezone.now() + timedelta(seconds=5):
        return "not yet"  # a librarian's or the sweep's try already moved it on
    return try_again(held_id)


def send_due():
    """The sweep: every waiting email whose time has come, tried once more."""
    due = HeldEmail.objects.filter(
        status=HeldEmail.Status.WAITING, next_try_at__lte=timezone.now()
    ).values_list("pk", flat=True)
    results = [try_again(pk) for pk in list(due)]
    return results.count("sent"), len(results)


def send_again(held):
    """A librarian's click: one more round of tries, starting now, in the background. False
    when the queue delivered it meanwhile (the row is gone)."""
    pk = held.pk
    still_held = HeldEmail.objects.filter(pk=pk).update(
        status=HeldEmail.Status.WAITING, attempts=0, next_try_at=timezone.now()
    )
    if still_held:
        transaction.on_commit(lambda: resend_held_email.enqueue(pk))
    return bool(still_held)


@mail_task()
def resend_held_email(held_id):
    return try_again(held_id)
