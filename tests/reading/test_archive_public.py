"""Readers see a note, and find it in search, only when the recommender agreed."""

import pytest

from django.template.loader import render_to_string

from reading.models import OcrStatus
from tests.factories import ArchiveItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def consented(home):
    return ArchiveItemFactory(
        consent_public=True,
        ocr_status=OcrStatus.DONE,
        ocr_draft="草稿",
        transcription="《瓦尔登湖》提醒我在喧嚣的校园里保留一份安静。Walden taught me solitude.",
    )


@pytest.fixture
def private(home):
    return ArchiveItemFactory(
        consent_public=False,
        ocr_status=OcrStatus.DONE,
        ocr_draft="《鼠疫》在今天读来格外有现实意义。The Plague feels urgent today.",
    )


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_search_finds_a_consented_note_by_a_word_of_its_text(client, consented, private, language):
    chinese = client.get(f"/{language}/search/", {"q": "喧嚣"})
    assert chinese.status_code == 200
    assert f"/{language}/notes/{consented.pk}/" in chinese.text
    english = client.get(f"/{language}/search/", {"q": "solitude"})
    assert f"/notes/{consented.pk}/" in english.text


def test_search_never_finds_an_unconsented_note(client, consented, private):
    for query in ["现实意义", "Plague", "鼠疫"]:
        response = client.get("/zh-hans/search/", {"q": query})
        assert f"/notes/{private.pk}/" not in response.text
        assert "今天读来" not in response.text and "feels urgent" not in response.text


def test_draft_is_searchable_until_corrected(client, home):
    item = ArchiveItemFactory(
        consent_public=True, ocr_status=OcrStatus.DONE, ocr_draft="三体让我仰望星空"
    )
    assert f"/notes/{item.pk}/" in client.get("/zh-hans/search/", {"q": "仰望"}).text
    item.transcription = "《三体》让我相信想象力"
    item.save()
    assert f"/notes/{item.pk}/" not in client.get("/zh-hans/search/", {"q": "仰望"}).text
    assert f"/notes/{item.pk}/" in client.get("/zh-hans/search/", {"q": "想象力"}).text


def test_withdrawn_consent_removes_the_note_from_search(client, consented):
    consented.consent_public = False
    consented.save()
    assert f"/notes/{consented.pk}/" not in client.get("/zh-hans/search/", {"q": "喧嚣"}).text


def test_note_page_is_public_only_with_consent(client, consented, private):
    response = client.get(f"/zh-hans/notes/{consented.pk}/")
    assert response.status_code == 200
    assert "瓦尔登湖" in response.text
    assert "<img" in response.text
    assert consented.original.name not in response.text  # the original stays in the archive
    assert client.get(f"/en/notes/{private.pk}/").status_code == 404
    assert client.get("/en/notes/999999/").status_code == 404


def test_include_renders_nothing_without_consent(consented, private):
    assert "瓦尔登湖" in render_to_string("reading/includes/archive_note.html", {"note": consented})
    assert render_to_string("reading/includes/archive_note.html", {"note": private}).strip() == ""
    assert render_to_string("reading/includes/archive_note.html", {"note": None}).strip() == ""


def test_a_chinese_transcription_says_its_language_on_english_pages(client, consented):
    """The note is kept as written; on an English page its Chinese is marked as Chinese."""
    html = client.get(f"/en/notes/{consented.pk}/").text
    assert '<div class="archive-note-text" lang="zh-Hans">' in html
    consented.transcription = "Walden taught me solitude."
    consented.save()
    html = client.get(f"/en/notes/{consented.pk}/").text
    assert '<div class="archive-note-text">' in html
