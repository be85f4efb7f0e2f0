"""The site-wide layout: one name and title, a favicon, the stylesheets every page links, the
messages by level and videos that show their link before any outside player."""

import pytest

from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.template.loader import render_to_string
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_one_site_name_once_in_the_title_and_a_favicon(client, home):
    from tests.factories import ShelfIndexPageFactory

    shelves = ShelfIndexPageFactory(parent=home, title="主题书架")
    text = client.get(shelves.url).text
    assert "<title>主题书架 · 思库 · 图书馆阅读推广与学习指南</title>" in text
    assert 'rel="icon" href="/static/favicon.svg"' in text
    assert text.count("/static/reading/books.css") == 1  # holdings are styled on every page
    home_text = client.get(home.url).text
    title = home_text.split("<title>")[1].split("</title>")[0]
    assert "·" not in title.replace(home.title, "")  # the home page's title alone
    with translation.override("en"):
        english = client.get("/en/books/").text
    assert "<title>Books · SiKu · Library Reading and Learning Guides</title>" in english
    assert 'class="brand" href="/en/">SiKu · Library Reading and Learning Guides</a>' in english


def test_the_menu_is_a_details_element_that_needs_no_script(client, home):
    text = client.get(home.url).text
    assert '<details class="site-menu" data-site-menu>' in text
    assert '<summary class="site-menu-toggle">' in text


def test_messages_are_styled_by_their_level():
    messages = [Message(constants.SUCCESS, "ok"), Message(constants.ERROR, "no")]
    html = render_to_string("includes/messages.html", {"messages": messages})
    assert 'class="message message--success"' in html
    assert 'class="message message--error"' in html
    assert 'role="status"' in html


def test_a_platform_video_shows_its_link_and_loads_no_player_with_the_page():
    html = render_to_string(
        "includes/video.html",
        {
            "link": "https://www.bilibili.com/video/BV1",
            "embed_url": "https://player.bilibili.com/player.html?bvid=BV1",
            "title": "图书馆资源",
        },
    )
    assert 'href="https://www.bilibili.com/video/BV1"' in html
    before_template = html.split("<template>")[0]
    assert "<iframe" not in before_template  # the player waits in a <template>
    assert "data-video-play hidden" in html  # offered only when site.js runs


def test_a_local_video_file_plays_in_a_video_element():
    html = render_to_string("includes/video.html", {"file_url": "/media/vlog.mp4", "title": "x"})
    assert "<video controls" in html and '<source src="/media/vlog.mp4">' in html
    assert "<iframe" not in html and "<template>" not in html


def test_a_video_without_address_or_file_renders_nothing():
    assert render_to_string("includes/video.html", {}).strip() == ""
