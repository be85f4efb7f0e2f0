"""The club's .ics file and the feed of clubs to come."""

from datetime import timedelta

import pytest
from icalendar import Calendar

from django.utils import timezone

from tests.factories import ClubIndexPageFactory, ClubPageFactory, translate_page


@pytest.fixture
def index(home):
    return ClubIndexPageFactory(parent=home)


def events(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return {str(e["uid"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}


def test_a_club_calendar_has_the_reading_period_and_the_discussion(client, index):
    club = ClubPageFactory(
        parent=index, title="《苏东坡传》共读", meeting_url="https://meeting.example.edu/123"
    )
    found = events(client.get(f"/zh-hans/clubs/{club.pk}/calendar.ics"))
    reading = next(e for uid, e in found.items() if "reading" in uid)
    discussion = next(e for uid, e in found.items() if "discussion" in uid)
    assert reading.decoded("dtstart") == club.reading_starts
    assert reading.decoded("dtend") == club.reading_ends + timedelta(days=1)
    assert "《苏东坡传》共读" in str(reading["summary"])
    assert discussion.decoded("dtstart") == club.discussion_starts
    assert discussion.decoded("dtend") == club.discussion_ends
    assert str(discussion["location"]) == "图书馆一楼研讨室 2"
    assert "https://meeting.example.edu/123" in str(discussion["description"])
    assert str(discussion["url"]).endswith(club.url)
    assert int(discussion["sequence"]) == 0


def test_the_english_calendar_uses_the_english_title_and_the_same_uids(client, index):
    club = ClubPageFactory(parent=index, title="《苏东坡传》共读")
    english = translate_page(club, "en", title="Reading The Gay Genius", slug="gay-genius")
    zh = events(client.get(f"/zh-hans/clubs/{club.pk}/calendar.ics"))
    en = events(client.get(f"/en/clubs/{english.pk}/calendar.ics"))
    assert set(zh) == set(en)
    assert any("Reading The Gay Genius" in str(e["summary"]) for e in en.values())


def test_the_feed_lists_clubs_to_come_only(client, index):
    ClubPageFactory(parent=index, title="将来的读书会")
    past = timezone.now() - timedelta(days=10)
    ClubPageFactory(
        parent=index,
        title="过去的读书会",
        reading_starts=(past - timedelta(days=20)).date(),
        reading_ends=(past - timedelta(days=1)).date(),
        signup_opens=past - timedelta(days=30),
        signup_closes=past - timedelta(days=10),
        discussion_starts=past,
        discussion_ends=past + timedelta(hours=2),
    )
    ClubPageFactory(parent=index, title="草稿读书会", live=False)
    response = client.get("/zh-hans/clubs/calendar.ics")
    summaries = " ".join(str(e["summary"]) for e in events(response).values())
    assert "将来的读书会" in summaries
    assert "过去的读书会" not in summaries and "草稿读书会" not in summaries
    index_page = client.get(index.url).content.decode()
    assert "/zh-hans/clubs/calendar.ics" in index_page
    assert index_page.index("将来的读书会") < index_page.index("过去的读书会")  # past: the archive


def test_a_draft_club_has_no_calendar(client, index):
    club = ClubPageFactory(parent=index, live=False)
    assert client.get(f"/zh-hans/clubs/{club.pk}/calendar.ics").status_code == 404
