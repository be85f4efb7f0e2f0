"""The A–Z list's keyword box filters by name (either language), vendor and description,
on the server (GET, so it works without JavaScript) as the page's script does as one types."""

import re

import pytest

from tests.factories import DatabaseFactory, DatabaseListPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def az(guide_index):
    DatabaseFactory(
        name_zh="中国知网",
        name_en="CNKI",
        vendor="同方知网",
        description_en="Chinese journals, theses and conference papers.",
    )
    DatabaseFactory(name_zh="万方数据", name_en="Wanfang Data", description_zh="学位论文与专利。")
    DatabaseFactory(name_zh="", name_en="PubMed", description_en="Biomedical citations.")
    return DatabaseListPageFactory(parent=guide_index)


def names(response):
    return re.findall(r'class="resource-name"><a [^>]*>([^<]+)</a>', response.text)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("知网", ["中国知网"]),
        ("cnki", ["中国知网"]),
        ("PubMed", ["PubMed"]),
        ("万方", ["万方数据"]),
        ("论文", ["万方数据"]),
        ("theses", ["中国知网"]),
        ("biomedical citations", ["PubMed"]),
        ("nothing-like-this", []),
    ],
)
def test_keyword_filters_the_list(client, az, query, expected):
    response = client.get(az.url, {"q": query})
    assert response.status_code == 200
    assert names(response) == expected
    if not expected:
        assert "没有符合" in response.text or "No database matches" in response.text


def test_the_box_keeps_the_words_and_the_other_filters(client, az):
    response = client.get(az.url, {"q": "知网", "access": "vpn"})
    assert 'name="q" value="知网"' in response.text
    assert names(response) == ["中国知网"]
    assert names(client.get(az.url, {"q": "知网", "access": "open"})) == []


def test_every_item_carries_the_text_the_script_filters(client, az):
    text = client.get(az.url).text
    assert 'data-az-text="中国知网 CNKI 同方知网' in text
    assert "guides/az-filter.js" in text


def test_a_long_or_odd_keyword_is_answered(client, az):
    assert client.get(az.url, {"q": "x" * 5000}).status_code == 200
    response = client.get(az.url, {"q": '<script>"'})
    assert response.status_code == 200 and '<script>"' not in response.text
