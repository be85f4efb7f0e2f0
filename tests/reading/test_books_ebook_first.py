"""Print in demand, e-book forward (#17): when every print copy is lent out more than the
loan report's "buy more" threshold, the book's page offers the e-book first."""

from decimal import Decimal

import pytest

from reading import loan_reports
from reading.models import Loan
from tests.factories import BookFactory, UserFactory

pytestmark = pytest.mark.django_db


def lent(book, **periods):
    for period, loans in periods.items():
        Loan.objects.create(book=book, period=period.replace("_", "-")[1:], loans=loans)


def test_a_book_in_demand_offers_its_e_book_first(client, home):
    book = BookFactory(copies=2, ebook_url="https://weread.qq.com/", ebook_platform="微信读书")
    lent(book, _2024_02=2, _2024_09=12)  # newest term: 6 loans a copy, threshold 5
    assert loan_reports.print_in_demand(book)
    page = client.get(f"/zh-hans/books/{book.pk}/").text
    assert "holdings--ebook-first" in page and "ebook-first-note" in page
    english = client.get(f"/en/books/{book.pk}/").text
    assert "Read it now online" in english


def test_a_book_lent_less_or_without_an_e_book_reads_as_before(client, home):
    quiet = BookFactory(copies=4, ebook_url="https://weread.qq.com/")
    lent(quiet, _2024_09=8)  # 2 a copy
    print_only = BookFactory(copies=1, ebook_url="")
    lent(print_only, _2024_09=9)
    old_rush = BookFactory(copies=1, ebook_url="https://weread.qq.com/")
    lent(old_rush, _2024_02=30, _2024_09=1)  # in demand last term, not now
    for book in (quiet, print_only, old_rush):
        assert "holdings--ebook-first" not in client.get(f"/en/books/{book.pk}/").text
    assert loan_reports.print_in_demand(print_only)  # in demand, but no e-book to offer


def test_the_buy_more_list_says_which_books_have_no_e_book(client, home):
    print_only = BookFactory(title="只有纸本", copies=1, ebook_url="")
    lent(print_only, _2024_09=9)
    summary = loan_reports.loan_summary(print_only.__class__.objects.all(), threshold=Decimal(5))
    assert [book.title for book in summary.buy_more] == ["只有纸本"]
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    report = client.get("/admin/snippets/reading/book/loan-report/").text
    assert 'class="no-ebook"' in report
