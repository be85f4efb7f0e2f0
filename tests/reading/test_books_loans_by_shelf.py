"""The loan report covers a themed shelf's books, as it does a campaign's."""

import pytest

from reading.loan_reports import SCOPES
from tests.factories import BookFactory, LoanFactory
from tests.factories.shelves import ShelfIndexPageFactory, ShelfPageFactory


@pytest.mark.django_db
def test_shelf_scope_lists_the_books_of_that_shelf(home):
    on_shelf = [BookFactory(title=f"院士推荐 {n}") for n in range(3)]
    elsewhere = BookFactory(title="别处的书")
    for book in [*on_shelf, elsewhere]:
        LoanFactory(book=book, loans=7)
    index = ShelfIndexPageFactory(parent=home)
    shelf = ShelfPageFactory(parent=index, books=on_shelf)
    scope = SCOPES["shelf"]
    assert (str(shelf.pk), shelf.title) in scope.choices()
    assert set(scope.books(str(shelf.pk))) == set(on_shelf)
    assert list(scope.books("999999")) == []
