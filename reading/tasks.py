"""Background work of the reading app: OCR of archived notes.

The upload request only archives the file and queues `ocr_item`; a worker (or, in the quick
start and the tests, the immediate backend) reads the note. Whatever goes wrong, the original
stays as it is and the item records why it failed, so that `ocr --retry-failed` can try again.
"""

import logging

from django_tasks import task

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from reading.ocr import OcrError, get_engine

logger = logging.getLogger(__name__)


@task()
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
    stuck = Q(ocr_status=OcrStatus.RUNNING, ocr_started_at__lt=now - stuck_after())
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
