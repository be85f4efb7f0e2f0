"""Background work of the reading app: OCR of archived notes, and telling librarians that a
recommendation arrived.

The upload request only archives the file and queues `ocr_item` once its transaction commits;
with `TASKS_BACKEND=database` (production and `make run`) a `db_worker` process reads the note,
so no request ever waits for OCR. The tests use the immediate backend, which runs the task at
the commit, so that they stay deterministic. Whatever goes wrong, the original stays as it is
and the item records why it failed, so that `ocr --retry-failed` can try again.
"""

import logging
import shutil
from pathlib import Path

from django_tasks import task

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.users.models import UserProfile

from reading.ocr import OcrError, confidence, get_engine
from website.core import jobs
from website.core.mail import mail_task

logger = logging.getLogger(__name__)


# A librarian waits for these (index updates and the like can come after): ahead in the queue.
PEOPLE_WAITING = 50


@task(priority=PEOPLE_WAITING)
def ocr_item(item_pk):
    """Run OCR on one archived note; returns its status."""
    return run_ocr(item_pk)


def queue_ocr(item_pk):
    ocr_item.enqueue(item_pk)


def stuck_after():
    """How long a run may stay "running" before it is taken to have died with its worker:
    every page at the engine's timeout, and a minute to spare."""
    return timezone.timedelta(
        seconds=getattr(settings, "OCR_TIMEOUT", 120) * getattr(settings, "OCR_MAX_PAGES", 10) + 60
    )


def stuck_filter(now=None):
    """The items "running" for longer than any run can: their worker died with them."""
    from reading.models import OcrStatus

    now = now or timezone.now()
    return Q(ocr_status=OcrStatus.RUNNING, ocr_started_at__lt=now - stuck_after())


def retryable_filter(now=None):
    """What a librarian may queue again: a failed or done run, or one stuck "running"."""
    from reading.models import OcrStatus

    return Q(ocr_status__in=[OcrStatus.FAILED, OcrStatus.DONE]) | stuck_filter(now)


def is_stuck(item, now=None):
    from reading.models import OcrStatus

    now = now or timezone.now()
    return (
        item.ocr_status == OcrStatus.RUNNING
        and item.ocr_started_at is not None
        and item.ocr_started_at < now - stuck_after()
    )


def can_retry(item, now=None):
    from reading.models import OcrStatus

    return item.ocr_status in (OcrStatus.FAILED, OcrStatus.DONE) or is_stuck(item, now)


def run_ocr(item_pk, engine=None, force=False):
    """Claim the item (waiting, failed, or running for longer than any run can -> running),
    read it, record the draft or the reason; whatever happens, it ends done or failed.

    The claim is one conditional UPDATE, so two workers never read the same note twice.
    """
    from reading.models import ArchiveItem, OcrStatus

    claimable = [OcrStatus.WAITING, OcrStatus.FAILED]
    if force:
        claimable.append(OcrStatus.DONE)
    now = timezone.now()
    stuck = stuck_filter(now)
    claimed = ArchiveItem.objects.filter(
        Q(pk=item_pk) & (Q(ocr_status__in=claimable) | stuck)
    ).update(ocr_status=OcrStatus.RUNNING, ocr_error="", ocr_started_at=now)
    if not claimed:
        return None
    item = ArchiveItem.objects.get(pk=item_pk)
    try:
        ocr_engine = get_engine(engine)
        result = ocr_engine.recognise(item.read_original())
    except OcrError as exc:
        return _failed(item, str(exc.reason))
    except FileNotFoundError:
        return _failed(item, _("The original file is missing from storage."))
    except Exception as exc:  # a crash of an engine must not leave the item "running"
        logger.exception("ocr crashed", extra={"item": item_pk})
        return _failed(item, _("OCR crashed: %(error)s") % {"error": repr(exc)[:500]})
    try:
        with transaction.atomic():
            _record(item, result)
    except DatabaseError as exc:  # the draft could not be stored: the item must not hang
        logger.exception("ocr draft not stored", extra={"item": item_pk})
        item.refresh_from_db()
        return _failed(item, _("The draft could not be stored: %(error)s") % {"error": exc})
    return item.ocr_status


def _record(item, result):
    from reading.models import OcrStatus

    item.ocr_status = OcrStatus.DONE
    item.ocr_error = (
        _("The draft was cut at %(count)s characters: the scan may hold more than it shows.")
        % {"count": len(result.text)}
        if result.truncated
        else ""
    )
    item.ocr_draft = result.text
    item.ocr_engine = result.engine
    item.ocr_engine_version = result.engine_version
    item.ocr_languages = "+".join(result.languages)
    item.ocr_confidence = result.mean_confidence
    item.ocr_lines = result.lines
    item.ocr_needs_care = confidence.needs_careful_check(result.lines, result.mean_confidence)
    item.ocr_seconds = round(result.seconds, 3)
    item.ocr_finished_at = timezone.now()
    item.save()


def _failed(item, reason):
    from reading.models import OcrStatus

    logger.warning("ocr failed", extra={"item": item.pk, "reason": reason})
    item.ocr_status = OcrStatus.FAILED
    item.ocr_error = reason
    item.ocr_finished_at = timezone.now()
    item.save(update_fields=["ocr_status", "ocr_error", "ocr_finished_at"])
    return item.ocr_status


def librarians_to_tell():
    """Everyone who may moderate submissions (Django's model permission, superusers too) and
    has an address to write to."""
    from reading.models import Submission

    return (
        ModelPermissionPolicy(Submission)
        .users_with_permission("change")
        .filter(is_active=True)
        .exclude(email="")
        .order_by("pk")
    )


def queue_submission_notice(submission_pk):
    """After the submission commits, tell the librarians (unless the setting turns it off)."""
    if getattr(settings, "SUBMISSION_NOTIFY_LIBRARIANS", True):
        transaction.on_commit(lambda: notify_librarians.enqueue(submission_pk))


@mail_task()
def notify_librarians(submission_pk):
    """One email per librarian, in the admin language each chose; returns how many were sent."""
    from reading.models import Submission

    submission = Submission.objects.filter(pk=submission_pk).first()
    if submission is None or submission.status != Submission.Status.PENDING:
        return 0
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    url = base + reverse("reading_submissions:moderate", args=[submission.pk])
    sent = 0
    for user in librarians_to_tell():
        # the librarian's own choice, never the language of whoever triggered the task
        language = UserProfile.get_for_user(user).preferred_language or settings.LANGUAGE_CODE
        with translation.override(language):
            context = {"submission": submission, "url": url, "user": user}
            subject = render_to_string(
                "reading/campaigns/emails/librarian_new_subject.txt", context
            )
            body = render_to_string("reading/campaigns/emails/librarian_new.txt", context)
        try:
            EmailMessage(" ".join(subject.split()), body, to=[user.email]).send()
        except Exception:  # one unreachable mailbox must not keep the others uninformed
            logger.exception("could not tell librarian %s of submission %s", user.pk, submission.pk)
            continue
        sent += 1
    return sent


def export_dir():
    """Where the admin's preservation packages are written: outside MEDIA_ROOT, since a bag
    holds every note, consented or not, and is downloaded through a librarians' view only."""
    return Path(settings.ARCHIVE_EXPORT_DIR)


def export_zip_path(job_pk):
    return export_dir() / f"archive-bag-{job_pk}.zip"


@task()
def export_archive_bag(job_pk):
    """Write the BagIt package of the archive for a job and zip it for download."""
    from reading.preservation import write_bag  # it imports the models, as run_ocr does

    def work(progress):
        folder = export_dir() / f"archive-bag-{job_pk}"
        count = write_bag(folder, progress=progress)
        archive = shutil.make_archive(
            str(folder), "zip", root_dir=folder.parent, base_dir=folder.name
        )
        shutil.rmtree(folder, ignore_errors=True)
        size = export_zip_path(job_pk).stat().st_size
        progress.result = _("%(count)s notes in a validated BagIt package (%(size)s MB).") % {
            "count": count,
            "size": round(size / 1024 / 1024, 1),
        }
        progress.result_url = reverse("reading_archive:export_download", args=[job_pk])
        return archive

    return jobs.run(job_pk, work)
