"""A student on a phone searches from the home page's search box, in Chinese and English:
a two-character Chinese word, an English word and a database name; opens a result; and
filters the A–Z database list by typing."""

import datetime
import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser]

WORDS = {
    "zh-hans": {
        "campaign": "影响我最深的一本书",
        "recommendation_text": "读完活着，我懂得了活下去本身的意义。",
        "guide": "EndNote 文献管理",
        "guide_summary": "安装 EndNote，从数据库导入题录，在 Word 中边写边引。",
        "az": "数据库 A–Z",
        "in_az": "在数据库 A–Z 列表中查看",
    },
    "en": {
        "campaign": "The one book that influenced me most",
        "recommendation_text": "After reading 活着 (To Live) I called my parents.",
        "guide": "EndNote reference management",
        "guide_summary": "Install EndNote, import records and cite while you write in Word.",
        "az": "Databases A–Z",
        "in_az": "In the A–Z database list",
    },
}


def _library(home):
    """A recommendation of 活着, a guide about EndNote that lists CNKI and PubMed, and the
    A–Z list, in both languages."""
    from tests.factories import (
        BookFactory,
        CampaignPageFactory,
        DatabaseFactory,
        DatabaseListPageFactory,
        GuideIndexPageFactory,
        GuidePageFactory,
        RecommendationPageFactory,
        RecommenderFactory,
    )
    from tests.factories.guides import databases, section

    book = BookFactory(title="活着", authors="余华", summary="福贵的一生。")
    cnki = DatabaseFactory(
        name_zh="中国知网", name_en="CNKI", description_zh="中文期刊与学位论文全文。"
    )
    pubmed = DatabaseFactory(name_zh="", name_en="PubMed", description_en="Biomedical citations.")
    DatabaseFactory(name_zh="万方数据", name_en="Wanfang Data")
    en_home = home.get_translation(home.locale.__class__.objects.get(language_code="en"))
    for language, parent in (("zh-hans", home), ("en", en_home)):
        words = WORDS[language]
        campaign = CampaignPageFactory(parent=parent, title=words["campaign"], slug="campaign")
        RecommendationPageFactory(
            parent=campaign,
            slug="to-live",
            book=book,
            recommender=RecommenderFactory(name="张伟", name_en="Zhang Wei"),
            recommended_on=datetime.date(2024, 4, 23),
            text=words["recommendation_text"],
        )
        guides = GuideIndexPageFactory(parent=parent, slug="guides")
        GuidePageFactory(
            parent=guides,
            slug="endnote",
            title=words["guide"],
            summary=words["guide_summary"],
            sections=[section("Databases", databases([cnki, pubmed]), anchor="databases")],
        )
        DatabaseListPageFactory(parent=guides, title=words["az"], slug="az")


def _search(phone, words):
    box = phone.locator("input[type=search][name=q]").first
    box.fill(words)
    box.press("Enter")
    expect(phone.locator(".result-count")).to_contain_text(words)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_student_searches_from_the_home_page_and_filters_the_a_to_z_list(
    phone, site, home, language
):
    _library(home)
    words = WORDS[language]
    phone.goto(f"{site.url}/{language}/")

    # a two-character Chinese word: the recommendation, told apart by its recommender
    _search(phone, "活着")
    recommendation = phone.locator(".result-reading-recommendationpage").first
    expect(recommendation).to_contain_text("2024")
    expect(recommendation.locator(".result-excerpt mark").first).to_have_text("活着")
    recommendation.locator(".result-title a").click()
    expect(phone).to_have_url(re.compile(rf"/{language}/campaign/to-live/$"))
    expect(phone.locator("h1")).to_contain_text("活着")

    # an English word: the guide, with the word marked in its summary
    _search(phone, "EndNote")
    guide = phone.locator(".result-guides-guidepage").first
    expect(guide.locator(".result-excerpt mark").first).to_have_text("EndNote")
    guide.locator(".result-title a").click()
    expect(phone).to_have_url(re.compile(rf"/{language}/guides/endnote/$"))
    expect(phone.locator("h1")).to_have_text(words["guide"])

    # a database name: the database record, and from it its place in the A–Z list
    _search(phone, "知网")
    database = phone.locator(".result-guides-database").first
    expect(database).to_contain_text("知网")
    database.get_by_role("link", name=words["in_az"]).click()
    expect(phone).to_have_url(re.compile(rf"/{language}/guides/az/\?q="))
    names = phone.locator(".az-list li:not([hidden]) .resource-name a")
    expect(names).to_have_count(1)

    # the A–Z list filters as one types, by either language's name
    box = phone.locator("#az-q")
    phone.locator(".guide-filters").get_by_role("link", name=re.compile("^(清除|Clear)$")).click()
    expect(names).to_have_count(3)
    box.press_sequentially("pub", delay=40)
    expect(names).to_have_count(1)
    expect(names.first).to_have_text("PubMed")
    box.fill("")
    box.press_sequentially("万方", delay=40)
    expect(names).to_have_count(1)
    expect(names.first).to_have_text(
        re.compile("万方数据|Wanfang Data")
    )  # found by its Chinese name
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
