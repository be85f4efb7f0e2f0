"""Tesseract is missing or hangs while a note arrives: the upload is kept whole, the item says
why its reading failed, a hung Tesseract is stopped (no process left behind), and the retry
command reads the note once Tesseract works again."""

import os
import stat
import time
from io import StringIO
from pathlib import Path

import pytest

from django.core.management import call_command

from reading.models import ArchiveItem, OcrStatus
from reading.uploads import archive_upload

pytestmark = [pytest.mark.django_db, pytest.mark.tesseract]

NOTE = Path(__file__).resolve().parent.parent / "fixtures" / "notes" / "line-zh.png"


def hanging_tesseract(folder):
    """A Tesseract that answers --version and then never finishes a page; it writes its process
    id so that the test can see it was stopped."""
    script = folder / "tesseract"
    pid_file = folder / "pid"
    script.write_text(
        "#!/bin/sh\n"
        'if [ "$1" = "--version" ]; then echo "tesseract 5.3.0"; exit 0; fi\n'
        f'echo $$ > "{pid_file}"\n'
        "exec sleep 300\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script, pid_file


def is_running(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/stat")
    return status.exists() and status.read_text().split()[2] != "Z"


def upload_note(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        item, created = archive_upload(NOTE.read_bytes(), filename="note.png")
    assert created
    item.refresh_from_db()
    return item


def assert_kept_whole(item):
    assert item.read_original() == NOTE.read_bytes()
    assert item.compute_checksum() == item.sha256
    assert ArchiveItem.objects.filter(sha256=item.sha256).count() == 1


def retry_with_real_tesseract(settings, item):
    settings.OCR_TESSERACT_CMD = "tesseract"
    settings.OCR_TIMEOUT = 60
    call_command("ocr", "--retry-failed", stdout=StringIO())
    item.refresh_from_db()
    assert item.ocr_status == OcrStatus.DONE
    assert item.ocr_error == ""
    assert "现实意义" in item.ocr_draft


def test_hanging_tesseract_is_stopped_and_the_note_kept(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    script, pid_file = hanging_tesseract(tmp_path)
    settings.OCR_ENGINE = "tesseract"
    settings.OCR_TESSERACT_CMD = str(script)
    settings.OCR_TIMEOUT = 2
    started = time.monotonic()
    item = upload_note(django_capture_on_commit_callbacks)
    # Stopped at its timeout, far inside the five minutes it would have slept.
    assert time.monotonic() - started < 120
    assert item.ocr_status == OcrStatus.FAILED
    assert "longer than 2 seconds" in item.ocr_error
    assert item.ocr_draft == ""
    assert_kept_whole(item)
    assert pid_file.exists()
    assert not is_running(int(pid_file.read_text()))
    retry_with_real_tesseract(settings, item)


def test_missing_tesseract_fails_the_reading_not_the_upload(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.OCR_ENGINE = "tesseract"
    settings.OCR_TESSERACT_CMD = str(tmp_path / "not-installed" / "tesseract")
    item = upload_note(django_capture_on_commit_callbacks)
    assert item.ocr_status == OcrStatus.FAILED
    assert "not installed" in item.ocr_error
    assert_kept_whole(item)
    retry_with_real_tesseract(settings, item)
