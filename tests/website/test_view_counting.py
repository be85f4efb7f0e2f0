"""Every public kind is counted per day by the one beacon its page carries
(website/core/counting.py): once per view, never for robots, HEAD or prefetch, never for what
a reader may not see, and the beacon answers the same either way."""

import re

import pytest

from reading.models import OcrStatus
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
)
from website.core.models import ViewCount

pytestmark = pytest.mark.django_db

READER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120 Safari/537.36"
BEACON = re.compile(r'<img class="beacon" src="(/go/seen/[a-z]+/\d+\.gif)"')


@pytest.fixture
def reader(client):
    client.defaults["HTTP_USER_AGENT"] = READER
    return client


@pytest.fixture
def things(home):
    campaign = CampaignPageFactory(parent=CampaignIndexPageFactory(parent=home))
    recommendation = RecommendationPageFactory(parent=campaign)
    shelf = ShelfPageFactory(parent=ShelfIndexPageFactory(parent=home))
    club = ClubPageFactory(parent=ClubIndexPageFactory(parent=home))
    note = ArchiveItemFactory(
        consent_public=True,
        recommendation=recommendation,
        ocr_status=OcrStatus.DONE,
        transcription="《瓦尔登湖》提醒我在喧嚣的校园里保留一份安静。",
    )
    book = BookFactory()
    return {
        "campaign": (campaign, campaign.url),
        "recommendation": (recommendation, recommendation.url),
        "shelf": (shelf, shelf.url),
        "club": (club, club.url),
        "note": (note, f"/zh-hans/notes/{note.pk}/"),
        "book": (book, f"/zh-hans/books/{book.pk}/"),
    }


def views(kind, obj, source="page"):
    rows = ViewCount.objects.filter(kind=kind, object_id=obj.pk, source=source)
    return sum(rows.values_list("views", flat=True))


def beacon_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    found = BEACON.findall(response.content.decode())
    assert len(found) == 1, url  # one beacon a page, whatever includes it
    return found[0]


@pytest.mark.parametrize("kind", ["campaign", "recommendation", "shelf", "club", "note", "book"])
def test_each_kind_is_counted_once_per_view(things, reader, kind):
    obj, url = things[kind]
    beacon = beacon_of(reader, url)
    assert beacon == f"/go/seen/{kind}/{obj.pk}.gif"
    response = reader.get(beacon)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/gif"
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies
    assert views(kind, obj) == 1
    reader.get(beacon)
    assert views(kind, obj) == 2
    assert ViewCount.objects.count() == 1  # one row per object and day


def test_robots_head_and_prefetch_are_not_counted(things, client):
    shelf, _url = things["shelf"]
    beacon = f"/go/seen/shelf/{shelf.pk}.gif"
    client.get(beacon, HTTP_USER_AGENT="Mozilla/5.0 (compatible; Googlebot/2.1)")
    client.get(beacon)  # no User-Agent at all
    client.head(beacon, HTTP_USER_AGENT=READER)
    client.get(beacon, HTTP_USER_AGENT=READER, HTTP_SEC_PURPOSE="prefetch")
    client.get(beacon, HTTP_USER_AGENT=READER, HTTP_PURPOSE="prefetch")
    assert client.post(beacon, HTTP_USER_AGENT=READER).status_code == 405
    assert ViewCount.objects.count() == 0


def test_what_a_reader_may_not_see_is_not_counted_and_answers_the_same(things, reader, home):
    recommendation, _url = things["recommendation"]
    draft = RecommendationPageFactory(parent=recommendation.get_parent(), live=False)
    private_note = ArchiveItemFactory(consent_public=False, recommendation=recommendation)
    counted = reader.get(f"/go/seen/recommendation/{recommendation.pk}.gif")
    for beacon in (
        f"/go/seen/recommendation/{draft.pk}.gif",
        f"/go/seen/note/{private_note.pk}.gif",
        "/go/seen/book/999999.gif",
        "/go/seen/shelf/999999.gif",
        f"/go/seen/shelf/{recommendation.pk}.gif",  # an id of another kind
        f"/go/seen/nothing/{recommendation.pk}.gif",
    ):
        response = reader.get(beacon)
        assert response.status_code == 200, beacon
        assert response.content == counted.content
        assert response["Content-Type"] == counted["Content-Type"]
    assert list(ViewCount.objects.values_list("kind", "object_id")) == [
        ("recommendation", recommendation.pk)
    ]


def test_a_private_page_is_not_counted(things, reader):
    from wagtail.models import PageViewRestriction

    shelf, _url = things["shelf"]
    PageViewRestriction.objects.create(page=shelf, restriction_type="login")
    reader.get(f"/go/seen/shelf/{shelf.pk}.gif")
    assert ViewCount.objects.count() == 0


def test_the_page_stays_cacheable_and_carries_the_beacon(things, reader, settings):
    settings.PAGE_CACHE_SECONDS = 600
    recommendation, url = things["recommendation"]
    first = reader.get(url)
    second = reader.get(url)
    assert second.status_code == 200
    assert second.get("X-Page-Cache") == "hit"
    assert "no-store" not in second.get("Cache-Control", "")
    beacon = f"/go/seen/recommendation/{recommendation.pk}.gif"
    assert beacon in first.content.decode() and beacon in second.content.decode()
    reader.get(beacon)
    reader.get(beacon)
    assert views("recommendation", recommendation) == 2
    assert reader.get(url).get("X-Page-Cache") == "hit"  # counting empties no cache


def test_pages_of_no_counted_kind_carry_no_beacon(things, reader):
    assert "/go/seen/" not in reader.get("/zh-hans/").content.decode()
    assert "/go/seen/" not in reader.get("/zh-hans/books/").content.decode()


def test_a_form_about_a_page_is_not_a_view_of_it(things, reader):
    """The recommendation form names its campaign as the page, but is not the campaign."""
    campaign, _url = things["campaign"]
    response = reader.get(f"/zh-hans/campaigns/{campaign.pk}/recommend/")
    assert response.status_code == 200
    assert "/go/seen/" not in response.content.decode()


def test_previews_carry_no_beacon(things):
    shelf, _url = things["shelf"]
    response = shelf.make_preview_request()
    assert response.status_code == 200
    assert "/go/seen/" not in response.content.decode()


def test_no_ip_agent_or_identity_is_stored(things, reader, editor):
    from django.db import connection

    reader.force_login(editor)
    book, _url = things["book"]
    reader.get(
        f"/go/seen/book/{book.pk}.gif",
        HTTP_USER_AGENT=f"{READER} privacy-test-agent",
        REMOTE_ADDR="203.0.113.77",
    )
    assert views("book", book) == 1
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {ViewCount._meta.db_table}")  # noqa: S608
        dump = repr(cursor.fetchall())
    assert "203.0.113.77" not in dump and "privacy-test-agent" not in dump
    assert "librarian" not in dump
