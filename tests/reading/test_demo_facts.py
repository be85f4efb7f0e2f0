"""The demo's facts agree with each other, and readers click through to no placeholder host."""

import pytest

from reading.demo import books as demo_books
from reading.demo import clubs as demo_clubs

pytestmark = pytest.mark.django_db


def test_ebook_links_follow_the_catalogue_setting(settings):
    settings.CATALOGUE_SEARCH_URL = "https://primo.library.test/search?q={query}"
    assert (
        demo_books.ebook_link("超星电子书", "活着")
        == "https://primo.library.test/search?q=%E6%B4%BB%E7%9D%80"
    )
    settings.CATALOGUE_SEARCH_URL = ""
    assert demo_books.ebook_link("微信读书", "活着") == "https://weread.qq.com/"


def test_no_two_readers_check_in_with_the_same_words():
    texts = [text for reader in demo_clubs.CHECKINS for _progress, text in reader]
    assert len(texts) == len(set(texts)) and len(demo_clubs.CHECKINS) >= 3


def test_guide_books_stand_where_the_guide_says(home):
    """The English-learning guide says its dictionaries are in the foreign-language stacks."""
    from guides.demo import BOOKS, _books

    found = _books()
    for title, *_rest in BOOKS:
        call_number = found[title].call_number
        expected = demo_books.FOREIGN if call_number.startswith("H") else demo_books.ZH_STACKS
        assert found[title].location == expected
    assert "四楼外文图书区" in demo_books.FOREIGN
