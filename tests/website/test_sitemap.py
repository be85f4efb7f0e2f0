"""The sitemap lists both languages, each page naming its translations (hreflang)."""

import pytest
from lxml import etree

from tests.factories import HomePageFactory, translate_page

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return etree.fromstring(response.content)


def test_both_languages_with_alternates(client, home, home_en):
    page = HomePageFactory(parent=home, title="关于", slug="about")
    translate_page(page, "en", title="About")
    only_zh = HomePageFactory(parent=home, title="只有中文", slug="zh-only")
    root = sitemap(client)
    entries = {
        url.findtext("s:loc", namespaces=NS): {
            link.get("hreflang"): link.get("href") for link in url.iterfind("x:link", NS)
        }
        for url in root.iterfind("s:url", NS)
    }
    zh = "http://localhost/zh-hans/about/"
    en = "http://localhost/en/about/"
    assert zh in entries and en in entries
    assert entries[zh] == {"zh-Hans": zh, "en": en, "x-default": zh}
    assert entries[en] == entries[zh]
    assert "http://localhost/en/" in entries
    assert entries[only_zh.get_full_url()] == {}


def test_drafts_are_left_out(client, home):
    HomePageFactory(parent=home, title="草稿", slug="draft", live=False)
    locations = [el.text for el in sitemap(client).iterfind("s:url/s:loc", NS)]
    assert not any("draft" in url for url in locations)


def test_queries_do_not_grow_with_pages(client, home, django_assert_max_num_queries):
    for n in range(30):
        HomePageFactory(parent=home, title=f"页 {n}", slug=f"p{n}")
    with django_assert_max_num_queries(12):
        sitemap(client)
