"""Search finds Chinese inside unspaced sentences as well as English words."""

import pytest

from tests.factories import HomePageFactory
from website.search.cjk import index_text, query_text


def test_bigram_rewriting():
    assert query_text("三体") == "三体"
    assert query_text("读三体吧") == "读三 三体 体吧"
    assert query_text("EndNote 教程") == "EndNote 教程"
    assert "三体" in index_text("我最喜欢的书是刘慈欣的三体三部曲").split()


@pytest.mark.django_db
def test_two_character_query_finds_it_inside_a_sentence(client, home):
    HomePageFactory(
        parent=home,
        slug="sf",
        title="科幻书单",
        intro="这学期我们一起读刘慈欣的三体三部曲，并讨论其中的宇宙社会学。",
    )
    response = client.get("/zh-hans/search/", {"q": "三体"})
    assert response.status_code == 200
    assert "科幻书单" in response.text
    assert "没有匹配" not in response.text
    assert "科幻书单" not in client.get("/zh-hans/search/", {"q": "体三部曲宇宙"}).text


@pytest.mark.django_db
def test_english_query_and_paging(client, home, home_en):
    for n in range(25):
        HomePageFactory(
            parent=home_en,
            slug=f"p{n}",
            title=f"Reading list {n}",
            intro="Academic writing with EndNote.",
        )
    first = client.get("/en/search/", {"q": "endnote"})
    assert "25 results" in first.text and 'rel="next"' in first.text
    second = client.get("/en/search/", {"q": "endnote", "page": 2})
    assert second.text.count("Reading list") == 5


@pytest.mark.django_db
def test_bad_search_input_is_answered(client, home):
    assert client.get("/en/search/", {"q": "", "page": "x"}).status_code == 200
    assert client.get("/en/search/", {"q": "endnote", "page": "999"}).status_code == 200
    assert client.get("/en/search/", {"q": "<script>alert(1)</script>"}).status_code == 200
    assert "<script>alert(1)" not in client.get("/en/search/", {"q": "<script>alert(1)"}).text
