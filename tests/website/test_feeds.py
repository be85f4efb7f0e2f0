"""RSS and Atom feeds: new recommendations, new shelves, upcoming clubs; per language; private
data never in them."""

from datetime import timedelta

import pytest
from lxml import etree

from django.utils import timezone

from tests.factories import (
    ClubIndexPageFactory,
    ClubPageFactory,
    ClubSignupFactory,
    RecommendationPageFactory,
    RecommenderFactory,
    ShelfIndexPageFactory,
    ShelfPageFactory,
    translate_page,
)
from tests.factories.campaigns import campaign_in_both_languages

pytestmark = pytest.mark.django_db
ATOM = {"a": "http://www.w3.org/2005/Atom"}


def rss_items(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return etree.fromstring(response.content).findall("channel/item")


def test_recommendations_feed_in_each_language(client, home):
    campaign, _en = campaign_in_both_languages(home)
    named = RecommenderFactory(
        name="施一公", name_en="Shi Yigong", name_display="full", email="shi@mail.example.edu"
    )
    hidden = RecommenderFactory(
        name="李秘密", name_display="anonymous", email="secret@mail.example.edu"
    )
    rec = RecommendationPageFactory(
        parent=campaign, recommender=named, title="推荐《居里夫人传》", themes=["科学史"]
    )
    RecommendationPageFactory(parent=campaign, recommender=hidden, title="匿名推荐")
    translate_page(rec, "en", title="Recommending Madame Curie", text="Courage.")
    items = rss_items(client, "/zh-hans/feeds/recommendations/")
    titles = [item.findtext("title") for item in items]
    assert set(titles) == {"推荐《居里夫人传》", "匿名推荐"}
    body = client.get("/zh-hans/feeds/recommendations/").content.decode()
    assert "施一公" in body and "科学史" in body
    assert "李秘密" not in body and "@mail.example.edu" not in body
    items = rss_items(client, "/en/feeds/recommendations/")
    assert [item.findtext("title") for item in items] == ["Recommending Madame Curie"]
    assert items[0].findtext("link").startswith("http://testserver/en/")


def test_atom_variant(client, home):
    campaign, _en = campaign_in_both_languages(home)
    RecommendationPageFactory(parent=campaign, title="推荐一本书")
    response = client.get("/zh-hans/feeds/recommendations/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = etree.fromstring(response.content)
    assert [e.findtext("a:title", namespaces=ATOM) for e in root.findall("a:entry", ATOM)] == [
        "推荐一本书"
    ]


def test_shelves_feed(client, home):
    index = ShelfIndexPageFactory(parent=home)
    ShelfPageFactory(parent=index, title="心理健康书架", place="二楼 思库专架")
    items = rss_items(client, "/zh-hans/feeds/shelves/")
    assert [i.findtext("title") for i in items] == ["心理健康书架"]
    assert "二楼 思库专架" in items[0].findtext("description")


def test_clubs_feed_lists_upcoming_only_without_participants(client, home):
    index = ClubIndexPageFactory(parent=home)
    soon = ClubPageFactory(parent=index, title="《乡土中国》共读")
    now = timezone.now()
    ClubPageFactory(
        parent=index,
        title="已结束的读书会",
        slug="past",
        reading_starts=(now - timedelta(days=40)).date(),
        reading_ends=(now - timedelta(days=20)).date(),
        discussion_starts=now - timedelta(days=10),
        discussion_ends=now - timedelta(days=10) + timedelta(hours=2),
        signup_opens=now - timedelta(days=50),
        signup_closes=now - timedelta(days=30),
    )
    ClubSignupFactory(club=soon, name="赵同学", email="zhao@mail.example.edu")
    response = client.get("/zh-hans/feeds/clubs/")
    items = etree.fromstring(response.content).findall("channel/item")
    assert [i.findtext("title") for i in items] == ["《乡土中国》共读"]
    assert "赵同学" not in response.content.decode() and "zhao@" not in response.content.decode()


def test_pages_link_their_feeds(client, home):
    html = client.get(home.url).content.decode()
    assert 'type="application/rss+xml"' in html
    assert "/zh-hans/feeds/recommendations/" in html
