"""Browsing a campaign: both languages, newest first, filters, paging at a constant cost."""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    BookFactory,
    RecommendationPageFactory,
    RecommenderFactory,
    translate_page,
)
from tests.factories.campaigns import campaign_in_both_languages


@pytest.fixture
def campaign(home):
    return campaign_in_both_languages(home)[0]


def _recommend(campaign, title, **kwargs):
    book = kwargs.pop("book", None) or BookFactory(title=title, authors="作者")
    return RecommendationPageFactory(parent=campaign, book=book, **kwargs)


@pytest.mark.django_db
def test_campaign_in_both_languages(client, campaign):
    page = _recommend(campaign, "人类简史", text="历史原来可以这样写。")
    translate_page(page, "en", text="History can be written like this.")
    zh = client.get(campaign.url)
    en = client.get(
        campaign.get_translation(page.locale.__class__.objects.get(language_code="en")).url
    )
    assert zh.status_code == en.status_code == 200
    assert "影响我最深的一本书" in zh.text and "历史原来可以这样写" in zh.text
    assert "The one book that influenced me most" in en.text
    assert "History can be written like this." in en.text and "历史原来可以这样写" not in en.text
    assert "Recommend a book" in en.text


@pytest.mark.django_db
def test_untranslated_recommendation_shows_in_its_own_language(client, campaign):
    _recommend(campaign, "红楼梦", text="读了三遍，每一遍都不同。")
    campaign_en = campaign.get_translations().get()
    response = client.get(campaign_en.url)
    assert "读了三遍" in response.text
    assert 'lang="zh-hans"' in response.text


@pytest.mark.django_db
def test_newest_first(client, campaign):
    _recommend(campaign, "旧书", recommended_on=datetime.date(2019, 4, 1))
    _recommend(campaign, "新书", recommended_on=datetime.date(2025, 4, 1))
    text = client.get(campaign.url).text
    assert text.index("新书") < text.index("旧书")


@pytest.mark.django_db
def test_filters_by_theme_role_school_and_year(client, campaign):
    professor = RecommenderFactory(
        role="faculty", school="生命科学学院", school_en="School of Life Sciences"
    )
    _recommend(
        campaign,
        "双螺旋",
        recommender=professor,
        themes=["科学史"],
        recommended_on=datetime.date(2021, 4, 1),
    )
    _recommend(
        campaign, "被讨厌的勇气", themes=["心理健康"], recommended_on=datetime.date(2023, 4, 1)
    )
    url = campaign.url
    by_theme = client.get(url, {"theme": "科学史"}).text
    assert "双螺旋" in by_theme and "被讨厌的勇气" not in by_theme
    by_role = client.get(url, {"role": "student"}).text
    assert "被讨厌的勇气" in by_role and "双螺旋" not in by_role
    by_school = client.get(url, {"school": "生命科学学院"}).text
    assert "双螺旋" in by_school and "被讨厌的勇气" not in by_school
    by_year = client.get(url, {"year": "2023"}).text
    assert "被讨厌的勇气" in by_year and "双螺旋" not in by_year
    # Nonsense values are ignored, never an error.
    assert client.get(url, {"role": "wizard", "year": "abc", "page": "x"}).status_code == 200
    assert client.get(url, {"page": "999"}).status_code == 200


@pytest.mark.django_db
def test_paging(client, campaign):
    for n in range(14):
        _recommend(
            campaign,
            f"书{n:02d}",
            recommended_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=n),
        )
    first = client.get(campaign.url).text
    second = client.get(campaign.url, {"page": 2}).text
    assert "书13" in first and "书00" not in first
    assert "书00" in second and "书13" not in second
    assert 'rel="next"' in first


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_query_count_does_not_grow_with_recommendations(client, campaign):
    for n in range(3):
        _recommend(campaign, f"甲{n}", themes=["科学史", "大学生发展"])
    few = _count_queries(client, campaign.url)
    for n in range(9):
        _recommend(
            campaign,
            f"乙{n}",
            themes=["科学史", "职业生涯规划"],
            recommender=RecommenderFactory(school=f"学院{n}"),
        )
    many = _count_queries(client, campaign.url)
    assert many <= few


@pytest.mark.django_db
def test_closed_campaign_has_no_form_link(client, home):
    campaign, _ = campaign_in_both_languages(home, accepting_submissions=False)
    response = client.get(campaign.url)
    assert campaign.submit_url() not in response.text
    form = client.get(campaign.submit_url())
    assert form.status_code == 200 and '<form class="recommend-form"' not in form.text


@pytest.mark.django_db
def test_recommendations_are_found_by_book_title_in_chinese(client, campaign):
    page = _recommend(campaign, "钱学森传", text="科学家的志向与国家的需要。")
    response = client.get("/zh-hans/search/", {"q": "学森"})
    assert page.url in response.text


@pytest.mark.django_db
def test_editors_can_open_the_campaign_pages_in_the_admin(client, editor, campaign):
    from tests.factories import ColumnArticlePageFactory

    page = _recommend(campaign, "乡土中国", themes=["社会与历史"])
    column = ColumnArticlePageFactory(
        parent=campaign, body=[("recommendation", {"recommendation": page, "excerpt": ""})]
    )
    client.force_login(editor)
    for target in (campaign, page, column):
        assert client.get(f"/admin/pages/{target.pk}/edit/").status_code == 200
    add = client.get(f"/admin/pages/add/reading/recommendationpage/{campaign.pk}/")
    assert add.status_code == 200
