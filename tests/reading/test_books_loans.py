"""Loan figures: import, idempotency, and the report's numbers."""

import io
from decimal import Decimal
from pathlib import Path

import pytest

from django.core.management import CommandError, call_command
from django.utils import translation

from reading.importers import import_books, import_loans
from reading.loan_reports import SCOPES, loan_summary
from reading.models import Book, Loan, LoanReportSettings
from tests.factories import BookFactory, LoanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Assert the importer's own (English) messages, whatever the catalogue translates."""
    with translation.override("en"):
        yield


FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def books():
    with (FIXTURES / "alma_books.csv").open("rb") as handle:
        assert import_books(handle).created == 8


def run(name, **kwargs):
    with (FIXTURES / name).open("rb") as handle:
        return import_loans(handle, **kwargs)


def test_loans_csv_import(books):
    report = run("alma_loans.csv")
    assert report.ok, report.fatal
    assert report.created == 6
    reasons = {r.position: r.reason for r in report.rejected}
    assert "no book has ISBN 9787111111115" in reasons["line 9"]
    assert "check digit" in reasons["line 10"]
    figures = {(loan.book.title, loan.period): loan.loans for loan in Loan.objects.all()}
    assert figures[("三体", "2024")] == 57
    assert figures[("三体", "2023")] == 40
    assert figures[("人类简史", "2024")] == 31  # matched by MMS ID
    assert figures[("平凡的世界", "2024")] == 18  # two rows added up
    assert figures[("A brief history of time", "2024")] == 4  # matched by ISBN-10


def test_loans_import_is_idempotent(books):
    run("alma_loans.csv")
    report = run("alma_loans.csv")
    assert (report.created, report.updated, report.unchanged) == (0, 0, 6)
    assert Loan.objects.count() == 6


def test_loans_xlsx_updates_changed_figures(books):
    run("alma_loans.csv")
    Loan.objects.filter(book__title="三体", period="2024").update(loans=1)
    report = run("alma_loans.xlsx")
    assert report.format == "xlsx"
    assert (report.updated, report.unchanged) == (1, 4)
    assert Loan.objects.get(book__title="三体", period="2024").loans == 57


def test_loans_need_a_period_column_or_option(books):
    data = b"ISBN,Loans\n9787536692930,5\n"
    report = import_loans(io.BytesIO(data))
    assert not report.ok and "period" in report.fatal
    report = import_loans(io.BytesIO(data), period="2025")
    assert report.created == 1
    assert Loan.objects.get().period == "2025"


@pytest.mark.parametrize(
    "data, fragment",
    [
        (b"Title,Count\nX,1\n", "loans column"),
        (b"ISBN,Loans,Period\n9787536692930,many,2024\n", "not a number"),
        (b"ISBN,Loans,Period\n9787536692930,-3,2024\n", "negative"),
        (b"ISBN,Period\n9787536692930,2024\n", "loans column"),
    ],
)
def test_loan_rows_refused_with_reasons(books, data, fragment):
    report = import_loans(io.BytesIO(data))
    messages = report.fatal + " ".join(r.reason for r in report.rejected)
    assert fragment in messages
    assert Loan.objects.count() == 0


def test_marc_is_not_a_loans_file():
    with (FIXTURES / "alma_books.mrc").open("rb") as handle:
        report = import_loans(handle)
    assert "not MARC" in report.fatal


def test_import_loans_command(books):
    out = io.StringIO()
    call_command("import_loans", str(FIXTURES / "alma_loans.csv"), stdout=out)
    assert "6 created" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("import_loans", str(FIXTURES / "alma_books.mrc"), stdout=io.StringIO())


# The report --------------------------------------------------------------------------------


def test_summary_numbers_for_any_set_of_books():
    """Average over every book in the set, borrowed or not, as the paper counts it."""
    a = BookFactory(title="A", copies=2)
    b = BookFactory(title="B", copies=1)
    c = BookFactory(title="C", copies=4)
    BookFactory(title="D", copies=1)  # never borrowed
    LoanFactory(book=a, period="2024", loans=30)
    LoanFactory(book=b, period="2024", loans=8)
    LoanFactory(book=c, period="2024", loans=4)
    LoanFactory(book=a, period="2023", loans=100)

    summary = loan_summary(Book.objects.all(), period="2024", threshold=Decimal("5"))
    assert summary.book_count == 4
    assert summary.total_loans == 42
    assert summary.average_loans == 10.5
    assert summary.books_with_loans == 3
    assert [book.title for book in summary.most_borrowed] == ["A", "B", "C"]
    assert [(book.title, book.loans_per_copy) for book in summary.buy_more] == [
        ("A", 15.0),
        ("B", 8.0),
    ]

    all_periods = loan_summary(Book.objects.filter(title__in=["A", "B"]), threshold=50)
    assert all_periods.total_loans == 138
    assert all_periods.average_loans == 69.0
    assert [book.title for book in all_periods.buy_more] == ["A"]


def test_ebook_only_books_are_never_on_the_buy_more_list():
    book = BookFactory(copies=0, call_number="", ebook_url="https://e.example.edu/1")
    LoanFactory(book=book, loans=99)
    assert loan_summary(Book.objects.all(), threshold=1).buy_more == []


def test_threshold_comes_from_the_site_setting(home):
    from wagtail.models import Site

    book = BookFactory(copies=1)
    LoanFactory(book=book, loans=3)
    settings = LoanReportSettings.for_site(Site.objects.get(is_default_site=True))
    settings.buy_more_threshold = Decimal("3")
    settings.save()
    assert [b.pk for b in loan_summary(Book.objects.all()).buy_more] == [book.pk]
    settings.buy_more_threshold = Decimal("3.5")
    settings.save()
    assert loan_summary(Book.objects.all()).buy_more == []


def test_subject_scope_and_duplicates_counted_once():
    tagged = BookFactory(subjects=["科学家传记", "传记"])
    BookFactory(subjects=["小说"])
    LoanFactory(book=tagged, loans=7)
    assert loan_summary(SCOPES["subject"].books("科学家传记")).book_count == 1
    joined = Book.objects.filter(subjects__name__in=["科学家传记", "传记"])  # the book twice
    summary = loan_summary(joined)
    assert summary.book_count == 1
    assert summary.total_loans == 7
