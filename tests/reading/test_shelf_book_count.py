"""The shelf index counts the books a shelf shows, not only the ones pinned on it."""

import pytest

from taggit.models import Tag

from tests.factories import BookFactory, ShelfIndexPageFactory, ShelfPageFactory

pytestmark = pytest.mark.django_db


def test_count_is_pinned_plus_subject_books_less_exclusions(client, home):
    index = ShelfIndexPageFactory(parent=home)
    tagged = [BookFactory(title=f"传记{i}", subjects=["科学家传记"]) for i in range(6)]
    pinned = [tagged[0], BookFactory(title="不在主题里的书")]
    shelf = ShelfPageFactory(
        parent=index,
        books=pinned,
        theme_tag=Tag.objects.get(name="科学家传记"),
        excluded=[tagged[5]],
    )
    ShelfPageFactory(parent=index, title="只有两本", books=[BookFactory(), BookFactory()])
    counts = {s.pk: s.item_count for s in index.shelves()}
    assert counts[shelf.pk] == len(shelf.entries()) == 2 + 4
    html = client.get(index.url).content.decode()
    assert "精选图书 6 本" in html and "精选图书 2 本" in html


def test_count_costs_one_query_whatever_the_number_of_shelves(home, django_assert_num_queries):
    index = ShelfIndexPageFactory(parent=home)
    for _ in range(5):
        ShelfPageFactory(parent=index, books=[BookFactory()])
    with django_assert_num_queries(2):  # the shelves with their counts, then their covers
        assert [s.item_count for s in index.shelves()] == [1] * 5
