"""The guide's tabs in headless Chromium: ARIA tabs with JavaScript, plain anchors without."""

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120 Safari/537.36"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def chromium(browser):
    """The session's one Chromium (tests/browser/conftest.py): Playwright's sync API allows
    one instance per process."""
    return browser


@pytest.fixture
def live_guide(live_server, settings):
    from django.core.cache import cache

    from tests.factories import GuideIndexPageFactory, GuidePageFactory, WebToolFactory
    from tests.factories.guides import section, text, webtools
    from website.home import demo

    settings.PAGE_CACHE_SECONDS = 0
    cache.clear()
    _ensure_root()
    index = GuideIndexPageFactory(parent=demo.home_page())
    guide = GuidePageFactory(
        parent=index,
        slug="english",
        title="英语学习",
        sections=[
            section("纸质馆藏", text("<p>英文词典</p>"), anchor="print"),
            section("语法检测", webtools([WebToolFactory(name_en="Grammarly")]), anchor="grammar"),
            section("网站与 App", text("<p>TED 与百词斩</p>"), anchor="apps"),
        ],
    )
    return f"{live_server.url}{guide.url}"


def _ensure_root():
    """A transactional test empties every table, the tree's root (made by a migration) too."""
    from wagtail.models import Locale, Page

    if Page.get_first_root_node() is None:
        locale, _created = Locale.objects.get_or_create(language_code="zh-hans")
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))


def test_tabs_with_javascript(chromium, live_guide):
    context = chromium.new_context(user_agent=AGENT)
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    missing = []
    page.on(
        "response",
        lambda response: response.status >= 400
        and not response.url.endswith("favicon.ico")
        and missing.append(response.url),
    )
    page.goto(live_guide)
    assert page.locator("[role=tablist]").count() == 1
    assert page.locator("#print").is_visible()
    assert not page.locator("#grammar").is_visible()
    page.get_by_role("tab", name="语法检测").click()
    assert page.locator("#grammar").is_visible()
    assert not page.locator("#print").is_visible()
    assert page.url.endswith("#grammar")
    page.get_by_role("tab", name="语法检测").press("ArrowRight")
    assert page.locator("#apps").is_visible()
    assert page.get_by_role("tab", name="网站与 App").get_attribute("aria-selected") == "true"
    page.goto(live_guide.split("#")[0] + "#grammar")
    page.reload()
    assert page.locator("#grammar").is_visible()
    assert missing == []
    assert [error for error in errors if "Failed to load resource" not in error] == []
    context.close()


def test_without_javascript_every_section_shows(chromium, live_guide):
    context = chromium.new_context(java_script_enabled=False, user_agent=AGENT)
    page = context.new_page()
    page.goto(live_guide)
    for anchor in ("print", "grammar", "apps"):
        assert page.locator(f"#{anchor}").is_visible()
    assert page.locator("a[href='#grammar']").count() == 1
    context.close()
