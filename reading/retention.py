"""How long the library keeps readers' personal files, and the removal when that time is up.

A reader's handwriting is kept once. An accepted submission's note moves into the archive
(reading.moderation) and the submission keeps only a link to it; the file of a rejected
submission is kept `SUBMISSION_REJECTED_FILE_DAYS` after the decision (time for the reader to
ask, and for the librarian to change their mind) and then removed by `purge_personal_data`,
run daily by the host's scheduler. The submission's row (what the reader wrote, and the
decision) stays as the record of what was received.
"""

import datetime
import logging

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone

logger = logging.getLogger(__name__)


def rejected_file_days():
    return settings.SUBMISSION_REJECTED_FILE_DAYS


def delete_file(name):
    """Remove a stored file; one already gone is not an error."""
    if not name:
        return False
    try:
        default_storage.delete(name)
    except FileNotFoundError:
        return False
    logger.info("removed personal file", extra={"file_name": name})
    return True


def purge_rejected_note_files(now=None):
    """Remove the note files of submissions rejected more than the set number of days ago;
    returns how many were removed. Each row is cleared before its file goes, so a failure
    half-way never leaves a row pointing at a missing file."""
    from reading.models import Submission

    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=rejected_file_days())
    due = (
        Submission.objects.filter(status=Submission.Status.REJECTED, decided_at__lt=cutoff)
        .exclude(note_file="")
        .only("pk", "note_file")
    )
    removed = 0
    for submission in due.iterator():
        name = submission.note_file.name
        Submission.objects.filter(pk=submission.pk).update(note_file="")
        delete_file(name)
        removed += 1
    return removed
