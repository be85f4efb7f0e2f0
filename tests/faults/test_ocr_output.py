"""What an engine says is machine text: it is cleaned before it is stored, and whatever goes
wrong while storing it, the item ends done or failed, never "running" for good."""

from pathlib import Path

import pytest

from django.db import DataError
from django.utils import timezone

from reading import tasks
from reading.models import OcrStatus
from reading.ocr.rapidocr import RapidOcrEngine
from reading.ocr.text import clean_engine_output
from reading.tasks import run_ocr
from tests.factories import ArchiveItemFactory

pytestmark = pytest.mark.django_db

LINE = Path(__file__).resolve().parent.parent / "fixtures" / "notes" / "line-zh.png"


def test_control_surrogate_and_non_characters_are_removed():
    raw = "活着\x00\x07 余华\ud800\ufdd0\uffff\U0010fffe\r\nline two\tend"
    text, truncated = clean_engine_output(raw, max_chars=100)
    assert text == "活着 余华\nline two\tend"
    assert truncated is False


def test_text_is_nfc_normalised():
    text, _truncated = clean_engine_output("cafe\u0301", max_chars=100)
    assert text == "caf\u00e9"


def test_overlong_text_is_cut_and_says_so():
    text, truncated = clean_engine_output("字" * 50, max_chars=10)
    assert text == "字" * 10
    assert truncated is True


@pytest.fixture
def engine_says(monkeypatch, settings):
    """Make the default engine return `text` for every page, without reading the image."""
    settings.OCR_ENGINE = "rapidocr"

    def say(text):
        monkeypatch.setattr(RapidOcrEngine, "read_page", lambda self, page: (text, 90.0))

    return say


def test_a_nul_byte_from_the_engine_is_stored_without_it(engine_says):
    engine_says("三体\x00刘慈欣")
    item = ArchiveItemFactory(data=LINE.read_bytes())
    assert run_ocr(item.pk) == OcrStatus.DONE
    item.refresh_from_db()
    assert item.ocr_draft == "三体刘慈欣"
    assert item.ocr_error == ""


def test_two_megabytes_of_output_are_cut_with_a_note(engine_says, settings):
    settings.OCR_MAX_CHARS = 1_000
    engine_says("噪" * 2_000_000)
    item = ArchiveItemFactory(data=LINE.read_bytes())
    assert run_ocr(item.pk) == OcrStatus.DONE
    item.refresh_from_db()
    assert len(item.ocr_draft) == 1_000
    assert "cut at 1000 characters" in item.ocr_error


def test_a_draft_the_database_refuses_fails_the_item(engine_says, monkeypatch):
    engine_says("三体")
    item = ArchiveItemFactory(data=LINE.read_bytes())

    def refuse(item, result):
        raise DataError("invalid byte sequence")

    monkeypatch.setattr(tasks, "_record", refuse)
    assert run_ocr(item.pk) == OcrStatus.FAILED
    item.refresh_from_db()
    assert item.ocr_status == OcrStatus.FAILED
    assert "could not be stored" in item.ocr_error
    assert item.compute_checksum() == item.sha256


def test_a_run_stuck_past_its_timeout_is_taken_again(engine_says):
    engine_says("三体")
    item = ArchiveItemFactory(data=LINE.read_bytes())
    long_ago = timezone.now() - tasks.stuck_after() - timezone.timedelta(seconds=1)
    type(item).objects.filter(pk=item.pk).update(
        ocr_status=OcrStatus.RUNNING, ocr_started_at=long_ago
    )
    assert run_ocr(item.pk) == OcrStatus.DONE


def test_a_run_still_within_its_timeout_is_left_alone(engine_says):
    engine_says("三体")
    item = ArchiveItemFactory(data=LINE.read_bytes())
    type(item).objects.filter(pk=item.pk).update(
        ocr_status=OcrStatus.RUNNING, ocr_started_at=timezone.now()
    )
    assert run_ocr(item.pk) is None
    item.refresh_from_db()
    assert item.ocr_status == OcrStatus.RUNNING


@pytest.mark.tesseract
def test_a_missing_tesseract_language_pack_is_a_failure(settings):
    settings.OCR_ENGINE = "tesseract"
    settings.OCR_LANGUAGES = "chi_sim+eng+xyz"
    item = ArchiveItemFactory(data=LINE.read_bytes())
    assert run_ocr(item.pk) == OcrStatus.FAILED
    item.refresh_from_db()
    assert "no language data for xyz" in item.ocr_error
    assert item.ocr_draft == ""
