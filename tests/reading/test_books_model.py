import pytest

from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import translation

from reading import isbn
from reading.models import Book, BookISBN
from tests.factories import BookFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Assert the importer's own (English) messages, whatever the catalogue translates."""
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("978-7-5366-9293-0", "9787536692930"),
        ("7-5366-9293-5", "9787536692930"),  # ISBN-10 of the same book
        ("0 553 38016 8", "9780553380163"),
        ("0-553-38016-8", "9780553380163"),
        ("9780553380163", "9780553380163"),
        ("979-10-90636-07-1", "9791090636071"),
    ],
)
def test_normalise(raw, expected):
    assert isbn.normalise(raw) == expected


@pytest.mark.parametrize(
    "raw, fragment",
    [
        ("978-7-5366-9293-1", "check digit"),
        ("7-5366-9293-X", "check digit"),
        ("12345", "characters"),
        ("97875366929A0", "only digits"),
        ("1234567890123", "978 or 979"),
        ("", "empty"),
    ],
)
def test_normalise_refuses_with_a_reason(raw, fragment):
    with pytest.raises(isbn.InvalidISBN) as error:
        isbn.normalise(raw)
    assert fragment in str(error.value)


def test_isbn10_round_trip():
    assert isbn.to_isbn10("9787536692930") == "7536692935"
    assert isbn.to_isbn10("9787030000033") == "703000003X"
    assert isbn.normalise("703000003x") == "9787030000033"
    assert isbn.to_isbn10("9791090636071") == ""


def test_extract_from_catalogue_field():
    assert isbn.extract("7-5366-9293-X (pbk.) : CNY23.00") == "7-5366-9293-X"
    assert isbn.extract("9787536692930 (平装)") == "9787536692930"
    assert isbn.extract("no isbn here") == ""


def test_holding_status_and_marks():
    both = BookFactory(copies=2, ebook_url="https://ebooks.example.edu/1")
    print_only = BookFactory(copies=1, ebook_url="")
    ebook_only = BookFactory(copies=0, call_number="", ebook_url="https://ebooks.example.edu/2")
    none = BookFactory(copies=0, call_number="", ebook_url="")
    assert [b.holding_status for b in (both, print_only, ebook_only, none)] == [
        "both",
        "print",
        "ebook",
        "none",
    ]
    assert set(Book.objects.with_holding_status("ebook")) == {ebook_only}
    assert set(Book.objects.with_holding_status("both")) == {both}


def test_isbn_index_holds_every_isbn_and_follows_edits():
    book = BookFactory(isbn13="7-5366-9293-5", other_isbns="9780765382030; 978-0-7653-7706-7")
    assert book.isbn13 == "9787536692930"
    assert set(BookISBN.objects.filter(book=book).values_list("isbn", flat=True)) == {
        "9787536692930",
        "9780765382030",
        "9780765377067",
    }
    assert list(Book.objects.by_isbn("0-7653-8203-2")) == [book]
    book.other_isbns = ""
    book.save()
    assert list(BookISBN.objects.filter(book=book).values_list("isbn", flat=True)) == [
        "9787536692930"
    ]


def test_clean_refuses_bad_and_taken_isbns():
    BookFactory(title="三体", isbn13="9787536692930")
    book = Book(title="Copy", isbn13="9787536692930", other_isbns="978-7-5366-9293-1")
    with pytest.raises(ValidationError) as error:
        book.full_clean()
    assert "check digit" in str(error.value.message_dict["other_isbns"])
    book.other_isbns = ""
    with pytest.raises(ValidationError) as error:
        book.full_clean()
    assert "三体" in str(error.value.message_dict["isbn13"])


def test_clean_refuses_a_taken_mms_id():
    BookFactory(mms_id="991000000001234")
    with pytest.raises(ValidationError) as error:
        Book(title="Other", mms_id="991000000001234").full_clean()
    assert "mms_id" in error.value.message_dict


@override_settings(
    CATALOGUE_RECORD_URL="https://primo.example.edu/fulldisplay?docid=alma{mms_id}",
    CATALOGUE_SEARCH_URL="https://primo.example.edu/search?query=any,contains,{query}",
)
def test_catalogue_url_from_patterns():
    with_mms = BookFactory(mms_id="991000000001234")
    assert (
        with_mms.catalogue_url == "https://primo.example.edu/fulldisplay?docid=alma991000000001234"
    )
    by_isbn = BookFactory(mms_id="", isbn13="9787536692930")
    assert by_isbn.catalogue_url.endswith("any,contains,9787536692930")
    by_title = BookFactory(mms_id="", isbn13="", title="人类简史")
    assert by_title.catalogue_url.endswith("any,contains,%E4%BA%BA%E7%B1%BB%E7%AE%80%E5%8F%B2")


def test_subjects_are_tags():
    book = BookFactory(subjects=["科学家传记", "科学史"])
    assert sorted(book.subjects.names()) == ["科学史", "科学家传记"]
    assert list(Book.objects.filter(subjects__name="科学史")) == [book]
