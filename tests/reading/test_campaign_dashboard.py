"""Reports → Campaign dashboard: one campaign's charts, each with its CSV (#17)."""

import datetime

import pytest

from reading import suggestions
from tests.factories import (
    BookFactory,
    CampaignPageFactory,
    RecommendationPageFactory,
    RecommenderFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
URL = "/admin/reports/campaign-dashboard/"


@pytest.fixture
def librarian(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def campaign(home):
    campaign = CampaignPageFactory(parent=home, title="影响我最深的一本书")
    for n, school in enumerate(["工学院", "工学院", "=HYPERLINK(1)"]):
        RecommendationPageFactory(
            parent=campaign,
            book=BookFactory(copies=0, call_number="", ebook_url="", mms_id=""),
            recommender=RecommenderFactory(school=school, school_en=""),
            recommended_on=datetime.date(2024, 4, 20 + n),
            themes=["人生态度"],
        )
    for page in campaign.get_children().specific():
        suggestions.suggest_for_recommendation(page)
    return campaign


def test_the_dashboard_draws_the_campaign_s_charts(librarian, campaign):
    CampaignPageFactory(parent=campaign.get_parent(), title="另一场征集")
    page = librarian.get(URL, {"campaign": campaign.pk})
    assert page.status_code == 200
    for name in ("recommendations-by-month", "by-theme", "by-school", "suggestions"):
        assert f'id="chart-{name}-title"' in page.text
        assert f"csv={name}" in page.text
    assert "另一场征集" in page.text  # the chooser lists every campaign
    assert "csv=views-by-month" in page.text  # a superuser reads the view figures too


def test_the_views_chart_counts_the_campaign_s_pages_only(librarian, campaign, home):
    from website.core.models import ViewCount

    page = campaign.get_children().first()
    other = CampaignPageFactory(parent=home, title="别的活动")
    day = datetime.date(2026, 11, 3)
    ViewCount.objects.create(kind="recommendation", object_id=page.pk, date=day, views=7)
    ViewCount.objects.create(kind="campaign", object_id=campaign.pk, date=day, views=5)
    ViewCount.objects.create(kind="campaign", object_id=other.pk, date=day, views=100)
    body = librarian.get(URL, {"campaign": campaign.pk, "csv": "views-by-month"})
    text = body.content.decode("utf-8-sig")
    assert ",5,7" in text and "100" not in text


def test_each_chart_downloads_as_a_csv_that_runs_no_formula(librarian, campaign):
    response = librarian.get(URL, {"campaign": campaign.pk, "csv": "by-school"})
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8-sig")
    assert "工学院,2" in body and "'=HYPERLINK(1),1" in body
    months = librarian.get(URL, {"campaign": campaign.pk, "csv": "recommendations-by-month"})
    assert "Apr 2024,3" in months.content.decode("utf-8-sig")  # the chart's own month label
    statuses = librarian.get(URL, {"campaign": campaign.pk, "csv": "suggestions"})
    assert "Suggested,3" in statuses.content.decode("utf-8-sig")


@pytest.mark.parametrize("query", [{"campaign": "999999"}, {"campaign": "x"}, {"csv": "nope"}])
def test_an_unknown_campaign_or_chart_is_not_found(librarian, campaign, query):
    assert librarian.get(URL, query).status_code == 404


def test_the_dashboard_is_refused_to_a_teacher(client, campaign):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(URL).status_code in (302, 403)


def test_the_dashboard_costs_the_same_queries_for_more_recommendations(
    librarian, campaign, django_assert_max_num_queries
):
    librarian.get(URL)
    with django_assert_max_num_queries(60) as few:
        librarian.get(URL, {"campaign": campaign.pk})
    for _ in range(8):
        RecommendationPageFactory(parent=campaign, recommender=RecommenderFactory(school="理学院"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        librarian.get(URL, {"campaign": campaign.pk})


def test_a_moderator_who_reads_no_view_figures_gets_no_views_chart(client, campaign):
    from django.contrib.auth.models import Permission

    moderator = UserFactory(is_staff=True)
    moderator.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_submission"),
    )
    client.force_login(moderator)
    page = client.get(URL, {"campaign": campaign.pk})
    assert page.status_code == 200 and "csv=by-school" in page.text
    assert "views-by-month" not in page.text
    assert client.get(URL, {"campaign": campaign.pk, "csv": "views-by-month"}).status_code == 404
