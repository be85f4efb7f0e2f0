"""The site speaks Simplified Chinese and English from its first page."""

import pytest


@pytest.mark.django_db
def test_root_redirects_by_accept_language(client, home):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")["Location"] == "/en/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")["Location"] == "/zh-hans/"


@pytest.mark.django_db
def test_home_page_in_both_languages(client, home):
    zh = client.get("/zh-hans/")
    en = client.get("/en/")
    assert zh.status_code == en.status_code == 200
    assert '<html lang="zh-hans">' in zh.text and "跳到正文" in zh.text
    assert '<html lang="en">' in en.text and "Skip to content" in en.text
    assert "思库" in zh.text and "SiKu" in en.text


@pytest.mark.django_db
def test_language_switcher_keeps_the_reader_on_the_same_page(client, home):
    zh = client.get("/zh-hans/")
    assert 'href="/en/" lang="en"' in zh.text
    search = client.get("/en/search/", {"q": "library"})
    assert 'href="/zh-hans/search/?q=library"' in search.text


@pytest.mark.django_db
def test_unknown_page_is_a_translated_404(client, home):
    assert client.get("/zh-hans/no-such-page/").status_code == 404
    assert "找不到" in client.get("/zh-hans/no-such-page/").text
