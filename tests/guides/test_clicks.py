"""Clicks go out through /go/<kind>/<id>/: counted once, forwarded only to the record's URL."""

import pytest

from guides.models import ResourceClick
from tests.factories import BookFactory, GuidePageFactory

pytestmark = pytest.mark.django_db


def total(**lookup):
    return sum(ResourceClick.objects.filter(**lookup).values_list("clicks", flat=True))


def test_a_click_counts_once_and_forwards(guide, cnki, reader):
    response = reader.get(f"/go/database/{cnki.pk}/?g={guide.pk}")
    assert response.status_code == 302
    assert response["Location"] == "https://www.cnki.net/"
    assert "no-store" in response["Cache-Control"]
    assert total(kind="database", object_id=cnki.pk, guide=guide) == 1
    reader.get(f"/go/database/{cnki.pk}/?g={guide.pk}")
    reader.get(f"/go/database/{cnki.pk}/")
    assert total(kind="database", object_id=cnki.pk, guide=guide) == 2
    assert total(kind="database", object_id=cnki.pk, guide=None) == 1
    assert ResourceClick.objects.count() == 2  # one row per resource, guide and day


@pytest.mark.parametrize(
    "query",
    [
        "next=https://evil.example/",
        "url=https://evil.example/",
        "to=//evil.example/",
        "g=https://evil.example/",
    ],
)
def test_the_redirect_never_goes_anywhere_but_the_record(cnki, reader, query):
    response = reader.get(f"/go/database/{cnki.pk}/?{query}")
    assert response.status_code == 302
    assert response["Location"] == "https://www.cnki.net/"


def test_unknown_records_and_kinds_are_not_found(cnki, reader):
    # Django's LocaleMiddleware sends an unprefixed 404 to the language prefix first.
    for path in ("/go/database/999999/", f"/go/page/{cnki.pk}/", f"/go/user/{cnki.pk}/"):
        response = reader.get(path, follow=True)
        assert response.status_code == 404
        assert all(not url.startswith("http") for url, _status in response.redirect_chain)
    assert ResourceClick.objects.count() == 0


def test_a_guide_that_is_not_published_is_not_credited(guide_index, cnki, reader):
    draft = GuidePageFactory(parent=guide_index, slug="draft", live=False)
    reader.get(f"/go/database/{cnki.pk}/?g={draft.pk}")
    reader.get(f"/go/database/{cnki.pk}/?g=abc")
    assert total(guide=None) == 2
    assert total(guide=draft) == 0


@pytest.mark.parametrize(
    "agent",
    [
        "",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; Baiduspider/2.0)",
        "curl/8.5.0",
        "python-requests/2.32",
        "LibraryGuidesLinkChecker/1.0",
    ],
)
def test_robots_are_forwarded_but_not_counted(cnki, client, agent):
    response = client.get(f"/go/database/{cnki.pk}/", HTTP_USER_AGENT=agent)
    assert response.status_code == 302
    assert ResourceClick.objects.count() == 0


def test_prefetch_and_head_are_not_counted(cnki, reader):
    reader.get(f"/go/database/{cnki.pk}/", HTTP_SEC_PURPOSE="prefetch")
    reader.head(f"/go/database/{cnki.pk}/")
    assert ResourceClick.objects.count() == 0
    assert reader.post(f"/go/database/{cnki.pk}/").status_code == 405


def test_a_book_click_goes_to_its_ebook_or_catalogue(reader, settings):
    settings.CATALOGUE_SEARCH_URL = "https://catalogue.example.edu/search?q={query}"
    ebook = BookFactory(ebook_url="https://ebooks.example.com/1")
    print_only = BookFactory(ebook_url="")
    assert reader.get(f"/go/book/{ebook.pk}/")["Location"] == "https://ebooks.example.com/1"
    location = reader.get(f"/go/book/{print_only.pk}/")["Location"]
    assert location.startswith("https://catalogue.example.edu/search?q=")
    assert total(kind="book") == 2


def test_the_catalogue_search_box_goes_only_to_the_catalogue(reader, settings):
    settings.CATALOGUE_SEARCH_URL = "https://catalogue.example.edu/search?q={query}"
    response = reader.get("/go/catalogue/", {"q": "英语 分级读物", "prefill": "English"})
    assert response["Location"] == (
        "https://catalogue.example.edu/search?q=English%20%E8%8B%B1%E8%AF%AD%20"
        "%E5%88%86%E7%BA%A7%E8%AF%BB%E7%89%A9"
    )
    empty = reader.get("/go/catalogue/", {"next": "https://evil.example/"})
    assert empty["Location"] == "https://catalogue.example.edu/search"


def test_without_a_catalogue_the_search_box_searches_the_book_list_in_the_pages_language(
    reader, settings
):
    """A library that has set no CATALOGUE_SEARCH_URL (the quick start) sends nobody to a
    made-up host: the box searches the site's own books, in the language of the guide."""
    settings.CATALOGUE_SEARCH_URL = ""
    response = reader.get("/go/catalogue/", {"q": "分级读物", "prefill": "English", "lang": "en"})
    assert response["Location"] == "/en/books/?q=English+%E5%88%86%E7%BA%A7%E8%AF%BB%E7%89%A9"
    chinese = reader.get("/go/catalogue/", {"q": "三体", "lang": "zh-hans"})
    assert chinese["Location"] == "/zh-hans/books/?q=%E4%B8%89%E4%BD%93"
    # an unknown language is the reader's own, never an address of the request's choosing
    odd = reader.get("/go/catalogue/", {"lang": "//evil.example/"})
    assert odd["Location"] in ("/zh-hans/books/", "/en/books/")


def test_without_a_catalogue_a_print_book_click_opens_its_page_here(reader, settings):
    settings.CATALOGUE_SEARCH_URL = ""
    settings.CATALOGUE_RECORD_URL = ""
    book = BookFactory(ebook_url="", mms_id="991234")
    assert reader.get(f"/go/book/{book.pk}/")["Location"] == book.get_absolute_url()
    assert total(kind="book") == 1
