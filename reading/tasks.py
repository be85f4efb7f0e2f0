"""Background work of the reading app: OCR of archived notes.

The upload request only archives the file and queues `ocr_item`; a worker (or, in the quick
start and the tests, the immediate backend) reads the note. Whatever goes wrong, the original
stays as it is and the item records why it failed, so that `ocr --retry-failed` can try again.
"""

import logging

from django_tasks import task

from django.db import transaction
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


def run_ocr(item_pk, engine=None, force=False):
    """Claim the item (waiting or failed -> running), read it, record the draft or the reason.

    The claim is one conditional UPDATE, so two workers never read the same note twice.
    """
    from reading.models import ArchiveItem, OcrStatus

    claimable = [OcrStatus.WAITING, OcrStatus.FAILED]
    if force:
        claimable.append(OcrStatus.DONE)
    claimed = ArchiveItem.objects.filter(pk=item_pk, ocr_status__in=claimable).update(
        ocr_status=OcrStatus.RUNNING, ocr_error=""
    )
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
    with transaction.atomic():
        item.ocr_status = OcrStatus.DONE
        item.ocr_error = ""
        item.ocr_draft = result.text
        item.ocr_engine = result.engine
        item.ocr_engine_version = result.engine_version
        item.ocr_languages = "+".join(result.languages)
        item.ocr_confidence = result.mean_confidence
        item.ocr_seconds = round(result.seconds, 3)
        item.ocr_finished_at = timezone.now()
        item.save()
    return item.ocr_status


def _failed(item, reason):
    from reading.models import OcrStatus

    logger.warning("ocr failed", extra={"item": item.pk, "reason": reason})
    item.ocr_status = OcrStatus.FAILED
    item.ocr_error = reason
    item.ocr_finished_at = timezone.now()
    item.save(update_fields=["ocr_status", "ocr_error", "ocr_finished_at"])
    return item.ocr_status
