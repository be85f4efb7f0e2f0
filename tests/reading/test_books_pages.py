"""The public book pages: print and e-book together, in a constant number of queries."""

import json
import re

import pytest

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tests.factories import BookFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_book_page_shows_print_and_ebook_side_by_side(client, home, settings):
    settings.CATALOGUE_RECORD_URL = "https://primo.library.test/fulldisplay?docid=alma{mms_id}"
    book = BookFactory(
        title="人类简史",
        subtitle="从动物到上帝",
        authors="尤瓦尔·赫拉利; 林俊宏",
        isbn13="9787508647357",
        mms_id="991000000205466",
        call_number="K02/H323",
        location="南科大图书馆 · 三楼社科书库",
        copies=3,
        ebook_platform="超星电子书",
        ebook_url="https://ebooks.example.edu/chaoxing/9787508647357",
        ebook_access_note="校园网或 VPN 访问",
        subjects=["人类学"],
    )
    response = client.get(f"/en/books/{book.pk}/")
    assert response.status_code == 200
    text = response.text
    assert "人类简史" in text and "K02/H323" in text and "南科大图书馆 · 三楼社科书库" in text
    assert "holding-mark--both" in text
    assert 'href="https://ebooks.example.edu/chaoxing/9787508647357"' in text
    assert "校园网或 VPN 访问" in text
    assert "alma991000000205466" in text  # the catalogue record link, from the setting
    data = json.loads(re.search(r'application/ld\+json">(.*?)</script>', text, re.S).group(1))
    assert data["@type"] == "Book" and data["isbn"] == "9787508647357"
    assert {e["bookFormat"] for e in data["workExample"]} == {
        "https://schema.org/Hardcover",
        "https://schema.org/EBook",
    }


@pytest.mark.parametrize(
    "fields, mark",
    [
        ({"copies": 2, "ebook_url": ""}, "print"),
        ({"copies": 0, "call_number": "", "ebook_url": "https://e.example.edu/1"}, "ebook"),
    ],
)
def test_book_page_marks_print_only_and_ebook_only(client, home, fields, mark):
    book = BookFactory(**fields)
    text = client.get(f"/zh-hans/books/{book.pk}/").text
    assert f"holding-mark--{mark}" in text


def test_unknown_book_is_404(client, home):
    assert client.get("/en/books/999999/").status_code == 404


def test_book_page_sections_are_pluggable(client, home):
    """Campaigns add "recommended by N readers" this way; here a section reuses an include."""
    from reading.views import books as views

    book = BookFactory()
    before = client.get(f"/en/books/{book.pk}/").text.count('class="holdings ')
    views.register_book_section(
        "reading/includes/holdings.html", lambda request, book: {"shown": True}
    )
    views.register_book_section("reading/includes/holdings.html", lambda request, book: None)
    try:
        cache.clear()
        text = client.get(f"/en/books/{book.pk}/").text
        assert text.count('class="holdings ') == before + 1
    finally:
        del views.BOOK_SECTIONS[-2:]


def test_book_list_filters_and_search(client, home):
    BookFactory(title="钱学森传", ebook_url="https://e.example.edu/q")
    BookFactory(title="平凡的世界", ebook_url="")
    BookFactory(title="费曼传", call_number="", copies=0, ebook_url="https://e.example.edu/f")
    url = reverse("reading:book_list")
    ebooks = client.get(url, {"format": "ebook"}).text
    assert "钱学森传" in ebooks and "费曼传" in ebooks and "平凡的世界" not in ebooks
    prints = client.get(url, {"format": "print"}).text
    assert "钱学森传" in prints and "平凡的世界" in prints and "费曼传" not in prints
    text = client.get(url, {"q": "学森"}).text
    assert "钱学森传" in text and "平凡的世界" not in text


def test_book_list_by_subject_and_refusals(client, home):
    BookFactory(title="钱学森传", subjects=["传记"])
    BookFactory(title="平凡的世界", subjects=["小说"])
    url = reverse("reading:book_list")
    text = client.get(url, {"subject": "传记"}).text
    assert "钱学森传" in text and "平凡的世界" not in text
    assert '<option value="小说">' in text  # every subject can be chosen
    # A format, subject or page that does not exist is no error: the nearest answer.
    for params in ({"format": "vinyl"}, {"page": "x"}, {"page": "999"}, {"subject": "无" * 500}):
        response = client.get(url, params)
        assert response.status_code == 200, params
    assert "钱学森传" in client.get(url, {"format": "vinyl", "page": "999"}).text


def test_book_list_is_paged_and_keeps_the_filters(client, home):
    from reading.listing import PER_PAGE

    for n in range(PER_PAGE + 3):
        BookFactory(title=f"书 {n:02d}", ebook_url=f"https://e.example.edu/{n}")
    url = reverse("reading:book_list")
    first = client.get(url, {"format": "ebook"}).text
    assert first.count('class="card book-card') == PER_PAGE
    assert 'href="?format=ebook&amp;page=2"' in first
    second = client.get(url, {"format": "ebook", "page": 2}).text
    assert second.count('class="card book-card') == 3
    assert f"{PER_PAGE + 3} books" in second


def test_book_list_queries_do_not_grow_with_books(client, home, django_assert_max_num_queries):
    """A full page of books with covers, subjects and both holdings costs what 5 books cost."""
    from reading.listing import PER_PAGE

    for n in range(5):
        BookFactory(subjects=["传记"], ebook_url=f"https://e.example.edu/{n}")
    url = reverse("reading:book_list")
    client.get(url)  # warm the site and locale lookups
    cache.clear()  # the public page cache would answer without any query
    with CaptureQueriesContext(connection) as few:
        client.get(url, {"format": "ebook", "subject": "传记"})
    assert len(few) > 0
    for n in range(95):
        BookFactory(subjects=["传记", "科学"], ebook_url=f"https://e.example.edu/x{n}")
    cache.clear()
    with django_assert_max_num_queries(len(few)):
        response = client.get(url, {"format": "ebook", "subject": "传记"})
    assert response.text.count('class="card book-card') == PER_PAGE
    assert response.text.count("holding-mark--both") == PER_PAGE
