"""Book subjects in the reader's language (#13): the book list's subject filter, the book page
and the shelf filter show a subject's English form on English pages, and a Chinese subject and
the English subject of the same name (an English book's) are one choice."""

import re

import pytest

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import BookFactory, TermInEnglishFactory

pytestmark = pytest.mark.django_db


def _options(html):
    select = re.search(r'<select id="book-subject".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)[1:]


@pytest.fixture
def books(home):
    TermInEnglishFactory(tag__name="科学家传记", name="Scientists' biographies")
    TermInEnglishFactory(tag__name="宇宙学", name="Cosmology")
    return {
        "钱学森传": BookFactory(title="钱学森传", subjects=["科学家传记", "航天"]),
        "Genius": BookFactory(title="Genius", language="en", subjects=["Scientists' biographies"]),
        "时间简史": BookFactory(title="时间简史", subjects=["宇宙学"]),
    }


def test_the_english_book_list_offers_english_subjects(client, books):
    html = client.get("/en/books/").text
    assert _options(html) == [
        ("宇宙学", "Cosmology"),
        ("科学家传记", "Scientists&#x27; biographies"),
        ("航天", "航天"),  # no English form yet: the librarian's word stays
    ]


def test_the_chinese_book_list_offers_the_chinese_subjects(client, books):
    html = client.get("/zh-hans/books/", HTTP_ACCEPT_LANGUAGE="zh-hans").text
    assert [value for value, _label in _options(html)] == ["宇宙学", "科学家传记", "航天"]
    assert "Scientists" not in re.search(r'<select id="book-subject".*?</select>', html, re.S)[0]


def test_one_subject_finds_the_chinese_and_the_english_books(client, books):
    url = reverse("reading:book_list")
    for subject in ("科学家传记", "Scientists' biographies"):
        text = client.get(url, {"subject": subject}).text
        assert "钱学森传" in text and "Genius" in text and "时间简史" not in text, subject


def test_the_english_book_page_names_its_subjects_in_english(client, books):
    text = client.get(f"/en/books/{books['钱学森传'].pk}/").text
    assert "Scientists&#x27; biographies" in text and "科学家传记" not in text
    chinese = client.get(
        f"/zh-hans/books/{books['钱学森传'].pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans"
    ).text
    assert "科学家传记" in chinese


def test_english_subjects_cost_no_query_per_book_or_subject(
    client, home, django_assert_max_num_queries
):
    url = "/en/books/"
    for n in range(3):
        TermInEnglishFactory(tag__name=f"学科{n}", name=f"Subject {n}")
        BookFactory(subjects=[f"学科{n}"], ebook_url=f"https://e.example.edu/{n}")
    client.get(url)
    cache.clear()
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(3, 40):
        TermInEnglishFactory(tag__name=f"学科{n}", name=f"Subject {n}")
        BookFactory(subjects=[f"学科{n}", "学科0"], ebook_url=f"https://e.example.edu/{n}")
    cache.clear()
    with django_assert_max_num_queries(len(few)):
        html = client.get(url).text
    assert len(_options(html)) == 40 and ("学科39", "Subject 39") in _options(html)
