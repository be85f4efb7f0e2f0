"""schema.org JSON-LD and Open Graph in every page's head; nothing personal in them."""

import json
import re

import pytest

from tests.factories import (
    BookFactory,
    ClubIndexPageFactory,
    ClubPageFactory,
    ClubSignupFactory,
    GuideIndexPageFactory,
    GuidePageFactory,
    LibrarianProfileFactory,
    RecommendationPageFactory,
    RecommenderFactory,
    ShelfIndexPageFactory,
    ShelfPageFactory,
    SubjectFactory,
    translate_page,
)
from tests.factories.campaigns import campaign_in_both_languages

pytestmark = pytest.mark.django_db


def head_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    return html.split("</head>")[0]


def json_ld(head):
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', head, re.S)
    assert len(scripts) == 1
    return json.loads(scripts[0])


def og(head):
    return dict(re.findall(r'<meta property="og:(\w+)" content="([^"]*)">', head))


def test_recommendation_is_a_book_with_its_review(client, home):
    campaign, _en = campaign_in_both_languages(home)
    reader = RecommenderFactory(
        name="王小明",
        name_en="Wang Xiaoming",
        name_display="initials",
        email="12012345@mail.example.edu",
    )
    book = BookFactory(
        title="寂静的春天",
        authors="蕾切尔·卡森",
        isbn13="9787530212004",
        ebook_url="https://ebooks.example.edu/spring",
    )
    rec = RecommendationPageFactory(
        parent=campaign,
        book=book,
        recommender=reader,
        text="一本让我关心环境的书。<script>alert(1)</script>",
    )
    translate_page(rec, "en", title="Silent Spring", text="A book that made me care.")
    head = head_of(client, rec.url)
    data = json_ld(head)
    assert data["@type"] == "Book" and data["name"] == "寂静的春天"
    assert data["isbn"] == "9787530212004"
    assert data["author"] == [{"@type": "Person", "name": "蕾切尔·卡森"}]
    assert data["review"]["@type"] == "Review"
    assert data["review"]["author"]["name"] == "W. X."
    assert {"bookFormat": "https://schema.org/EBook"}.items() <= data["workExample"][-1].items()
    assert "</script><script>" not in head  # the reader's text cannot break out
    assert "12012345" not in head and "王小明" not in head
    props = og(head)
    assert props["title"] == rec.title
    assert props["type"] == "article"
    assert props["locale"] == "zh_Hans"
    assert 'hreflang="en"' in head and 'hreflang="x-default"' in head
    assert '<link rel="canonical"' in head


def test_club_is_an_event_without_participants(client, home):
    index = ClubIndexPageFactory(parent=home)
    club = ClubPageFactory(parent=index, title="《乡土中国》读书会")
    ClubSignupFactory(club=club, name="赵同学", email="zhao@mail.example.edu")
    head = head_of(client, club.url)
    data = json_ld(head)
    assert data["@type"] == "Event"
    assert data["location"]["name"] == club.discussion_place
    assert data["startDate"].startswith(club.discussion_starts.isoformat()[:10])
    assert data["maximumAttendeeCapacity"] == 30
    assert "赵同学" not in head and "zhao@" not in head


def test_shelf_is_an_item_list(client, home):
    index = ShelfIndexPageFactory(parent=home)
    books = [BookFactory(title=f"传记 {n}") for n in range(3)]
    shelf = ShelfPageFactory(parent=index, title="科学家传记", books=books)
    data = json_ld(head_of(client, shelf.url))
    assert data["@type"] == "ItemList"
    assert data["numberOfItems"] == 3
    assert [e["item"]["name"] for e in data["itemListElement"]] == ["传记 0", "传记 1", "传记 2"]
    assert data["itemListElement"][0]["position"] == 1


def test_guide_is_a_collection_page(client, home):
    index = GuideIndexPageFactory(parent=home)
    owner = LibrarianProfileFactory(name_zh="李馆员", email="li@example.edu")
    guide = GuidePageFactory(
        parent=index,
        title="EndNote 指南",
        summary="文献管理。",
        subjects=[SubjectFactory(name_zh="文献管理")],
        owners=[owner],
    )
    head = head_of(client, guide.url)
    data = json_ld(head)
    assert data["@type"] == "CollectionPage"
    assert data["about"] == [{"@type": "Thing", "name": "文献管理"}]
    assert data["maintainer"] == [{"@type": "Person", "name": "李馆员"}]
    assert "li@example.edu" not in head


def test_other_pages_are_web_pages_with_open_graph(client, home):
    head = head_of(client, home.url)
    assert json_ld(head)["@type"] == "WebPage"
    props = og(head)
    assert props["title"] == home.title
    assert props["description"]
    assert props["type"] == "website"


def test_page_type_can_describe_itself(client, home, monkeypatch):
    from website.home.models import HomePage

    monkeypatch.setattr(
        HomePage, "get_json_ld", lambda self, request: {"@type": "Library"}, raising=False
    )
    monkeypatch.setattr(
        HomePage, "get_og", lambda self, request: {"type": "profile"}, raising=False
    )
    head = head_of(client, home.url)
    assert json_ld(head) == {"@type": "Library"}
    assert og(head)["type"] == "profile"


def test_head_queries_do_not_grow_with_a_shelf(client, home):
    """The JSON-LD of a shelf reads its entries once; rendering stays bounded."""
    index = ShelfIndexPageFactory(parent=home)
    shelf = ShelfPageFactory(parent=index, books=[BookFactory() for _ in range(20)])
    client.get(shelf.url)
    from django.core.cache import cache

    cache.clear()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(shelf.url)
    big = ShelfPageFactory(parent=index, slug="big", books=[BookFactory() for _ in range(60)])
    cache.clear()
    with CaptureQueriesContext(connection) as large:
        client.get(big.url)
    assert len(large) <= len(small) + 2
