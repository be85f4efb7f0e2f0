"""A reader opens the home page, on a phone and on a desktop, in Chinese and in English: the
newest recommendations with a handwritten-note thumbnail, a club with seats left and a shelf
are there, and clicking the featured recommendation opens it with its handwritten note."""

import pytest

SIZES = [{"width": 390, "height": 844}, {"width": 1366, "height": 900}]


def _content(home):
    from reading.demo.letter_paper import draw_note
    from tests.factories import (
        ArchiveItemFactory,
        BookFactory,
        CampaignIndexPageFactory,
        CampaignPageFactory,
        ClubIndexPageFactory,
        ClubPageFactory,
        RecommendationPageFactory,
        ShelfIndexPageFactory,
        ShelfPageFactory,
        translate_page,
    )

    book = BookFactory(title="活着", authors="余华", call_number="I247.57/Y92")
    index = CampaignIndexPageFactory(parent=home, slug="siku")
    campaign = CampaignPageFactory(parent=index, slug="the-one-book")
    for page in (index, campaign):
        translate_page(page, "en")
    older = RecommendationPageFactory(
        parent=campaign, slug="to-live", book=book, text="余华用最平静的语言写最深的苦难。"
    )
    older.show_note = True
    older.save_revision().publish()
    translate_page(older, "en", text="Yu Hua writes the deepest suffering in the calmest words.")
    ArchiveItemFactory(
        data=draw_note("余华用最平静的语言写最深的苦难。", "zh"),
        filename="to-live.jpg",
        consent_public=True,
        recommendation=older,
        transcription="余华用最平静的语言写最深的苦难。",
    )
    clubs = ClubIndexPageFactory(parent=home)
    club = ClubPageFactory(parent=clubs, title="共读《活着》", capacity=12, books=[book])
    translate_page(club, "en", title="Reading club: To Live")
    shelves = ShelfIndexPageFactory(parent=home)
    shelf = ShelfPageFactory(parent=shelves, title="文学经典", books=[book])
    translate_page(shelves, "en")
    translate_page(shelf, "en", title="Literary classics")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_home_page_features_what_is_new_and_opens_a_note(browser, site, home, language):
    _content(home)
    for size in SIZES:
        context = browser.new_context(locale="zh-CN", viewport=size)
        context.set_default_timeout(15_000)
        page = context.new_page()
        try:
            page.goto(f"{site.url}/{language}/")
            featured = page.locator(".home-pick.has-note").first
            featured.wait_for()
            assert featured.locator(".home-pick-note img").is_visible()
            seats = page.locator(".home-club-seats")
            assert "12" in seats.inner_text()
            assert page.locator(".home-shelf-card").is_visible()
            assert page.locator(".home-search-form input[name=q]").is_visible()
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= size["width"], f"home page {width}px wide at {size['width']}px"

            featured.locator(".home-pick-link").click()
            page.wait_for_url(f"**/{language}/siku/the-one-book/to-live/")
            note = page.locator(".archive-note img")
            note.scroll_into_view_if_needed()  # the scan loads lazily, as a reader scrolls
            note.element_handle().wait_for_element_state("visible")
            page.wait_for_function(
                "img => img.complete && img.naturalWidth > 0", arg=note.element_handle()
            )
        finally:
            context.close()
