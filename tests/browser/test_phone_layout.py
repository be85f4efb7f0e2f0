"""The public site on a phone (390×844), as a student meets it: no page scrolls sideways, the
menu folds behind one button (and opens without JavaScript too), and a long shelf, the page the
physical shelf's QR label opens, shows its first books at once and the rest by clicking."""

from playwright.sync_api import expect

from django.core.cache import cache

from .conftest import PHONE
from .pages import public_urls

# Where a page is wider than the screen, say which elements stick out (for the failure message).
_WIDEST = """() => [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
    .slice(0, 3)
    .map(el => `${el.tagName.toLowerCase()}.${el.className} `
               + `${Math.round(el.getBoundingClientRect().right)}px`)"""


# Form controls under 16 px make iOS zoom into the page when they get the focus.
_SMALL_CONTROLS = """() => [...document.querySelectorAll('input, select, textarea')]
    .filter(el => el.type !== 'hidden' && parseFloat(getComputedStyle(el).fontSize) < 16)
    .map(el => `${el.tagName.toLowerCase()}[name=${el.name}] ${getComputedStyle(el).fontSize}`)"""


def _give_a_recommendation_its_note():
    """The demo's recommendations may carry no scan yet: give the first one in each language a
    large scan (1200×1600, drawn 800 px wide), the case that made pages scroll sideways."""
    from reading.models import ArchiveItem, RecommendationPage
    from tests.factories import ArchiveItemFactory
    from tests.factories.archive import note_image_bytes

    live = RecommendationPage.objects.live().public()
    if any(page.note for page in live.filter(show_note=True)):
        return
    first = live.filter(locale__language_code="zh-hans").order_by("pk").first()
    ArchiveItemFactory(
        data=note_image_bytes("推荐语 a handwritten note", size=(1200, 1600), file_format="JPEG"),
        filename="wide-note.jpg",
        consent_public=True,
        recommendation=first,
    )
    RecommendationPage.objects.filter(translation_key=first.translation_key).update(show_note=True)
    assert ArchiveItem.objects.public().filter(recommendation=first).exists()
    cache.clear()


def test_no_public_page_is_wider_than_a_phone_in_either_language(phone, demo_site):
    """Every public page type (pages, views and forms, a recommendation with its note and the
    note's own page) in both languages: the document is no wider than the 390 px screen, and
    no form control is drawn under 16 px."""
    _give_a_recommendation_its_note()
    too_wide, checked = {}, []
    for language in ("zh-hans", "en"):
        urls = public_urls(language)
        labels = {label for label, _url in urls}
        assert {"note", "recommendation with its note", "search", "reading:book_list"} <= labels
        for label, url in urls:
            response = phone.goto(demo_site.url + url)
            assert response.status == 200, f"{label} {url}: {response.status}"
            phone.wait_for_load_state("load")
            width, viewport = phone.evaluate(
                "[document.documentElement.scrollWidth, window.innerWidth]"
            )
            checked.append(f"{label} {url} {width}px")
            if width > viewport:
                too_wide[f"{label} {url}"] = f"{width}px > {viewport}px: {phone.evaluate(_WIDEST)}"
            small = phone.evaluate(_SMALL_CONTROLS)
            if small:
                too_wide[f"{label} {url}"] = f"controls under 16 px: {small[:3]}"
    print("widths checked at 390 px:", *checked, sep="\n  ")
    assert not too_wide, "\n".join(f"{page}: {why}" for page, why in too_wide.items())
    assert not phone.watcher.server_errors


def _menu_pages(home):
    from tests.factories import BookFactory, ShelfIndexPageFactory, ShelfPageFactory

    shelves = ShelfIndexPageFactory(parent=home, title="主题书架", show_in_menus=True)
    books = [
        BookFactory(
            title=f"科学家传记 {n:02d}",
            call_number=f"K826/{n}",
            ebook_url=f"https://ebooks.example.edu/{n}" if n % 3 == 0 else "",
            ebook_platform="超星电子书" if n % 3 == 0 else "",
            # the first is on a second platform too, which readers off campus reach
            ebooks=[{"platform": "微信读书", "url": "https://weread.example.edu/0"}]
            if n == 0
            else [],
        )
        for n in range(30)
    ]
    shelf = ShelfPageFactory(parent=shelves, title="院士推荐的科学家传记", books=books)
    cache.clear()
    return shelves, shelf


def test_the_phone_menu_is_folded_and_reaches_a_page_by_clicking(phone, site, home):
    shelves, shelf = _menu_pages(home)
    phone.goto(f"{site.url}/zh-hans/")
    header = phone.locator(".site-header").bounding_box()
    assert header["height"] <= 0.15 * 844, f"the header takes {header['height']}px of 844"
    menu_link = phone.locator(".site-nav a", has_text="主题书架")
    assert not menu_link.is_visible()  # folded
    phone.locator(".site-menu summary").click()
    assert menu_link.is_visible()
    menu_link.click()
    phone.wait_for_url(f"**{shelves.url}")
    assert phone.locator("h1").inner_text() == "主题书架"

    # By keyboard: Enter opens the menu, Escape folds it back onto its button.
    phone.locator(".site-menu summary").focus()
    phone.keyboard.press("Enter")
    assert phone.locator(".site-nav a").first.is_visible()
    phone.keyboard.press("Escape")
    assert not phone.locator(".site-nav a").first.is_visible()
    assert phone.evaluate("document.activeElement.tagName") == "SUMMARY"

    # A wide screen shows the menu open, with no button.
    phone.set_viewport_size({"width": 1280, "height": 900})
    expect(phone.locator(".site-nav a", has_text="主题书架")).to_be_visible()
    expect(phone.locator(".site-menu summary")).to_be_hidden()


def test_the_phone_menu_works_without_javascript(browser, site, home):
    shelves, _shelf = _menu_pages(home)
    context = browser.new_context(locale="zh-CN", java_script_enabled=False, **PHONE)
    try:
        page = context.new_page()
        page.goto(f"{site.url}/en/")
        link = page.locator(".site-nav a").nth(1)
        assert not link.is_visible()
        page.locator(".site-menu summary").click()
        assert link.is_visible()
        link.click()
        page.wait_for_load_state()
        assert page.locator("h1").count() == 1
        assert page.url.startswith(f"{site.url}/en/")
    finally:
        context.close()


def test_a_long_shelf_shows_its_first_books_at_once_and_pages_and_filters_by_clicking(
    phone, site, home
):
    from reading.listing import PER_PAGE

    shelves, shelf = _menu_pages(home)
    phone.goto(f"{site.url}/zh-hans/")
    phone.locator(".site-menu summary").click()
    phone.locator(".site-nav a", has_text="主题书架").click()
    phone.locator(".card-title a", has_text="院士推荐的科学家传记").click()
    phone.wait_for_url(f"**{shelf.url}")

    cards = phone.locator(".shelf-books .book-card")
    assert cards.count() == PER_PAGE
    # The first book is on the first screen, under the header and the shelf's facts.
    first = cards.first.bounding_box()
    assert first["y"] < 844, f"the first book starts at {first['y']}px"
    assert "科学家传记 00" in cards.first.inner_text()
    assert "K826/0" in cards.first.inner_text()  # its holdings, styled as a card
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    # The next page, by clicking.
    phone.locator(".pager a[rel=next]").click()
    phone.wait_for_url("**page=2")
    assert (
        f"科学家传记 {PER_PAGE:02d}" in phone.locator(".shelf-books .book-card").first.inner_text()
    )
    assert phone.locator(".pager [aria-current=page]").inner_text().strip() in ("第 2 页", "Page 2")

    # Only the e-books, by clicking: 10 of the 30 books have one.
    phone.locator(".format-choices a", has_text="电子书").click()
    phone.wait_for_url("**format=ebook")
    shown = phone.locator(".shelf-books .book-card")
    assert shown.count() == 10
    for index in range(shown.count()):
        assert shown.nth(index).locator(".ebook-link").count() == (2 if index == 0 else 1)
    assert phone.locator(".format-choices a[aria-current]").inner_text() == "电子书"

    # The first book's page lists both its platforms, in their order, within the phone's width.
    shown.first.locator(".book-card-title a").click()
    phone.wait_for_url("**/books/*/")
    links = phone.locator(".holding--ebook .ebook-link")
    assert links.all_inner_texts() == ["在超星电子书阅读", "在微信读书阅读"]
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert not phone.watcher.server_errors
