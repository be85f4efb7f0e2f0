"""The Views report (Reports → Views): views per kind and month, the most viewed pages with
their QR scans beside, a CSV; for the librarians who promote reading, not for teachers."""

import csv
import io
from datetime import date

import pytest

from django.contrib.auth.models import Group
from django.core.management import call_command

from reading.roles import CLUB_LEADERS, OUTREACH_LIBRARIANS
from tests.factories import (
    BookFactory,
    CampaignIndexPageFactory,
    CampaignPageFactory,
    ClubIndexPageFactory,
    RecommendationPageFactory,
    ShelfIndexPageFactory,
    ShelfPageFactory,
    UserFactory,
)
from website.core.models import ViewCount

pytestmark = pytest.mark.django_db

URL = "/admin/reports/views/"


def count(obj, kind, day, views, source="page"):
    ViewCount.objects.create(kind=kind, object_id=obj.pk, date=day, views=views, source=source)


@pytest.fixture
def figures(home):
    campaign = CampaignPageFactory(parent=CampaignIndexPageFactory(parent=home), title="读书月")
    recommendation = RecommendationPageFactory(parent=campaign, title="《乡土中国》")
    shelf = ShelfPageFactory(parent=ShelfIndexPageFactory(parent=home), title="科学家传记")
    book = BookFactory(title="三体")
    count(campaign, "campaign", date(2026, 9, 3), 10)
    count(campaign, "campaign", date(2026, 10, 3), 5)
    count(recommendation, "recommendation", date(2026, 10, 4), 30)
    count(shelf, "shelf", date(2026, 10, 5), 8)
    count(shelf, "shelf", date(2026, 10, 5), 6, source="qr")
    count(shelf, "shelf", date(2026, 11, 1), 3, source="qr")
    count(book, "book", date(2026, 11, 2), 2)
    return {"campaign": campaign, "recommendation": recommendation, "shelf": shelf, "book": book}


@pytest.fixture
def outreach(figures):
    ClubIndexPageFactory(parent=figures["campaign"].get_parent().get_parent())
    call_command("setup_roles", verbosity=0)
    user = UserFactory(username="outreach.li", is_staff=True)
    user.groups.add(Group.objects.get(name=OUTREACH_LIBRARIANS))
    return user


def read_csv(response):
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_the_report_counts_each_page_with_its_scans(figures, outreach, client):
    client.force_login(outreach)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "chart-views-by-month-title" in html or 'id="chart-views-by-month' in html
    for title in ("读书月", "《乡土中国》", "科学家传记", "三体"):
        assert title in html
    assert f'href="{figures["recommendation"].url}"' in html  # the public page
    rows = read_csv(client.get(URL, {"export": "csv"}))
    assert rows[0] == ["Kind", "Page", "Language", "Address", "Page views", "QR code scans"]
    by_title = {row[1]: row for row in rows[1:]}
    assert by_title["《乡土中国》"][4:] == ["30", "0"]
    assert by_title["读书月"][4:] == ["15", "0"]
    assert by_title["科学家传记"][0] == "Shelf" and by_title["科学家传记"][2] == "简体中文"
    assert by_title["科学家传记"][4:] == ["8", "9"]  # scans beside the shelf's views
    assert [row[1] for row in rows[1:]] == ["《乡土中国》", "读书月", "科学家传记", "三体"]


def test_the_months_chart_has_a_column_per_kind_and_month(figures, outreach, client):
    from reading.report_charts import views_by_month

    chart = views_by_month(ViewCount.objects.all())
    assert [series.label for series in chart.series] == [
        "Campaign",
        "Recommendation",
        "Shelf",
        "Book",
    ]
    assert len(chart.categories) == 3  # September to November
    assert chart.values == [[10, 0, 0, 0], [5, 30, 8, 0], [0, 0, 0, 2]]  # scans not in it


def test_filters_by_kind_and_days(figures, outreach, client):
    client.force_login(outreach)
    rows = read_csv(client.get(URL, {"export": "csv", "kind": "shelf"}))
    assert [row[1] for row in rows[1:]] == ["科学家传记"]
    rows = read_csv(
        client.get(URL, {"export": "csv", "date_from": "2026-10-01", "date_to": "2026-10-31"})
    )
    by_title = {row[1]: row for row in rows[1:]}
    assert by_title["读书月"][4] == "5" and by_title["科学家传记"][4:] == ["8", "6"]
    assert "三体" not in by_title


def test_a_deleted_page_keeps_its_row(figures, outreach, client):
    figures["book"].delete()
    client.force_login(outreach)
    rows = read_csv(client.get(URL, {"export": "csv"}))
    assert any(row[1].startswith("(deleted)") and row[4] == "2" for row in rows[1:])


def test_in_the_menu_for_outreach_librarians(outreach, client):
    client.force_login(outreach)
    assert URL in client.get("/admin/").content.decode()


def test_a_bad_date_is_explained_not_a_crash(figures, outreach, client):
    client.force_login(outreach)
    response = client.get(URL, {"date_from": "not a date"})
    assert response.status_code == 200
    assert "error" in response.content.decode()


def test_refused_to_a_teacher_and_to_anonymous(outreach, client):
    teacher = UserFactory(username="teacher.wang", is_staff=False)
    teacher.groups.add(Group.objects.get(name=CLUB_LEADERS))
    anonymous = client.get(URL)
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    client.force_login(teacher)
    response = client.get(URL)
    assert response.status_code in (302, 403)
    assert "科学家传记" not in response.content.decode()
    assert client.get(URL, {"export": "csv"}).status_code in (302, 403)
    assert URL not in client.get("/admin/").content.decode()


def test_queries_do_not_grow_with_the_pages(
    figures, outreach, client, django_assert_max_num_queries
):
    client.force_login(outreach)
    client.get(URL)  # warm the site's caches
    with django_assert_max_num_queries(30) as first:
        client.get(URL)
    index = figures["shelf"].get_parent()
    for n in range(12):
        shelf = ShelfPageFactory(parent=index, title=f"书架 {n}")
        count(shelf, "shelf", date(2026, 10, 6), n + 1)
        count(shelf, "shelf", date(2026, 10, 6), n + 1, source="qr")
        count(BookFactory(), "book", date(2026, 10, 6), n + 1)
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(URL)
