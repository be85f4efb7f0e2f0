"""No link of the demo sends a reader to a host that does not exist (#13).

A crawl of the demo's public pages in both languages, from the home pages, following the links
a reader can follow: every address a page offers (links, images, players, forms, mailto:) and
every counted redirect (/go/…) is read, and none may point at a placeholder host. The quick
start sets no catalogue (CATALOGUE_SEARCH_URL), so its catalogue links stay on the site.
"""

import re
from urllib.parse import urlsplit

import pytest

from guides import demo as guides_demo
from reading.demo import books, campaigns, clubs, shelves, terms
from website.home import demo as home_demo

ADDRESS = re.compile(r"""(?:href|src|action|poster)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
PLACEHOLDER = re.compile(
    r"(^|[.@])(example\.(com|edu|org|net)|[\w-]+\.(test|invalid|example|localhost))$"
)
FOLLOWED = re.compile(r"/(zh-hans|en)/[^?#]*")
MAX_PAGES = 900


@pytest.fixture
def demo(home, settings):
    settings.CATALOGUE_SEARCH_URL = ""
    settings.CATALOGUE_RECORD_URL = ""
    home_demo.build()
    books.build()
    campaigns.build()
    shelves.build()
    clubs.build()
    terms.build()
    guides_demo.build()
    books.fill_english_forms()
    home_demo.feature_sections()


def _host(address):
    if address.startswith("mailto:"):
        return address[len("mailto:") :].split("?")[0].rpartition("@")[2].lower()
    return (urlsplit(address).hostname or "").lower()


@pytest.mark.django_db
def test_no_demo_link_points_at_a_placeholder_host(client, demo):
    pages, seen, redirects = ["/zh-hans/", "/en/"], set(), set()
    problems = {}
    while pages and len(seen) < MAX_PAGES:
        path = pages.pop()
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for address in ADDRESS.findall(response.content.decode()):
            address = address.replace("&amp;", "&")
            if PLACEHOLDER.search(_host(address)):
                problems.setdefault(path, []).append(address)
            elif address.startswith("/go/"):
                redirects.add(address)
            elif FOLLOWED.fullmatch(address.split("?")[0].split("#")[0]):
                pages.append(address.split("?")[0].split("#")[0])
    for address in sorted(redirects):
        location = client.get(address).get("Location", "")
        if PLACEHOLDER.search(_host(location)):
            problems.setdefault(address, []).append(location)
    # the crawl reached every kind of page a reader meets, by following links only
    for part in ("/books/", "/siku/", "/shelves/", "/clubs/", "/guides/"):
        for language in ("zh-hans", "en"):
            assert any(url.startswith(f"/{language}{part}") for url in seen), (language, part)
    assert len(seen) > 150 and any(a.startswith("/go/database/") for a in redirects)
    assert problems == {}


def test_the_placeholder_pattern_is_what_the_crawl_refuses():
    for address in (
        "https://catalogue.example.edu/search?q=x",
        "mailto:chen.jing@example.edu",
        "https://player.example.com/1",
        "https://primo.library.test/",
    ):
        assert PLACEHOLDER.search(_host(address)), address
    for address in ("https://www.cnki.net/", "https://weread.qq.com/", "/zh-hans/books/"):
        assert not PLACEHOLDER.search(_host(address)), address
