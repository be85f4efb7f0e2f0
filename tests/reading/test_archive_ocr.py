"""OCR in the background: an upload waits, the task writes the draft; every failure is recorded
on the item with its reason, the original is kept, and the retry command recovers."""

from io import StringIO
from pathlib import Path

import pytest

from django.core.management import CommandError, call_command

from reading.models import ArchiveItem, OcrStatus
from reading.ocr import base as ocr_base
from reading.tasks import run_ocr
from reading.uploads import archive_upload
from tests.factories import ArchiveItemFactory

pytestmark = pytest.mark.django_db

LINE = Path(__file__).resolve().parent.parent / "fixtures" / "notes" / "line-zh.png"


@pytest.fixture
def tesseract(settings):
    settings.OCR_ENGINE = "tesseract"
    return settings


@pytest.mark.tesseract
def test_upload_waits_then_the_task_writes_the_draft(tesseract, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        item, _created = archive_upload(LINE.read_bytes(), filename="line.png")
    item.refresh_from_db()
    assert item.ocr_status == OcrStatus.WAITING
    assert item.ocr_draft == ""

    for callback in callbacks:
        callback()
    item.refresh_from_db()
    assert item.ocr_status == OcrStatus.DONE
    assert "现实意义" in item.ocr_draft
    assert item.ocr_engine == "tesseract"
    assert item.ocr_engine_version
    assert item.ocr_languages == "chi_sim+eng"
    assert item.ocr_confidence is not None
    assert item.ocr_finished_at is not None


@pytest.mark.tesseract
def test_missing_tesseract_fails_the_item_and_retry_recovers(tesseract, tmp_path, monkeypatch):
    item = ArchiveItemFactory(data=LINE.read_bytes())
    original = item.read_original()
    tesseract.OCR_TESSERACT_CMD = str(tmp_path / "no-tesseract")
    run_ocr(item.pk)
    item.refresh_from_db()
    assert item.ocr_status == OcrStatus.FAILED
    assert "not installed" in item.ocr_error
    assert item.read_original() == original
    assert item.compute_checksum() == item.sha256

    with pytest.raises(CommandError):
        call_command("ocr", "--retry-failed", stdout=StringIO(), stderr=StringIO())
    item.refresh_from_db()
    assert item.ocr_status == OcrStatus.FAILED

    tesseract.OCR_TESSERACT_CMD = "tesseract"
    call_command("ocr", "--retry-failed", stdout=StringIO())
    item.refresh_from_db()
    assert item.ocr_status == OcrStatus.DONE
    assert item.ocr_error == ""
    assert "现实意义" in item.ocr_draft


class FakeEngine(ocr_base.OcrEngine):
    name = "fake"
    languages = ["zh"]

    def __init__(self, error=None):
        self.error = error
        self.calls = 0

    def version(self):
        return "1.0"

    def read_page(self, page):
        self.calls += 1
        if self.error:
            raise self.error
        return "读来格外有现实意义", 88.0


@pytest.fixture
def fake_engine(monkeypatch):
    engine = FakeEngine()
    monkeypatch.setattr("reading.tasks.get_engine", lambda name=None: engine)
    return engine


def test_pending_command_reads_every_waiting_note(fake_engine):
    items = ArchiveItemFactory.create_batch(3)
    done = ArchiveItemFactory(ocr_status=OcrStatus.DONE, ocr_draft="已读")
    call_command("ocr", "--pending", stdout=StringIO())
    assert fake_engine.calls == 3
    for item in items:
        item.refresh_from_db()
        assert item.ocr_status == OcrStatus.DONE
        assert item.ocr_draft == "读来格外有现实意义"
        assert item.ocr_confidence == 88.0
    done.refresh_from_db()
    assert done.ocr_draft == "已读"


def test_a_crash_fails_the_item_with_its_reason(fake_engine):
    fake_engine.error = ValueError("segfault in the model")
    item = ArchiveItemFactory()
    assert run_ocr(item.pk) == OcrStatus.FAILED
    item.refresh_from_db()
    assert "segfault in the model" in item.ocr_error
    assert item.compute_checksum() == item.sha256


def test_a_missing_original_fails_the_item(fake_engine):
    item = ArchiveItemFactory()
    item.original.storage.delete(item.original.name)
    run_ocr(item.pk)
    item.refresh_from_db()
    assert item.ocr_status == OcrStatus.FAILED
    assert "missing" in item.ocr_error


def test_a_running_note_is_not_read_twice(fake_engine):
    item = ArchiveItemFactory()
    ArchiveItem.objects.filter(pk=item.pk).update(ocr_status=OcrStatus.RUNNING)
    assert run_ocr(item.pk) is None
    assert fake_engine.calls == 0


def test_correction_is_kept_when_ocr_runs_again(fake_engine):
    item = ArchiveItemFactory(
        ocr_status=OcrStatus.DONE, ocr_draft="旧", transcription="校对后的文字"
    )
    run_ocr(item.pk, force=True)
    item.refresh_from_db()
    assert item.ocr_draft == "读来格外有现实意义"
    assert item.transcription == "校对后的文字"
    assert item.text == "校对后的文字"


@pytest.mark.tesseract
def test_ocr_file_prints_the_pipeline_text(capsys):
    call_command("ocr_file", str(LINE), "--engine", "tesseract")
    assert "现实意义" in capsys.readouterr().out


def test_ocr_file_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError):
        call_command("ocr_file", str(tmp_path / "nothing.jpg"))


def test_ocr_needs_a_selection():
    with pytest.raises(CommandError):
        call_command("ocr")
