"""Guide views are counted per day by the beacon the page carries (it works from the cache)."""

import pytest

from website.core.models import ViewCount

pytestmark = pytest.mark.django_db


def views(guide):
    return sum(
        ViewCount.objects.filter(kind="guide", object_id=guide.pk).values_list("views", flat=True)
    )


def test_the_page_carries_the_beacon_and_the_beacon_counts(guide, reader):
    html = reader.get(guide.url).content.decode()
    beacon = f"/go/seen/guide/{guide.pk}.gif"
    assert beacon in html
    response = reader.get(beacon)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/gif"
    assert "no-store" in response["Cache-Control"]
    reader.get(beacon)
    assert views(guide) == 2
    assert ViewCount.objects.count() == 1  # one row per guide and day


def test_robots_do_not_count(guide, client):
    client.get(f"/go/seen/guide/{guide.pk}.gif", HTTP_USER_AGENT="Googlebot/2.1")
    client.get(f"/go/seen/guide/{guide.pk}.gif")
    assert views(guide) == 0


def test_the_former_guide_beacon_still_counts(guide, reader):
    """Pages cached before every kind was counted carry the guides' old address."""
    assert reader.get(f"/go/seen/{guide.pk}.gif").status_code == 200
    assert views(guide) == 1


def test_unknown_and_unpublished_guides_are_not_counted(guide, reader):
    """The beacon answers the same image, counted or not: it tells nobody what exists."""
    assert reader.get("/go/seen/guide/999999.gif").status_code == 200
    guide.unpublish()
    assert reader.get(f"/go/seen/guide/{guide.pk}.gif").status_code == 200
    assert ViewCount.objects.count() == 0


def test_a_cached_page_still_counts(guide, reader, settings):
    settings.PAGE_CACHE_SECONDS = 600
    first = reader.get(guide.url)
    second = reader.get(guide.url)
    assert first.status_code == second.status_code == 200
    assert f"/go/seen/guide/{guide.pk}.gif" in second.content.decode()


def test_previews_carry_no_beacon(guide):
    guide.title = "预览中的标题"
    response = guide.make_preview_request()
    html = response.content.decode()
    assert response.status_code == 200
    assert "预览中的标题" in html
    assert "/go/seen/" not in html
