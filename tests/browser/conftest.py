"""Headless Chromium (Debian's /usr/bin/chromium) driven by Playwright against the live server.

Playwright's sync API runs an event loop in the test thread, so Django's guard against database
calls from async code must be lifted for these tests. Each test gets a fresh browser context;
when a test fails, a full-page screenshot of its last page is saved to test-artifacts/.
"""

import contextlib
import os
import re
from io import StringIO
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Not "HeadlessChrome": the guides count clicks only from what looks like a person's browser.
USER_AGENT = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0 Mobile Safari/537.36"
)
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "user_agent": USER_AGENT,
}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is not installed at {CHROMIUM}: run `make setup` as root")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


class PageWatcher:
    """Collects what the browser reports that a reader would not see: console errors,
    Content-Security-Policy refusals and failed requests."""

    def __init__(self, page):
        self.console_errors = []
        self.csp_violations = []
        self.server_errors = []
        page.on("console", self._on_console)
        page.on("response", self._on_response)

    def _on_console(self, message):
        if message.type == "error":
            text = message.text
            if "Content Security Policy" in text or "Content-Security-Policy" in text:
                self.csp_violations.append(text)
            else:
                self.console_errors.append(text)

    def _on_response(self, response):
        if response.status >= 500:
            self.server_errors.append(f"{response.status} {response.url}")


def _context_fixture(request, browser, **options):
    context = browser.new_context(locale="zh-CN", **options)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.watcher = PageWatcher(page)
    yield page
    failed = getattr(request.node, "report_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)[-150:]
        for index, open_page in enumerate(context.pages):
            # a screenshot that fails must never hide the real failure
            with contextlib.suppress(Exception):
                open_page.screenshot(path=str(ARTIFACTS / f"{name}-{index}.png"), full_page=True)
    context.close()


@pytest.fixture
def page(request, browser):
    """A desktop-sized page."""
    yield from _context_fixture(
        request, browser, viewport={"width": 1280, "height": 900}, user_agent=USER_AGENT
    )


@pytest.fixture
def phone(request, browser):
    """A phone-sized page (390×844, touch), as most students read the site."""
    yield from _context_fixture(request, browser, **PHONE)


@pytest.fixture
def axe_page(request, browser):
    """A page into which axe-core can be injected (CSP would refuse the inline script)."""
    yield from _context_fixture(
        request, browser, viewport={"width": 1280, "height": 900}, bypass_csp=True
    )


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    """The site as readers meet it: with the page cache."""
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def site(transactional_db, live_server, django_db_serialized_rollback):
    """The live server over an empty site; each journey builds what it needs with factories
    (committed, so that the server thread sees it)."""
    from django.core.cache import cache

    cache.clear()
    return live_server


@pytest.fixture
def home(site):
    from website.home import demo

    return demo.home_page()


@pytest.fixture
def demo_site(transactional_db, live_server, django_db_serialized_rollback):
    """The live server with the full demo content that `load_demo` builds."""
    from django.core.cache import cache
    from django.core.management import call_command

    call_command("load_demo", stdout=StringIO())
    cache.clear()
    return live_server
