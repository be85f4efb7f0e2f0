"""A shelf label's QR code opens the shelf through a counted address: each scan is counted
(the day and the shelf, nobody's data) and the reader lands on the shelf page."""

import pytest

from tests.factories import ShelfIndexPageFactory, ShelfPageFactory, translate_page
from website.core.models import ViewCount

pytestmark = pytest.mark.django_db

PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1"


@pytest.fixture
def shelves(home):
    index = ShelfIndexPageFactory(parent=home, slug="shelves")
    translate_page(index, "en", title="Shelves")
    zh = ShelfPageFactory(parent=index, title="院士推荐的科学家传记", slug="scientists")
    en = translate_page(zh, "en", title="Scientists' lives")
    return zh, en


def scans(shelf):
    rows = ViewCount.objects.filter(kind="shelf", object_id=shelf.pk, source="qr")
    return sum(rows.values_list("views", flat=True))


def test_a_scan_is_counted_and_opens_the_shelf_in_the_labels_language(client, shelves):
    zh, en = shelves
    response = client.get(f"/go/shelf/{zh.pk}/qr/", HTTP_USER_AGENT=PHONE)
    assert response.status_code == 302
    assert response["Location"] == "/zh-hans/shelves/scientists/"
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies
    response = client.get(f"/go/shelf/{en.pk}/qr/", HTTP_USER_AGENT=PHONE)
    assert response["Location"] == "/en/shelves/scientists/"
    client.get(f"/go/shelf/{zh.pk}/qr/", HTTP_USER_AGENT=PHONE)
    assert (scans(zh), scans(en)) == (2, 1)
    # a scan is not a page view: the shelf page's own beacon counts that
    assert not ViewCount.objects.filter(source="page").exists()


def test_robots_and_head_requests_are_sent_on_but_not_counted(client, shelves):
    zh, _en = shelves
    assert client.get(f"/go/shelf/{zh.pk}/qr/").status_code == 302  # no User-Agent
    assert client.head(f"/go/shelf/{zh.pk}/qr/", HTTP_USER_AGENT=PHONE).status_code == 302
    client.get(f"/go/shelf/{zh.pk}/qr/", HTTP_USER_AGENT="curl/8.5")
    assert ViewCount.objects.count() == 0


def test_no_parameter_changes_the_destination(client, shelves):
    zh, _en = shelves
    for query in ("next=https://evil.example/", "url=//evil.example/", "lang=en"):
        response = client.get(f"/go/shelf/{zh.pk}/qr/?{query}", HTTP_USER_AGENT=PHONE)
        assert response["Location"] == "/zh-hans/shelves/scientists/"


def test_a_draft_private_or_missing_shelf_is_the_sites_404(client, shelves, home):
    from wagtail.models import PageViewRestriction

    zh, _en = shelves
    draft = ShelfPageFactory(parent=zh.get_parent(), live=False, slug="draft")
    private = ShelfPageFactory(parent=zh.get_parent(), slug="private")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    for shelf_id in (draft.pk, private.pk, 999999, home.pk):
        response = client.get(f"/go/shelf/{shelf_id}/qr/", HTTP_USER_AGENT=PHONE)
        assert response.status_code == 404, shelf_id
        assert "<html" in response.content.decode()  # the site's own 404 page
    assert ViewCount.objects.count() == 0
