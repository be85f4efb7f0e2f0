"""The admin usage report: a period's views and clicks, a chart, CSV downloads."""

import csv
import io
from datetime import timedelta

import pytest

from django.utils import timezone

from guides.models import ResourceClick
from website.core.models import ViewCount

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(guide, cnki):
    today = timezone.localdate()
    ViewCount.objects.create(kind="guide", object_id=guide.pk, date=today, views=7)
    ViewCount.objects.create(
        kind="guide", object_id=guide.pk, date=today - timedelta(days=2), views=5
    )
    ViewCount.objects.create(
        kind="guide", object_id=guide.pk, date=today - timedelta(days=90), views=1000
    )
    ResourceClick.objects.create(
        kind="database", object_id=cnki.pk, guide=guide, date=today, clicks=3
    )
    ResourceClick.objects.create(
        kind="database", object_id=cnki.pk, guide=None, date=today, clicks=2
    )
    ResourceClick.objects.create(kind="webtool", object_id=999999, guide=None, date=today, clicks=1)
    return today


def read_csv(response):
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_the_report_shows_the_period(figures, guide, editor, client):
    client.force_login(editor)
    response = client.get("/admin/guides/reports/usage/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "chart-usage-title" in html and "<rect" in html
    assert guide.title in html
    assert "中国知网" in html
    assert ">12<" in html  # views in the last 30 days, not the 1000 of three months ago
    assert ">5<" in html  # clicks on CNKI


def test_csv_downloads(figures, guide, editor, client):
    client.force_login(editor)
    period = {"start": (figures - timedelta(days=6)).isoformat(), "end": figures.isoformat()}
    views = read_csv(client.get("/admin/guides/reports/usage/", {**period, "download": "views"}))
    assert views[1] == [f"{guide.title} (简体中文)", str(guide.pk), "12"]
    resources = read_csv(
        client.get("/admin/guides/reports/usage/", {**period, "download": "resources"})
    )
    assert resources[1][:2] == ["database", str(resources[1][1])]
    assert resources[1][3] == "5"
    assert resources[2][2] != ""  # a deleted record is still listed
    per_guide = read_csv(
        client.get("/admin/guides/reports/usage/", {**period, "download": "guide-clicks"})
    )
    assert per_guide[1][2] == "3"
    daily = read_csv(client.get("/admin/guides/reports/usage/", {**period, "download": "daily"}))
    assert len(daily) == 1 + 7
    assert daily[-1] == [figures.isoformat(), "7", "6"]


def test_a_longer_period_includes_older_figures(figures, editor, client):
    client.force_login(editor)
    start = (figures - timedelta(days=100)).isoformat()
    views = read_csv(
        client.get("/admin/guides/reports/usage/", {"start": start, "download": "views"})
    )
    assert views[1][2] == "1012"


@pytest.mark.parametrize(
    "params",
    [
        {"start": "2026-02-01", "end": "2026-01-01"},
        {"start": "not a date"},
        {"start": "2000-01-01", "end": "2026-01-01"},
    ],
)
def test_bad_periods_are_explained(figures, editor, client, params):
    client.force_login(editor)
    response = client.get("/admin/guides/reports/usage/", params)
    assert response.status_code == 200
    assert "error" in response.content.decode() or "help-critical" in response.content.decode()
    assert "chart-usage-title" not in response.content.decode()


def test_anonymous_readers_cannot_see_it(figures, client):
    response = client.get("/admin/guides/reports/usage/")
    assert response.status_code == 302


def test_kinds_and_languages_read_in_the_admin_language(figures, guide, editor, client):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "zh-hans"
    profile.save()
    client.force_login(editor)
    html = client.get("/admin/guides/reports/usage/").content.decode()
    assert "<td>数据库</td>" in html and "<td>database</td>" not in html
    assert f"<td>{guide.locale.get_display_name()}</td>" in html
    assert "<td>zh-hans</td>" not in html


def test_a_long_period_is_charted_per_month(figures, editor, client):
    client.force_login(editor)
    today = timezone.localdate()
    start = (today - timedelta(days=200)).isoformat()
    html = client.get("/admin/guides/reports/usage/", {"start": start}).content.decode()
    assert "Guide views and resource clicks per month" in html
    first = today - timedelta(days=200)
    months = (today.year - first.year) * 12 + today.month - first.month + 1
    # one column of views per month of the period, not one per day
    columns = html.split("report-chart__legend", 1)[0]  # the legend's swatch is a rect too
    assert columns.count('<rect class="chart-series-1"') == months
