"""Reports draw their trends as charts with axes: recommendations per month (or per year
when the campaigns span years), loans per period, club places and attendance per month of
the discussions, and the top ten books and themes. The figures come from grouped queries
(their number does not grow with the months, books or clubs), empty months stay on the
axis, labels read in the admin's language, and the participation report is for those who
see every club's participants."""

from datetime import date, datetime, timedelta

import pytest

from django.urls import reverse
from django.utils import timezone, translation

from reading import report_charts
from reading.models import Book, ClubPage, RecommendationPage
from tests.factories import (
    BookFactory,
    ClubIndexPageFactory,
    ClubPageFactory,
    ClubSignupFactory,
    LoanFactory,
    RecommendationPageFactory,
    UserFactory,
)
from tests.factories.campaigns import campaign_in_both_languages
from website.core.charts import ColumnChart, RankingChart, Series, nice_scale, text_width


def test_the_value_axis_ends_on_a_round_number():
    assert nice_scale(17) == (20, 5)
    assert nice_scale(3) == (3, 1)
    assert nice_scale(1000) == (1000, 250)
    assert nice_scale(0) == (1, 1)  # an empty chart still has an axis


def test_columns_stand_on_the_axis_and_labels_keep_apart():
    chart = ColumnChart("t", "x", "y", [Series("a")])
    for month in range(1, 13):
        chart.add(f"2026-{month:02}", month)
    layout = chart.layout()

    assert [tick["value"] for tick in layout["ticks"]] == [0, 5, 10, 15]
    tallest = layout["columns"][-1]
    assert tallest["y"] + tallest["height"] == layout["baseline"]
    assert tallest["tooltip"] == "2026-12 · a: 12"
    # twelve labels of 7 characters do not fit side by side in 580 units: every other one
    xs = [label["x"] for label in layout["labels"]]
    assert len(xs) == 6 and min(b - a for a, b in zip(xs, xs[1:], strict=False)) > 56


def test_a_long_title_is_cut_beside_its_bar_and_kept_whole_in_its_tooltip():
    title = "这是一本书名很长很长很长很长很长很长很长的书"
    bar = RankingChart("t", "x", [(title, 4), ("Short", 1)]).layout()["bars"][0]
    assert bar["label"].endswith("…") and text_width(bar["label"]) <= 200
    assert bar["tooltip"] == f"{title}: 4"


@pytest.mark.django_db
def test_recommendations_per_month_count_a_translated_recommendation_once(home):
    campaign, campaign_en = campaign_in_both_languages(home)
    for day in (date(2026, 3, 2), date(2026, 3, 20), date(2026, 5, 4)):
        page = RecommendationPageFactory(parent=campaign, recommended_on=day)
        page.copy_for_translation(campaign_en.locale, copy_parents=False).save_revision().publish()

    chart = report_charts.recommendations_by_month()

    assert chart.categories == ["Mar 2026", "Apr 2026", "May 2026"]  # April stays, at 0
    assert chart.values == [[2], [0], [1]]


@pytest.mark.django_db
def test_campaigns_over_several_years_are_drawn_by_year(home):
    campaign = campaign_in_both_languages(home)[0]
    for year in (2018, 2019, 2021):
        RecommendationPageFactory(parent=campaign, recommended_on=date(year, 4, 23))

    chart = report_charts.recommendations_by_month()

    assert chart.categories == ["2018", "2019", "2020", "2021"]
    assert chart.values == [[1], [1], [0], [1]]
    assert chart.title == "Recommendations per year"


@pytest.mark.django_db
def test_month_labels_read_in_chinese(home):
    campaign = campaign_in_both_languages(home)[0]
    RecommendationPageFactory(parent=campaign, recommended_on=date(2026, 3, 2))
    with translation.override("zh-hans"):
        chart = report_charts.recommendations_by_month()
    assert chart.categories == ["2026年3月"]
    assert chart.title == "每月推荐数"


@pytest.mark.django_db
def test_loans_per_period_follow_the_chosen_books():
    shelved, other = BookFactory(title="三体"), BookFactory(title="活着")
    for period, loans in (("2023-09", 5), ("2024-02", 7)):
        LoanFactory(book=shelved, period=period, loans=loans)
        LoanFactory(book=other, period=period, loans=100)

    chart = report_charts.loans_by_period(Book.objects.filter(pk=shelved.pk))

    assert chart.categories == ["2023-09", "2024-02"]
    assert chart.values == [[5], [7]]


def _club(index, when, capacity=10):
    return ClubPageFactory(
        parent=index,
        capacity=capacity,
        reading_starts=(when - timedelta(days=10)).date(),
        reading_ends=(when - timedelta(days=1)).date(),
        discussion_starts=when,
        discussion_ends=when + timedelta(hours=2),
        signup_opens=when - timedelta(days=30),
        signup_closes=when - timedelta(days=11),
    )


@pytest.fixture
def clubs(home):
    index = ClubIndexPageFactory(parent=home)
    tz = timezone.get_current_timezone()
    autumn = _club(index, datetime(2026, 9, 15, 19, tzinfo=tz))
    winter = _club(index, datetime(2026, 11, 20, 19, tzinfo=tz), capacity=3)
    for position, attended in enumerate([True, True, True, False, None], start=1):
        ClubSignupFactory(club=autumn, position=position, attended=attended)
    ClubSignupFactory(club=autumn, status="cancelled", position=9)
    for position in (1, 2, 3):
        ClubSignupFactory(club=winter, position=position)
    ClubSignupFactory(club=winter, status="waitlisted", position=4)
    return autumn, winter


@pytest.mark.django_db
def test_participation_per_month_counts_places_attendance_and_the_waitlist(clubs):
    chart = report_charts.participation_by_month(ClubPage.objects.all())

    assert chart.categories == ["Sep 2026", "Oct 2026", "Nov 2026"]
    # places taken, attended, waiting: cancelled places and unmarked attendance do not count
    assert chart.values == [[5, 3, 0], [0, 0, 0], [3, 0, 1]]


@pytest.mark.django_db
def test_the_participation_report_shows_the_chart_the_rate_and_exports(client, editor, clubs):
    client.force_login(editor)

    html = client.get("/admin/reports/club-participation/").content.decode()
    assert 'id="chart-participation-by-month-title"' in html
    assert "75 %" in html  # 3 of the 4 whose attendance was marked

    response = client.get("/admin/reports/club-participation/?export=csv")
    export = b"".join(response.streaming_content).decode("utf-8-sig")
    header, *rows = export.strip().splitlines()
    assert "Attendance rate (of those marked)" in header
    assert any(row.endswith(",5,0,3,1,1,0.75") for row in rows), rows


@pytest.mark.django_db
def test_the_participation_report_is_refused_to_teachers_and_readers(client, clubs):
    teacher = clubs[0].leader.user
    client.force_login(teacher)
    assert client.get("/admin/reports/club-participation/").status_code in (302, 403)
    client.logout()
    response = client.get("/admin/reports/club-participation/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_the_reports_carry_their_charts_in_chinese(client, home):
    from wagtail.users.models import UserProfile

    librarian = UserFactory(username="zhang", is_staff=True, is_superuser=True)
    profile = UserProfile.get_for_user(librarian)
    profile.preferred_language = "zh-hans"
    profile.save()
    campaign = campaign_in_both_languages(home)[0]
    book = BookFactory(title="乡土中国")
    RecommendationPageFactory(parent=campaign, book=book, themes=["社会"])
    LoanFactory(book=book, period="2024-09", loans=12)
    client.force_login(librarian)

    books = client.get("/admin/reports/recommended-books/").content.decode()
    themes = client.get("/admin/reports/recommendation-themes/").content.decode()
    loans = client.get(reverse("wagtailsnippets_reading_book:loan_report")).content.decode()

    assert "推荐月份" in books and "推荐最多的十本书" in books
    assert "推荐最多的十个主题" in themes and ">社会<" in themes
    assert "各期借阅量" in loans and ">2024-09<" in loans


@pytest.mark.django_db
def test_the_charts_cost_the_same_queries_for_more_months_and_clubs(
    client, editor, home, django_assert_max_num_queries
):
    campaign = campaign_in_both_languages(home)[0]
    index = ClubIndexPageFactory(parent=home)
    tz = timezone.get_current_timezone()
    client.force_login(editor)

    def grow(months):
        for month in months:
            RecommendationPageFactory(parent=campaign, recommended_on=date(2025, month, 1))
            club = _club(index, datetime(2025, month, 10, 19, tzinfo=tz))
            ClubSignupFactory(club=club, attended=True)

    def cost():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            client.get("/admin/reports/recommended-books/")
            client.get("/admin/reports/club-participation/")
        return len(queries)

    grow([1])
    few = cost()
    grow(range(2, 12))
    with django_assert_max_num_queries(few):
        cost()
    assert RecommendationPage.objects.count() == 11


@pytest.mark.django_db
def test_an_export_or_a_refreshed_table_builds_no_chart(client, editor, home, monkeypatch):
    campaign = campaign_in_both_languages(home)[0]
    RecommendationPageFactory(parent=campaign, recommended_on=date(2026, 3, 2))
    client.force_login(editor)

    def no_chart(*args, **kwargs):
        raise AssertionError("a chart was built for a response that does not show it")

    monkeypatch.setattr(report_charts, "recommendations_by_month", no_chart)
    export = client.get("/admin/reports/recommended-books/?export=csv")
    assert export.status_code == 200 and export["Content-Type"].startswith("text/csv")
    results = client.get("/admin/reports/recommended-books/results/")
    assert results.status_code == 200 and "chart-recommendations" not in results.content.decode()
