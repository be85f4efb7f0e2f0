"""Importing Alma exports: every format, every rejection, idempotency, bad files."""

import io
from pathlib import Path

import pytest

from django.core.management import CommandError, call_command
from django.utils import translation

from reading.importers import detect_format, import_books
from reading.importers.readers import UnreadableFile
from reading.models import Book, BookISBN
from tests.factories import BookFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Assert the importer's own (English) messages, whatever the catalogue translates."""
    with translation.override("en"):
        yield


FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
FORMATS = {
    "alma_books.csv": "csv",
    "alma_books_gbk.csv": "csv",
    "alma_books.xlsx": "xlsx",
    "alma_books.mrc": "marc",
    "alma_books.xml": "marcxml",
}


def run(name, **kwargs):
    with (FIXTURES / name).open("rb") as handle:
        return import_books(handle, **kwargs)


def run_bytes(data, **kwargs):
    return import_books(io.BytesIO(data), **kwargs)


@pytest.mark.parametrize("name, kind", FORMATS.items())
def test_each_format_imports_the_eight_books(name, kind):
    report = run(name)
    assert report.ok, report.fatal
    assert report.format == kind
    assert (report.created, report.updated, len(report.rejected)) == (8, 0, 0)
    three_body = Book.objects.get(mms_id="991000000105466")
    assert three_body.title == "三体"
    assert three_body.authors == "刘慈欣"
    assert three_body.isbn13 == "9787536692930"
    assert three_body.publisher == "重庆出版社"
    assert three_body.year == 2008
    assert three_body.language == "zh"
    assert three_body.call_number == "I247.55/L712"
    assert three_body.location == "南科大图书馆 · 一楼思库专架"
    assert three_body.copies == 4
    assert three_body.holding_status == "print"
    assert sorted(three_body.subjects.names()) == ["中国文学", "科幻小说"]
    # The ISBN-10 printed in the book is another ISBN of the same work, converted.
    assert list(Book.objects.by_isbn("7-5366-9293-5")) == [three_body]

    sapiens = Book.objects.get(isbn13="9787508647357")
    assert sapiens.subtitle == "从动物到上帝"
    assert sapiens.authors == "尤瓦尔·赫拉利; 林俊宏"
    assert sapiens.holding_status == "both"
    [ebook] = sapiens.ebook_list
    assert ebook.url == "https://ebooks.example.edu/chaoxing/9787508647357"
    assert ebook.platform == "超星电子书"
    assert "VPN" in ebook.access_note

    helix = Book.objects.get(isbn13="9780743216302")
    assert helix.title == "The double helix"
    assert helix.authors == "Watson, James D."
    assert helix.language == "en"
    assert helix.holding_status == "ebook"


@pytest.mark.parametrize("name", FORMATS)
def test_second_import_changes_nothing(name):
    run(name)
    before = list(Book.objects.values_list("pk", "updated_at"))
    report = run(name)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 8)
    assert list(Book.objects.values_list("pk", "updated_at")) == before
    assert Book.objects.count() == 8


def test_formats_agree_with_each_other():
    """A book imported from CSV is the same book when its MARC record arrives."""
    run("alma_books.csv")
    report = run("alma_books.mrc")
    assert report.created == 0
    assert Book.objects.count() == 8
    # An ISBN-10 converts to the ISBN-13 already there: one index entry per book.
    assert BookISBN.objects.count() == 8


def test_match_by_isbn_adds_the_holding_and_keeps_the_editor_fields():
    book = BookFactory(
        title="三体",
        isbn13="9787536692930",
        mms_id="",
        call_number="",
        copies=0,
        summary="编辑写的简介",
        ebook_url="https://ebooks.example.edu/santi",
    )
    report = run("alma_books.csv")
    assert report.created == 7 and report.updated == 1
    book.refresh_from_db()
    assert book.mms_id == "991000000105466"
    assert book.call_number == "I247.55/L712"
    assert book.summary == "编辑写的简介"
    assert book.holding_status == "both"


def test_print_and_electronic_records_of_one_work_become_one_book():
    """Alma keeps separate print and e-book records; the e-book record lists the print ISBN."""
    print_book = BookFactory(
        title="人类简史", isbn13="9787508647357", mms_id="991000000205466", ebook_url=""
    )
    electronic = (
        "MMS Id,Title,ISBN,Portfolio URL,Electronic Collection\n"
        "991999999905466,人类简史,9787508647357,https://ebooks.example.edu/sapiens,超星电子书\n"
    ).encode()
    report = run_bytes(electronic)
    assert (report.created, report.updated) == (0, 1)
    print_book.refresh_from_db()
    assert print_book.mms_id == "991000000205466"  # the print record's MMS ID is kept
    assert print_book.holding_status == "both"
    assert run_bytes(electronic).unchanged == 1


def test_marc8_chinese_survives():
    report = run("alma_books_marc8.mrc")
    assert report.created == 1, report.rejected
    book = Book.objects.get()
    assert book.title == "居里夫人传"
    assert book.authors == "居里, 艾芙"
    assert book.publisher == "北京燕山出版社"
    assert book.call_number == "K835.656.13 A182"
    assert book.location == "南科大图书馆 · 一楼思库专架"
    assert book.copies == 1


def test_chinese_is_searchable_after_import():
    run("alma_books.mrc")
    from website.search.cjk import query_text

    hits = Book.objects.search(query_text("稼先"), operator="and")
    assert [book.title for book in hits] == ["邓稼先传"]


# Rejections ------------------------------------------------------------------------------


def test_marc_rejections_name_the_record_and_the_reason():
    report = run("alma_rejects.mrc")
    assert report.created == 1
    reasons = {r.position: r.reason for r in report.rejected}
    assert "no 245" in reasons["record 1"]
    assert "missing title" in reasons["record 1"]
    assert "bad ISBN" in reasons["record 2"] and "check digit" in reasons["record 2"]
    assert Book.objects.get().title == "平凡的世界"


def test_csv_rejections_name_the_line_and_the_reason():
    report = run("alma_rejects.csv")
    assert report.created == 1
    reasons = {r.position: r.reason for r in report.rejected}
    assert "check digit" in reasons["line 3"]
    assert reasons["line 4"] == "missing title"
    assert "several" in reasons["line 5"]
    assert [r.label for r in report.rejected][:1] == ["邓稼先传"]


@pytest.mark.parametrize(
    "name, fragment",
    [("alma_truncated.mrc", "broken at record 2"), ("alma_malformed.xml", "malformed")],
)
def test_a_file_broken_part_way_changes_nothing(name, fragment):
    BookFactory(title="已有的书", isbn13="9787536692930", call_number="X/1")
    report = run(name)
    assert not report.ok
    assert fragment in report.fatal
    assert (report.created, report.updated) == (0, 0)
    assert list(Book.objects.values_list("title", "call_number")) == [("已有的书", "X/1")]


@pytest.mark.parametrize(
    "data, fragment",
    [
        (b"", "empty"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ".xls"),
        (b"%PDF-1.7\n...", "PDF"),
        (b"PK\x03\x04not really a workbook", "Excel"),
        (b"<html><body>hello</body></html>", "no MARC"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a CSV"),
        (b"name,age\nAlice,3\n", "title column"),
        ("题名,ISBN\n三体,9787536692930\n".encode("utf-16-le"), "not a CSV"),
        (b"Title,ISBN\n" + bytes(range(0x80, 0x100)) * 40, "neither UTF-8"),
    ],
)
def test_unreadable_files_get_a_clear_message(data, fragment):
    report = run_bytes(data)
    assert not report.ok
    assert fragment in report.fatal
    assert Book.objects.count() == 0


def test_wrong_encoding_late_in_the_file_changes_nothing():
    """UTF-8 for the first 64 KB, then bytes that are not: refused, and rolled back."""
    head = "Title,ISBN\n" + "".join(f"书{n},\n" for n in range(8000))
    data = head.encode("utf-8") + "坏的编码,\n".encode("gb18030") + b"\xff\xfe\xfa,\n"
    report = run_bytes(data)
    assert not report.ok
    assert "UTF-8" in report.fatal
    assert Book.objects.count() == 0


def test_gb18030_csv_with_chinese_headings():
    report = run("alma_books_gbk.csv")
    assert report.created == 8
    assert Book.objects.get(isbn13="9787530212004").title == "平凡的世界"


def test_tab_separated_utf16_from_excel():
    text = "Title\tISBN\tCall Number\n三体\t978-7-5366-9293-0\tI247.55/L712\n"
    report = run_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    assert report.created == 1, report.fatal
    assert Book.objects.get().call_number == "I247.55/L712"


def test_a_100000_row_file_is_read_through_without_error():
    """Rows that are all rejected cost no database work, so this stays quick."""
    rows = "".join(f"Title {n},978-7-5366-9293-1\n" for n in range(100_000))
    report = run_bytes(("Title,ISBN\n" + rows).encode())
    assert report.ok
    assert len(report.rejected) == 100_000
    assert report.rejected[-1].position == "line 100001"


def test_detect_format_by_content_not_name():
    data = (FIXTURES / "alma_books.xml").read_bytes()
    assert detect_format(data[:1000]) == "marcxml"
    assert detect_format((FIXTURES / "alma_books.mrc").read_bytes()[:1000]) == "marc"
    assert detect_format((FIXTURES / "alma_books.xlsx").read_bytes()[:1000]) == "xlsx"
    with pytest.raises(UnreadableFile):
        detect_format(b"")


def test_xml_entities_are_not_expanded():
    data = (
        b'<?xml version="1.0"?><!DOCTYPE c [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<collection xmlns="http://www.loc.gov/MARC21/slim"><record>'
        b'<datafield tag="245" ind1="0" ind2="0"><subfield code="a">&x;</subfield></datafield>'
        b"</record></collection>"
    )
    report = run_bytes(data)
    assert "root:" not in "".join(Book.objects.values_list("title", flat=True))
    assert report.created + len(report.rejected) <= 1


def test_dry_run_stores_nothing():
    report = run("alma_books.mrc", dry_run=True)
    assert report.created == 8
    assert [change.label for change in report.changes][:2] == ["三体", "人类简史"]
    assert Book.objects.count() == 0


# The command -------------------------------------------------------------------------------


def test_command_reports_counts_and_rejections():
    out = io.StringIO()
    call_command("import_books", str(FIXTURES / "alma_rejects.mrc"), stdout=out)
    text = out.getvalue()
    assert "1 created, 0 updated, 0 unchanged, 2 rejected" in text
    assert "record 1" in text and "record 2" in text


def test_command_fails_clearly_on_an_unreadable_file():
    with pytest.raises(CommandError, match="broken at record 2"):
        call_command("import_books", str(FIXTURES / "alma_truncated.mrc"), stdout=io.StringIO())
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_books", "/nonexistent.csv")


def test_a_marc_record_with_broken_utf8_is_rejected_alone():
    data = (FIXTURES / "alma_books.mrc").read_bytes()
    title = "三体 /".encode()
    assert title in data
    broken = data.replace(title, b"\xff\xfe\xff\xfe\xff\xfe /", 1)  # same length: structure kept
    report = run_bytes(broken)
    assert report.ok
    assert report.created == 7
    assert [(r.position, "UTF-8" in r.reason) for r in report.rejected] == [("record 1", True)]


def test_the_import_is_logged(caplog):
    """At INFO, as production logs; a clash with LogRecord's own attributes would crash here."""
    import logging

    with caplog.at_level(logging.INFO, logger="reading.importers.books"):
        report = run("alma_books.csv")
    assert report.created == 8
    record = next(r for r in caplog.records if r.getMessage() == "book import")
    assert record.import_created == 8 and record.import_format == "csv"
