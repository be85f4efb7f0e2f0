"""The OCR draft keeps the engine's confidence per line and per character; the lines it was
unsure of are shown first in the correction view, their unsure characters marked, and a
note with such a line is flagged "to check carefully" in the archive list and its filter.
A draft that is sure throughout says so (it still needs a reading check)."""

from pathlib import Path

import pytest

from django.urls import reverse

from reading.models import ArchiveItem, OcrStatus, ReviewStatus
from reading.ocr import confidence
from tests.factories.archive import ArchiveItemFactory

NOTE = Path(__file__).resolve().parents[1] / "fixtures" / "notes" / "line-zh.png"

SURE = {"page": 1, "text": "读《史记》", "confidence": 99.6, "char_confidences": [99.9] * 5}
UNSURE = {
    "page": 1,
    "text": "这本書很好",
    "confidence": 95.5,
    "char_confidences": [99.0, 98.0, 42.0, 97.0, 99.0],
}


def test_unsure_characters_are_marked_in_their_line():
    (line,) = confidence.lines([UNSURE])
    assert [(span.text, span.uncertain) for span in line.spans] == [
        ("这本", False),
        ("書", True),
        ("很好", False),
    ]
    assert line.uncertain


def test_a_doubted_line_without_a_doubted_character_is_checked_whole():
    doubted = {**SURE, "confidence": 90.0}
    (line,) = confidence.lines([doubted])
    assert [(span.text, span.uncertain) for span in line.spans] == [("读《史记》", True)]


def test_a_line_without_character_scores_is_judged_by_its_own():
    (line,) = confidence.lines([{"text": "Sapiens", "confidence": 70.0}])
    assert line.spans[0].uncertain
    (line,) = confidence.lines([{"text": "Sapiens", "confidence": 99.0}])
    assert not line.uncertain


def test_which_notes_need_a_careful_check(settings):
    assert confidence.needs_careful_check([SURE, UNSURE], 97.0)
    assert not confidence.needs_careful_check([SURE], 99.6)
    # an engine without lines (Tesseract) is judged by its mean
    assert confidence.needs_careful_check([], 70.0)
    assert not confidence.needs_careful_check([], 99.0)
    assert not confidence.needs_careful_check([], None)
    settings.OCR_UNCERTAIN_CHAR_BELOW = 30
    settings.OCR_UNCERTAIN_LINE_BELOW = 90
    assert not confidence.needs_careful_check([UNSURE], 95.5)


@pytest.mark.django_db
def test_the_real_engine_stores_its_lines_and_the_flag():
    from reading.tasks import run_ocr

    item = ArchiveItemFactory(data=NOTE.read_bytes(), filename="line-zh.png")
    run_ocr(item.pk)
    item.refresh_from_db()

    assert item.ocr_status == OcrStatus.DONE
    assert item.ocr_lines, "the engine's lines are kept with the draft"
    first = item.ocr_lines[0]
    assert first["page"] == 1 and first["text"] and 0 <= first["confidence"] <= 100
    assert item.ocr_needs_care == confidence.needs_careful_check(
        item.ocr_lines, item.ocr_confidence
    )


def _drafted(lines):
    return ArchiveItemFactory(
        ocr_status=OcrStatus.DONE,
        ocr_draft="\n".join(line["text"] for line in lines),
        ocr_lines=lines,
        ocr_confidence=97.0,
        ocr_needs_care=confidence.needs_careful_check(lines, 97.0),
    )


@pytest.mark.django_db
def test_the_correction_view_shows_unsure_lines_first(client, editor):
    unsure, sure = _drafted([SURE, UNSURE]), _drafted([SURE])
    client.force_login(editor)

    html = client.get(reverse("reading_archive:edit", args=[unsure.pk])).content.decode()
    assert '<mark class="ocr-unsure">書</mark>' in html
    assert "unsure of 1 line" in html
    assert "读《史记》</span>" not in html.split("ocr-uncertain__lines", 1)[1].split("</ol>")[0]

    html = client.get(reverse("reading_archive:edit", args=[sure.pk])).content.decode()
    assert "Every line was read with high confidence (at least 96%)" in html
    assert "ocr-unsure" not in html


@pytest.mark.django_db
def test_the_list_flags_and_filters_the_notes_to_check_carefully(client, editor):
    unsure, sure = _drafted([SURE, UNSURE]), _drafted([SURE])
    checked = _drafted([UNSURE])
    ArchiveItem.objects.filter(pk=checked.pk).update(review_status=ReviewStatus.CHECKED)
    client.force_login(editor)

    listing = client.get(reverse("reading_archive:index")).content.decode()
    assert listing.count("to check carefully") == 1  # not for the sure nor the checked one

    filtered = client.get(reverse("reading_archive:index"), {"work": "to_check_carefully"})
    html = filtered.content.decode()
    edit = reverse("reading_archive:edit", args=[unsure.pk])
    assert edit in html
    assert reverse("reading_archive:edit", args=[sure.pk]) not in html
    assert reverse("reading_archive:edit", args=[checked.pk]) not in html
    assert set(ArchiveItem.objects.to_check_carefully()) == {unsure}


def test_an_english_line_marks_its_unsure_letters_though_the_engine_scores_no_spaces():
    record = {
        "text": "The Guns",
        "confidence": 94.0,
        "char_confidences": [99.0, 99.0, 99.0, 40.0, 45.0, 99.0, 99.0],
    }
    (line,) = confidence.lines([record])
    assert [(span.text, span.uncertain) for span in line.spans] == [
        ("The ", False),
        ("Gu", True),
        ("ns", False),
    ]
