"""The home page features what is new, only what a reader may see, at a constant cost."""

import datetime
import re
from datetime import timedelta

import pytest

from django.utils import timezone

from tests.factories import (
    ArchiveItemFactory,
    BookFactory,
    CampaignIndexPageFactory,
    CampaignPageFactory,
    ClubIndexPageFactory,
    ClubPageFactory,
    ClubSignupFactory,
    RecommendationPageFactory,
    ShelfIndexPageFactory,
    ShelfPageFactory,
)
from website.home.models import HomePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(home):
    index = CampaignIndexPageFactory(parent=home, slug="siku")
    return CampaignPageFactory(parent=index, slug="the-one-book")


def _recommend(campaign, n, **fields):
    return [
        RecommendationPageFactory(
            parent=campaign,
            book=BookFactory(title=f"书{i}", call_number="I247.5/X1"),
            text=f"第{i}条推荐语",
            recommended_on=datetime.date(2020, 1, 1) + timedelta(days=i),
            **fields,
        )
        for i in range(n)
    ]


def _picks(html):
    return len(re.findall(r'class="home-pick( has-note)?"', html))


def _with_note(page, consent=True):
    page.show_note = True
    page.save_revision().publish()
    return ArchiveItemFactory(consent_public=consent, recommendation=page)


def test_newest_recommendations_first_with_quote_and_cover(client, campaign):
    _recommend(campaign, 8)
    html = client.get("/zh-hans/").content.decode()
    assert _picks(html) == 6  # the default count
    assert html.index("第7条推荐语") < html.index("第6条推荐语")
    assert "第1条推荐语" not in html
    assert "book-cover-generated" in html


def test_note_thumbnail_only_when_a_reader_may_see_it(client, campaign):
    shown, private, unpublished = _recommend(campaign, 3)
    _with_note(shown)
    _with_note(private, consent=False)
    _with_note(unpublished)
    unpublished.unpublish()
    html = client.get("/zh-hans/").content.decode()
    assert html.count('class="home-pick has-note"') == 1
    assert html.count("home-pick-note") == 1
    assert shown.url in html and unpublished.url not in html


def test_editors_choice_comes_first_and_the_rest_fills_itself(client, home, campaign):
    old, *newer = _recommend(campaign, 4)
    home = HomePage.objects.get(pk=home.pk)
    home.featured = [
        ("recommendations", {"heading": "本月推荐", "recommendations": [old], "count": 3}),
    ]
    home.save_revision().publish()
    html = client.get("/zh-hans/").content.decode()
    assert "本月推荐" in html
    assert _picks(html) == 3
    assert html.index("第0条推荐语") < html.index("第3条推荐语") < html.index("第2条推荐语")
    assert "home-club" not in html  # only the sections the editors chose


def test_club_with_seats_left_shelf_and_search_box(client, home):
    clubs = ClubIndexPageFactory(parent=home)
    full = ClubPageFactory(parent=clubs, title="满员的分享会", capacity=1)
    ClubSignupFactory(club=full)
    ClubPageFactory(
        parent=clubs,
        title="有空位的分享会",
        capacity=10,
        discussion_starts=timezone.now() + timedelta(days=20),
    )
    shelves = ShelfIndexPageFactory(parent=home)
    ShelfPageFactory(parent=shelves, title="科学家传记", books=[(BookFactory(), "")] * 1)
    html = client.get("/zh-hans/").content.decode()
    assert "有空位的分享会" in html and "满员的分享会" not in html
    assert "10" in html.split("home-club-seats")[1][:200]
    assert "科学家传记" in html
    assert 'action="/zh-hans/search/"' in html and 'name="q"' in html


def test_english_home_page_features_the_english_pages(client, home, campaign):
    from tests.factories import translate_page

    (rec,) = _recommend(campaign, 1)
    for page in (campaign.get_parent().specific, campaign):
        translate_page(page, "en")
    translate_page(rec, "en", text="An English recommendation.")
    html = client.get("/en/").content.decode()
    assert "An English recommendation." in html and "第0条推荐语" not in html
    assert "New recommendations" in html


def test_query_count_does_not_grow_with_the_items(
    client, home, campaign, django_assert_max_num_queries
):
    """Three recommendations with notes or twelve: the same number of queries."""
    home = HomePage.objects.get(pk=home.pk)
    home.featured = [("recommendations", {"heading": "", "recommendations": [], "count": 12})]
    home.save_revision().publish()
    for page in _recommend(campaign, 3):
        _with_note(page)
    client.get("/zh-hans/")  # renditions are made on the first view
    with django_assert_max_num_queries(40) as few:
        client.get("/zh-hans/")
    three = len(few)
    for page in _recommend(campaign, 9):
        _with_note(page)
    client.get("/zh-hans/")
    with django_assert_max_num_queries(three):
        response = client.get("/zh-hans/")
    assert response.content.decode().count('class="home-pick has-note"') == 12
