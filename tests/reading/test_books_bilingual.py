"""English pages show a book's holdings in English when the record has the English form."""

import pytest

from reading.demo import books as demo_books
from reading.models import Book
from tests.factories import BookFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def book(home):
    return BookFactory(
        title="活着",
        title_en="To Live",
        location="南科大图书馆 · 一楼思库专架",
        location_en="SUSTech Library · SiKu shelf, 1st floor",
        ebook_platform="超星电子书",
        ebook_platform_en="Chaoxing e-books",
        ebook_url="https://catalogue.library.test/活着",
        ebook_access_note="校园网或 VPN 访问",
        ebook_access_note_en="On the campus network or through the VPN",
    )


def test_english_page_shows_the_english_forms(client, book):
    html = client.get(f"/en/books/{book.pk}/").content.decode()
    assert "SiKu shelf, 1st floor" in html and "Read on Chaoxing e-books" in html
    assert "On the campus network or through the VPN" in html and "To Live" in html
    assert "一楼思库专架" not in html and "校园网或 VPN 访问" not in html


def test_chinese_page_keeps_the_catalogue_forms(client, book):
    html = client.get(f"/zh-hans/books/{book.pk}/").content.decode()
    assert "一楼思库专架" in html and "超星电子书" in html and "校园网或 VPN 访问" in html


def test_without_an_english_form_the_chinese_one_is_shown(client, home):
    plain = BookFactory(location="二楼中文图书区", copies=1)
    assert "二楼中文图书区" in client.get(f"/en/books/{plain.pk}/").content.decode()


def test_the_demo_fills_the_english_forms_once(home):
    BookFactory(
        title="三体",
        location=demo_books.SHELF,
        ebook_platform="超星电子书",
        ebook_url="https://www.chaoxing.com/",
    )
    BookFactory(
        title="Cosmos",
        location=demo_books.FOREIGN,
        ebook_platform="EBSCO eBooks",
        ebook_url="https://search.ebscohost.com/",
    )
    demo_books.fill_english_forms()
    demo_books.fill_english_forms()
    three_body = Book.objects.get(title="三体")
    assert three_body.title_en == "The Three-Body Problem"
    assert three_body.location_en == demo_books.LOCATIONS_EN[demo_books.SHELF]
    assert three_body.lead_ebook.platform_en == "Chaoxing e-books"
    assert Book.objects.get(title="Cosmos").lead_ebook.platform_en == "EBSCO eBooks"
