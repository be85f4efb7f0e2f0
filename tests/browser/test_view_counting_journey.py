"""A reader opens a recommendation from the home page: the page's beacon fires in a real
browser under the site's Content-Security-Policy and the view is counted once; a second
reader, served the cached page, is counted too."""

from tests.browser.conftest import USER_AGENT


def _recommendation(home):
    from tests.factories import (
        BookFactory,
        CampaignIndexPageFactory,
        CampaignPageFactory,
        RecommendationPageFactory,
    )

    book = BookFactory(title="乡土中国", authors="费孝通")
    campaign = CampaignPageFactory(
        parent=CampaignIndexPageFactory(parent=home, slug="siku"), slug="reading-month"
    )
    return RecommendationPageFactory(
        parent=campaign, slug="earthbound-china", book=book, text="读懂中国乡村社会的钥匙。"
    )


def _views(recommendation):
    from website.core.models import ViewCount

    rows = ViewCount.objects.filter(kind="recommendation", object_id=recommendation.pk)
    return sum(rows.values_list("views", flat=True))


def _open_from_home(page, site, recommendation):
    page.goto(f"{site.url}/zh-hans/")
    with page.expect_response(lambda r: "/go/seen/recommendation/" in r.url) as beacon:
        page.locator(f'a[href$="{recommendation.url}"]').first.click()
        page.wait_for_url(f"**{recommendation.url}")
    assert beacon.value.status == 200
    assert beacon.value.url.endswith(f"/go/seen/recommendation/{recommendation.pk}.gif")
    page.wait_for_load_state("networkidle")


def test_a_readers_visit_from_the_home_page_is_counted_once(page, browser, site, home):
    recommendation = _recommendation(home)
    _open_from_home(page, site, recommendation)
    assert page.watcher.csp_violations == []
    assert page.watcher.console_errors == []
    assert _views(recommendation) == 1

    other = browser.new_context(locale="zh-CN", user_agent=USER_AGENT)
    try:
        second = other.new_page()
        response = second.goto(f"{site.url}{recommendation.url}")
        assert response.headers.get("x-page-cache") == "hit"  # still served from the cache
        second.wait_for_load_state("networkidle")
    finally:
        other.close()
    assert _views(recommendation) == 2
