"""The admin in Chinese shows none of the project's English: every screen the editor's menu
leads to is walked, and no visible text (or label read aloud) equals one of the project's own
msgids whose Chinese differs. Wagtail's own strings are Wagtail's to translate."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest

from django.urls import reverse

import wagtail
from wagtail.users.models import UserProfile

from tests.factories import SubmissionFactory, UserFactory

pytestmark = pytest.mark.django_db

CATALOGUE = Path(__file__).parents[2] / "website/locale/zh_Hans/LC_MESSAGES/django.po"
READ_ALOUD = {"title", "aria-label", "placeholder", "alt"}
# Content, not interface: the locales' names and the English site's name appear as data.
CONTENT = {"English", "SiKu · Library Reading and Learning Guides"}


class VisibleText(HTMLParser):
    def __init__(self):
        super().__init__()
        self.texts, self._hidden = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._hidden += 1
        self.texts += [value for name, value in attrs if name in READ_ALOUD and value]

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.texts.append(data)


def wagtail_msgids():
    return {
        entry.msgid
        for po in Path(wagtail.__file__).parent.glob("**/locale/zh_Hans/LC_MESSAGES/django.po")
        for entry in polib.pofile(str(po))
    }


def english_of_the_project():
    """The catalogue's msgids that read differently in Chinese, without placeholders, and
    that Wagtail does not also have (Wagtail's screens show Wagtail's words)."""
    return (
        {
            entry.msgid
            for entry in polib.pofile(str(CATALOGUE))
            if not entry.obsolete
            and entry.msgstr
            and entry.msgstr != entry.msgid
            and "%" not in entry.msgid
            and re.search("[A-Za-z]{3}", entry.msgid)
        }
        - wagtail_msgids()
        - CONTENT
    )


def menu_urls(response):
    props = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>',
        response.text,
        re.S,
    )
    found = set()

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "url" and isinstance(value, str) and value.startswith("/admin/"):
                    found.add(value)
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(props.group(1)))
    return sorted(found)


@pytest.fixture
def chinese_editor(client):
    editor = UserFactory(username="editor", is_staff=True, is_superuser=True)
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "zh-hans"
    profile.save()
    client.force_login(editor)
    return client


def test_the_admin_menu_screens_show_no_untranslated_project_string(chinese_editor, home):
    SubmissionFactory()
    dashboard = chinese_editor.get(reverse("wagtailadmin_home"))
    urls = menu_urls(dashboard)
    assert len(urls) > 10
    english = english_of_the_project()
    untranslated = {}
    for url in [reverse("wagtailadmin_home"), *urls]:
        response = chinese_editor.get(url)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        parser = VisibleText()
        parser.feed(response.text)
        seen = {" ".join(text.split()) for text in parser.texts} & english
        if seen:
            untranslated[url] = sorted(seen)
    assert untranslated == {}
