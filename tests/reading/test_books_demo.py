import pytest

from reading.demo import books as demo
from reading.loan_reports import loan_summary
from reading.models import Book, Loan

pytestmark = pytest.mark.django_db


def test_demo_books_are_built_once():
    demo.build()
    count, loans = Book.objects.count(), Loan.objects.count()
    assert count == len(demo.BOOKS) >= 80
    demo.build()
    assert (Book.objects.count(), Loan.objects.count()) == (count, loans)
    statuses = {book.holding_status for book in Book.objects.all()}
    assert statuses == {"print", "both", "ebook"}
    assert Book.objects.get(title="邓稼先传").call_number.startswith("K826")
    summary = loan_summary(Book.objects.filter(subjects__name="科学家传记"), period="2024-09")
    assert summary.book_count > 15 and summary.average_loans > 0
