"""A book on several e-book platforms (issue 17): each with its platform, access note and link,
in the order readers should try them; imported from every platform a record names, kept across
imports that name only some, and shown, harvested and checked on every channel."""

import io

import pytest
from pymarc import Field, Indicators, Record, Subfield

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from guides import linkcheck
from reading import loan_reports, oai
from reading.importers import import_books
from reading.models import Book, BookEbook, Loan
from tests.factories import BookFactory, ShelfIndexPageFactory, ShelfPageFactory

pytestmark = pytest.mark.django_db
ISBN = "9787536692930"

CHAOXING = {
    "platform": "超星电子书",
    "platform_en": "Chaoxing e-books",
    "url": "https://www.chaoxing.com/book/santi",
    "access_note": "校园网或 VPN 访问",
    "access_note_en": "On the campus network or through the VPN",
}
WEREAD = {
    "platform": "微信读书",
    "platform_en": "WeChat Reading",
    "url": "https://weread.qq.com/book/santi",
    "access_note": "用校园账号登录，校外也能读",
    "access_note_en": "Sign in with your campus account; works off campus too",
}


@pytest.fixture(autouse=True)
def english_messages():
    with translation.override("en"):
        yield


def marc_with_portfolios(*portfolios, mms_id="991000000105466"):
    record = Record(force_utf8=True)
    record.add_field(Field(tag="001", data=mms_id))
    record.add_field(
        Field(
            tag="020", indicators=Indicators(" ", " "), subfields=[Subfield("a", "9787536692930")]
        )
    )
    record.add_field(
        Field(tag="245", indicators=Indicators("1", "0"), subfields=[Subfield("a", "三体")])
    )
    for url, collection, note in portfolios:
        record.add_field(
            Field(
                tag="AVE",
                indicators=Indicators(" ", " "),
                subfields=[Subfield("u", url), Subfield("m", collection), Subfield("n", note)],
            )
        )
    return record.as_marc()


def test_a_record_with_two_portfolios_gives_two_platforms_in_its_order():
    data = marc_with_portfolios(
        (CHAOXING["url"], "超星电子书", "校园网或 VPN 访问"),
        (WEREAD["url"], "微信读书", "校外也能读"),
    )
    report = import_books(io.BytesIO(data))
    assert report.created == 1
    book = Book.objects.get()
    assert [(e.platform, e.url) for e in book.ebook_list] == [
        ("超星电子书", CHAOXING["url"]),
        ("微信读书", WEREAD["url"]),
    ]
    assert import_books(io.BytesIO(data)).unchanged == 1
    assert BookEbook.objects.count() == 2


def test_an_export_that_names_one_platform_keeps_the_others_and_updates_its_own():
    book = BookFactory(title="三体", isbn13="9787536692930", ebooks=[CHAOXING, WEREAD])
    export = (
        "Title,ISBN,Portfolio URL,Electronic Collection,Public Note\n"
        f"三体,9787536692930,{WEREAD['url']},微信读书,仅限校内\n"
        "三体,9787536692930,https://ebookcentral.proquest.com/santi,ProQuest Ebook Central,\n"
    ).encode()
    preview = import_books(io.BytesIO(export), dry_run=True)
    assert preview.updated == 2
    change = preview.changes[0]
    assert "ebooks" in change.fields
    assert any(str(label) == "e-book platforms" for label, _old, _new in change.values)
    assert [e.access_note for e in book.ebook_list] == [
        CHAOXING["access_note"],
        WEREAD["access_note"],
    ]

    import_books(io.BytesIO(export))
    book = Book.objects.get(pk=book.pk)
    assert [(e.platform, e.access_note) for e in book.ebook_list] == [
        ("超星电子书", CHAOXING["access_note"]),
        ("微信读书", "仅限校内"),
        ("ProQuest Ebook Central", ""),
    ]
    # the English forms an editor typed are not the export's to clear
    assert book.ebook_list[1].platform_en == "WeChat Reading"


def test_a_row_with_a_link_that_is_not_a_web_address_is_rejected_and_adds_nothing():
    book = BookFactory(title="三体", isbn13="9787536692930", ebooks=[CHAOXING])
    export = "Title,ISBN,Portfolio URL\n三体,9787536692930,javascript:alert(1)\n".encode()
    report = import_books(io.BytesIO(export))
    assert report.updated == 0 and len(report.rejected) == 1
    assert "not a web address" in str(report.rejected[0])
    assert [e.url for e in Book.objects.get(pk=book.pk).ebook_list] == [CHAOXING["url"]]


def test_the_book_page_lists_every_platform_in_the_readers_language(client, home):
    book = BookFactory(title="三体", ebooks=[CHAOXING, WEREAD])
    text = client.get(f"/zh-hans/books/{book.pk}/").text
    assert text.index(CHAOXING["url"]) < text.index(WEREAD["url"])
    assert "超星电子书" in text and "用校园账号登录，校外也能读" in text
    text = client.get(f"/en/books/{book.pk}/").text
    assert "Read on WeChat Reading" in text and "works off campus too" in text
    assert "微信读书" not in text


def test_when_print_is_in_demand_only_the_first_platform_is_the_button(client, home):
    book = BookFactory(title="三体", copies=2, ebooks=[CHAOXING, WEREAD])
    Loan.objects.create(book=book, period="2024-09", loans=12)  # 6 a copy, threshold 5
    assert loan_reports.print_in_demand(book)
    page = client.get(f"/en/books/{book.pk}/").text
    assert "holdings--ebook-first" in page
    text = page[page.index('class="holdings') :]
    assert text.count('class="ebook-link button"') == 1
    assert text.index('class="ebook-link button"') < text.index(CHAOXING["url"])
    assert text.index(CHAOXING["url"]) < text.index(WEREAD["url"])


def test_harvesters_get_every_platform(rf):
    book = BookFactory(title="三体", ebooks=[CHAOXING, WEREAD])
    book = Book.objects.with_holdings().get(pk=book.pk)
    record = oai.book_marc(book, rf.get("/oai/"))
    links = [f.get_subfields("u")[0] for f in record.get_fields("856") if f.indicator2 == "0"]
    assert links == [CHAOXING["url"], WEREAD["url"]]
    assert [e["url"] for e in book.api_data()["ebooks"]] == [CHAOXING["url"], WEREAD["url"]]


def test_the_link_checker_checks_each_platform_of_a_shown_book(home):
    book = BookFactory(title="三体", ebooks=[CHAOXING, WEREAD])
    ShelfPageFactory(parent=ShelfIndexPageFactory(parent=home), books=[book])
    BookFactory(title="无人推荐", ebooks=[{"url": "https://unshown.example.edu/1"}])
    found = linkcheck.collect_links()
    assert CHAOXING["url"] in found and WEREAD["url"] in found
    assert "https://unshown.example.edu/1" not in found


def test_the_book_list_reads_every_platform_in_a_constant_number_of_queries(
    client, home, django_assert_max_num_queries
):
    for n in range(3):
        BookFactory(
            ebooks=[
                {**CHAOXING, "url": f"{CHAOXING['url']}/{n}"},
                {**WEREAD, "url": f"{WEREAD['url']}/{n}"},
            ]
        )
    client.get("/en/books/")
    with CaptureQueriesContext(connection) as few:
        assert client.get("/en/books/").status_code == 200
    for n in range(3, 20):
        BookFactory(
            ebooks=[
                {**CHAOXING, "url": f"{CHAOXING['url']}/{n}"},
                {**WEREAD, "url": f"{WEREAD['url']}/{n}"},
            ]
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/en/books/").status_code == 200


def test_the_books_list_searches_and_filters_by_format_together(client, home):
    BookFactory(title="三体", ebooks=[CHAOXING])
    BookFactory(title="三体 纸本", copies=2)
    text = client.get("/zh-hans/books/", {"format": "ebook", "q": "三体"}).text
    assert CHAOXING["url"] in text and "三体 纸本" not in text
    text = client.get("/zh-hans/books/", {"format": "print", "q": "三体"}).text
    assert "三体 纸本" in text


def test_the_admin_books_list_filters_by_holding_while_searching(admin_client):
    BookFactory(title="三体", copies=0, call_number="", ebooks=[CHAOXING])
    BookFactory(title="三体 纸本", copies=2)
    listing = "wagtailsnippets_reading_book:list"
    for query in ("三体", "Book"):
        response = admin_client.get(reverse(listing), {"holding": "ebook", "q": query})
        assert response.status_code == 200
    text = admin_client.get(reverse(listing), {"holding": "ebook", "q": "三体"}).text
    assert "三体 纸本" not in text


def test_an_ebook_platform_added_by_hand_receives_the_readers_suggestion():
    from reading import suggestions

    book = BookFactory(copies=0, call_number="", mms_id="")
    suggestion = suggestions.suggest(book)
    book = Book.objects.get(pk=book.pk)
    book.ebooks.add(BookEbook(url=CHAOXING["url"], platform="超星电子书"))
    book.save()  # what the editor's form does: the book first, then its inline rows
    suggestion.refresh_from_db()
    assert suggestion.status == "received"


def test_the_books_api_gives_every_platform_in_a_constant_number_of_queries(
    client, django_assert_max_num_queries
):
    book = BookFactory(ebooks=[CHAOXING, WEREAD])
    detail = client.get(f"/api/v2/books/{book.pk}/").json()
    assert [ebook["url"] for ebook in detail["ebooks"]] == [CHAOXING["url"], WEREAD["url"]]
    assert detail["holding_status"] == "both"
    with CaptureQueriesContext(connection) as one:
        client.get("/api/v2/books/")
    for n in range(10):
        BookFactory(ebooks=[{"url": f"https://e.example.edu/{n}"}])
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert client.get("/api/v2/books/").status_code == 200


def test_the_books_list_export_imports_back_with_every_platform(admin_client):
    BookFactory(title="三体", isbn13=ISBN, ebooks=[CHAOXING, WEREAD])
    exported = admin_client.get(
        reverse("wagtailsnippets_reading_book:list"), {"export": "csv"}
    ).getvalue()
    BookEbook.objects.all().delete()
    report = import_books(io.BytesIO(exported))
    assert not report.rejected
    book = Book.objects.get(isbn13=ISBN)
    assert [(e.platform, e.url) for e in book.ebook_list] == [
        ("超星电子书", CHAOXING["url"]),
        ("微信读书", WEREAD["url"]),
    ]


def test_a_record_with_one_bad_link_keeps_its_good_platform_and_says_so():
    data = marc_with_portfolios(
        (CHAOXING["url"], "超星电子书", ""), ("ftp://old.example.edu/santi", "旧平台", "")
    )
    report = import_books(io.BytesIO(data))
    assert report.created == 1
    assert [e.url for e in Book.objects.get().ebook_list] == [CHAOXING["url"]]
    assert any("was left out" in str(warning) for warning in report.warnings)
