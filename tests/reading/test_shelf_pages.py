"""Themed shelves: the curator's order and lines, holdings side by side, filling from a subject."""

import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from taggit.models import Tag

from reading.listing import PER_PAGE
from tests.factories import BookFactory, ShelfIndexPageFactory, ShelfPageFactory, translate_page


@pytest.fixture
def index(home):
    return ShelfIndexPageFactory(parent=home)


def test_books_in_the_curators_order_with_their_holdings(client, index):
    print_only = BookFactory(title="居里夫人传", call_number="K835.656.13/1", copies=3)
    both = BookFactory(
        title="钱学森传", call_number="K826.16/88", ebook_url="https://ebooks.example.edu/qian"
    )
    ebook_only = BookFactory(
        title="费曼传", call_number="", copies=0, ebook_url="https://ebooks.example.edu/feynman"
    )
    shelf = ShelfPageFactory(
        parent=index,
        title="院士推荐的科学家传记",
        place="图书馆一楼 思库专架 3",
        books=[(both, "两弹一星元勋的一生。"), print_only, (ebook_only, "物理学家的好奇心。")],
    )
    html = client.get(shelf.url).content.decode()
    assert html.index("钱学森传") < html.index("居里夫人传") < html.index("费曼传")
    assert "两弹一星元勋的一生。" in html and "物理学家的好奇心。" in html
    assert "图书馆一楼 思库专架 3" in html
    assert "K826.16/88" in html and "https://ebooks.example.edu/qian" in html
    assert "K835.656.13/1" in html
    assert "https://ebooks.example.edu/feynman" in html
    assert "holding-mark--ebook" in html and "holding-mark--both" in html
    assert "holding-mark--print" in html


def test_filled_from_a_subject_with_pinned_and_excluded_books(client, index):
    pinned = BookFactory(title="A 置顶的书", subjects=["科学史"])
    BookFactory(title="B 科学史纲", subjects=["科学史"])
    dropped = BookFactory(title="C 不要的书", subjects=["科学史"])
    BookFactory(title="D 别的主题", subjects=["心理健康"])
    shelf = ShelfPageFactory(
        parent=index,
        books=[(pinned, "先读这本。")],
        theme_tag=Tag.objects.get(name="科学史"),
        excluded=[dropped],
    )
    titles = [book.title for book, _note in shelf.entries()]
    assert titles == ["A 置顶的书", "B 科学史纲"]
    html = client.get(shelf.url).content.decode()
    assert "B 科学史纲" in html and "C 不要的书" not in html and "D 别的主题" not in html


def test_the_index_lists_shelves(client, index):
    ShelfPageFactory(parent=index, title="大学生活", theme="大学生活", place="一楼 思库专架 1")
    ShelfPageFactory(parent=index, title="草稿书架", live=False)
    html = client.get(index.url).content.decode()
    assert "大学生活" in html and "一楼 思库专架 1" in html
    assert "草稿书架" not in html


def test_english_translation_keeps_the_books(client, index):
    book = BookFactory(title="The Double Helix", language="en")
    shelf = ShelfPageFactory(parent=index, title="科学史", books=[(book, "DNA 的发现。")])
    english = translate_page(shelf, "en", title="History of science", theme="History of science")
    html = client.get(english.url).content.decode()
    assert "History of science" in html and "The Double Helix" in html


def test_a_shelf_is_found_by_its_books(client, index):
    book = BookFactory(title="苏步青传")
    ShelfPageFactory(parent=index, title="数学家的故事", books=[book])
    html = client.get("/zh-hans/search/", {"q": "苏步青"}).content.decode()
    assert "数学家的故事" in html


def test_a_shelf_of_200_books_renders_in_a_constant_number_of_queries(
    client, index, django_assert_max_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # measure the rendering, not the page cache
    """Same shape, 3 books against 199 (100 listed, 99 from the subject): same query count."""
    few = BookFactory.create_batch(2, subjects=["大学生活"])
    small = ShelfPageFactory(
        parent=index,
        books=[(BookFactory(), "一句推荐语")],
        theme_tag=Tag.objects.get(name="大学生活"),
        excluded=few[:1],
    )
    tag_books = BookFactory.create_batch(100, subjects=["科学家传记"])
    big = ShelfPageFactory(
        parent=index,
        books=[(book, f"推荐语 {i}") for i, book in enumerate(BookFactory.create_batch(100))],
        theme_tag=Tag.objects.get(name="科学家传记"),
        excluded=tag_books[:1],
    )
    client.get(small.url)  # warm caches (site, locales)
    with CaptureQueriesContext(connection) as small_queries:
        assert client.get(small.url).status_code == 200
    baseline = len(small_queries.captured_queries)
    assert baseline < 34  # the books, their covers, their e-book platforms: a few queries each
    with django_assert_max_num_queries(baseline):
        response = client.get(big.url)
    assert response.status_code == 200
    assert len(big.entries()) == 199
    assert response.content.decode().count('class="card book-card"') == PER_PAGE
    with django_assert_max_num_queries(baseline + 1):  # + the subject's books
        response = client.get(big.url, {"format": "ebook", "subject": "科学家传记", "page": 3})
    assert response.status_code == 200


def _cards(html):
    """The titles of the book cards a page shows, in order."""
    return re.findall(r'class="card-title book-card-title"><a href="[^"]*">([^<]+)</a>', html)


def test_a_long_shelf_shows_its_first_books_and_pages_on(client, index):
    """The page the QR label opens: the first books at once, the rest a page at a time."""
    books = [BookFactory(title=f"第 {n:02d} 本") for n in range(PER_PAGE + 5)]
    shelf = ShelfPageFactory(parent=index, books=books)
    html = client.get(shelf.url).content.decode()
    shown = _cards(html)
    assert f"本书架共 {PER_PAGE + 5} 本书" in html
    assert shown == [f"第 {n:02d} 本" for n in range(PER_PAGE)]
    assert 'href="?page=2"' in html
    second = client.get(shelf.url, {"page": 2}).content.decode()
    assert _cards(second) == [f"第 {n:02d} 本" for n in range(PER_PAGE, PER_PAGE + 5)]
    assert f'start="{PER_PAGE + 1}"' in second  # the shelf's numbering goes on
    assert client.get(shelf.url, {"page": "abc"}).status_code == 200
    assert _cards(client.get(shelf.url, {"page": "abc"}).content.decode()) == shown


def test_a_shelf_is_narrowed_by_format_and_subject(client, index):
    print_only = BookFactory(
        title="居里夫人传", call_number="K835/1", ebook_url="", subjects=["传记"]
    )
    ebook_only = BookFactory(
        title="费曼传",
        call_number="",
        copies=0,
        ebook_url="https://e.example.edu/f",
        subjects=["传记"],
    )
    both = BookFactory(title="时间简史", call_number="P159/1", ebook_url="https://e.example.edu/t")
    shelf = ShelfPageFactory(parent=index, books=[print_only, ebook_only, both])
    ebooks = client.get(shelf.url, {"format": "ebook"}).content.decode()
    assert _cards(ebooks) == ["费曼传", "时间简史"]
    assert "显示 2 本书" in ebooks
    prints = client.get(shelf.url, {"format": "print"}).content.decode()
    assert _cards(prints) == ["居里夫人传", "时间简史"]
    biographies = client.get(shelf.url, {"subject": "传记", "format": "ebook"}).content.decode()
    assert _cards(biographies) == ["费曼传"]
    nothing = client.get(shelf.url, {"subject": "没有这个主题"}).content.decode()
    assert "书架上没有符合条件的书。" in nothing
    assert client.get(shelf.url, {"format": "<script>"}).status_code == 200


def test_librarians_edit_shelves_in_the_admin(client, index, editor):
    shelf = ShelfPageFactory(parent=index, books=[BookFactory()])
    client.force_login(editor)
    assert client.get(f"/admin/pages/{shelf.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/add/reading/shelfpage/{index.pk}/").status_code == 200
