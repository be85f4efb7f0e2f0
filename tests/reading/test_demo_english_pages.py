"""The English demo pages for books, shelves and clubs show no Chinese subject or venue (#13).

A crawl from the English home page: every book, shelf and club page they link to is read, and
the places a subject or a venue is shown (subject tags, the subject filter, theme links, the
discussion's place, the shelf's place) must hold no Chinese. Book titles, authors and
publishers may stay Chinese: they are the catalogue's record of a Chinese book.
"""

import re
from html.parser import HTMLParser

import pytest

from taggit.models import Tag

from reading.demo import books, campaigns, clubs, shelves, terms
from reading.models import Book, ClubPage, ShelfPage
from website.core.models import TermInEnglish
from website.home import demo as home_demo

CJK = re.compile(r"[\u3400-\u9fff]")


class SubjectsAndVenues(HTMLParser):
    """The text of the elements that show a subject, a theme or a place."""

    WATCHED = {"tag", "club-themes", "shelf-place", "home-club-when"}
    # elements with no end tag: never on the stack, or the watch would never end
    VOID = {"br", "img", "input", "hr", "meta", "link", "wbr", "source", "area", "col", "embed"}

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.stack = []
        self.texts = []
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag in self.VOID:
            return
        classes = set((attrs.get("class") or "").split())
        watched = bool(classes & self.WATCHED) or tag == "option" or tag == "dd"
        if self.depth or watched:
            self.depth += 1
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if self.depth and self.stack and self.stack[-1] == tag:
            self.stack.pop()
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and data.strip():
            self.texts.append(data.strip())


def _read(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    parser = SubjectsAndVenues()
    parser.feed(response.text)
    return response.text, parser


@pytest.fixture
def demo(home):
    home_demo.build()
    books.build()
    campaigns.build()
    shelves.build()
    clubs.build()
    terms.build()
    books.fill_english_forms()
    home_demo.feature_sections()


@pytest.mark.django_db
def test_english_book_shelf_and_club_pages_show_no_chinese_subject_or_venue(client, demo):
    pages = ["/en/"]
    seen, problems = set(), {}
    chinese_places = set(
        ClubPage.objects.filter(locale__language_code="zh-hans").values_list(
            "discussion_place", flat=True
        )
    ) | set(
        ShelfPage.objects.filter(locale__language_code="zh-hans").values_list("place", flat=True)
    )
    while pages:
        url = pages.pop()
        if url in seen:
            continue
        seen.add(url)
        html, parser = _read(client, url)
        found = [text for text in parser.texts if CJK.search(text) and not _is_a_book(text)]
        found += [place for place in chinese_places if place and place in html]
        if found:
            problems[url] = found
        for link in parser.links:
            path = link.split("?")[0].split("#")[0]
            if re.fullmatch(
                r"/en/((books|shelves|clubs)/|books/\d+/|shelves/[\w-]+/|clubs/[\w-]+/)", path
            ):
                pages.append(path)
    assert "/en/books/" in seen  # the book list is reached by clicking from the home page
    assert len([url for url in seen if url.startswith("/en/books/")]) > 30
    assert any(url.startswith("/en/clubs/") and url != "/en/clubs/" for url in seen)
    assert any(url.startswith("/en/shelves/") and url != "/en/shelves/" for url in seen)
    assert problems == {}


def _is_a_book(text):
    """A book's title, authors or publisher (a <dd> of the book page's record)."""
    return Book.objects.filter(title=text).exists() or any(
        Book.objects.filter(**{f"{field}__contains": text.split(",")[0].strip()}).exists()
        for field in ("authors", "publisher", "title")
    )


@pytest.mark.django_db
def test_every_chinese_subject_and_theme_of_the_demo_has_an_english_form(demo):
    chinese = [name for name in Tag.objects.values_list("name", flat=True) if CJK.search(name)]
    missing = set(chinese) - set(TermInEnglish.objects.values_list("tag__name", flat=True))
    assert chinese and missing == set()
