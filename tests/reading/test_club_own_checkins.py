"""Through their private link a participant edits or deletes their own check-ins, and only
their own: the token decides whose check-ins they are."""

from datetime import UTC, datetime, timedelta

import pytest

from django.test import Client
from django.utils import timezone

from reading.models import CheckIn
from tests.factories import ClubIndexPageFactory, ClubPageFactory, ClubSignupFactory

TODAY = timezone.localdate()


@pytest.fixture
def club(home):
    return ClubPageFactory(
        parent=ClubIndexPageFactory(parent=home),
        reading_starts=TODAY - timedelta(days=5),
        plan=[
            ("第一至三封信", "Letters 1–3", "", TODAY - timedelta(days=2)),
            ("第四至六封信", "Letters 4–6", "", TODAY + timedelta(days=3)),
        ],
    )


@pytest.fixture
def mine(club):
    signup = ClubSignupFactory(club=club, name="赵六")
    return CheckIn.objects.create(
        signup=signup,
        day=TODAY - timedelta(days=1),
        progress="p. 20",
        text="原来的话",
        milestone=club.plan[0],
    )


@pytest.fixture
def other(club):
    return ClubSignupFactory(club=club, name="孙七")


def urls(signup, checkin):
    token = signup.make_token()
    base = f"/en/clubs/my/{token}/checkins/{checkin.pk}"
    return f"{base}/edit/", f"{base}/delete/"


def test_a_participant_edits_their_check_in_and_its_day_stays(club, mine):
    edit, _ = urls(mine.signup, mine)
    client = Client()
    page = client.get(edit.split("checkins/")[0]).content.decode()
    assert edit in page  # the link, next to their own check-in
    form = client.get(edit)
    assert form.status_code == 200 and "原来的话" in form.content.decode()
    response = client.post(
        edit,
        {
            "progress": "p. 45",
            "text": "改过的话",
            "milestone": club.plan[1].pk,
            "day": (TODAY - timedelta(days=4)).isoformat(),  # not a field: ignored
        },
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.text, mine.progress, mine.milestone) == ("改过的话", "p. 45", club.plan[1])
    assert mine.day == TODAY - timedelta(days=1) and mine.edited_at is not None
    followed = client.get(response["Location"]).content.decode()
    assert "Your check-in has been changed." in followed and "edited" in followed


def test_an_edit_without_words_is_refused_and_changes_nothing(mine):
    edit, _ = urls(mine.signup, mine)
    response = Client().post(edit, {"progress": "p. 45", "text": "   "})
    assert response.status_code == 400
    assert "Write a few sentences about your reading." in response.content.decode()
    mine.refresh_from_db()
    assert mine.text == "原来的话"


def test_delete_asks_first_then_deletes_on_post(mine):
    _, delete = urls(mine.signup, mine)
    client = Client()
    ask = client.get(delete)
    assert ask.status_code == 200
    assert "Do you want to delete your check-in for" in ask.content.decode()
    assert CheckIn.objects.filter(pk=mine.pk).exists()
    response = client.post(delete)
    assert response.status_code == 302
    assert not CheckIn.objects.filter(pk=mine.pk).exists()
    assert "Your check-in has been deleted." in client.get(response["Location"]).content.decode()


def test_another_participants_token_cannot_touch_it(mine, other):
    edit, delete = urls(other, mine)  # the other's own link, my check-in's number
    client = Client()
    for url in (edit, delete):
        assert client.get(url).status_code == 404
        assert client.post(url, {"progress": "x", "text": "篡改"}).status_code == 404
    mine.refresh_from_db()
    assert mine.text == "原来的话"
    # Nor does the other's page offer them my check-in's buttons.
    page = client.get(f"/en/clubs/my/{other.make_token()}/").content.decode()
    assert "原来的话" in page and f"/checkins/{mine.pk}/" not in page


def test_a_post_without_the_csrf_token_is_refused(mine):
    edit, delete = urls(mine.signup, mine)
    client = Client(enforce_csrf_checks=True)
    assert client.post(edit, {"progress": "x", "text": "篡改"}).status_code == 403
    assert client.post(delete).status_code == 403
    mine.refresh_from_db()
    assert mine.text == "原来的话"


def test_an_altered_or_cancelled_link_is_refused(mine):
    token = mine.signup.make_token()
    assert Client().post(f"/en/clubs/my/{token}x/checkins/{mine.pk}/delete/").status_code == 404
    mine.signup.status = "cancelled"
    mine.signup.save()
    response = Client().post(f"/en/clubs/my/{token}/checkins/{mine.pk}/delete/")
    assert response.status_code == 410
    assert CheckIn.objects.filter(pk=mine.pk).exists()


def test_a_waitlisted_reader_has_no_check_ins_to_change(club):
    waiting = ClubSignupFactory(club=club, status="waitlisted")
    checkin = CheckIn.objects.create(signup=waiting, day=TODAY, progress="p. 1", text="早先的")
    _, delete = urls(waiting, checkin)
    assert Client().post(delete).status_code == 404
    assert CheckIn.objects.filter(pk=checkin.pk).exists()


def test_the_participant_sees_their_streak_and_the_back_filled_day(club, mine):
    signup = mine.signup
    now = timezone.now()
    CheckIn.objects.create(
        signup=signup, day=TODAY, progress="p. 30", text="今天读的", created_at=now
    )
    # Posted today for three days ago: back-filled, not counted.
    CheckIn.objects.create(
        signup=signup,
        day=TODAY - timedelta(days=3),
        progress="p. 5",
        text="补上的",
        created_at=now,
    )
    # `mine` (yesterday) was posted yesterday evening, local time.
    yesterday = TODAY - timedelta(days=1)
    mine.created_at = datetime(yesterday.year, yesterday.month, yesterday.day, 13, tzinfo=UTC)
    mine.save()
    html = Client().get(f"/en/clubs/my/{signup.make_token()}/").content.decode()
    assert "Your streak: 2 days" in html
    assert html.count("back-filled</span>") == 1
    assert "You have reached 1 of 2 parts of the plan." in html


def test_a_participant_without_a_running_streak_reads_how_to_start_one(club):
    signup = ClubSignupFactory(club=club)
    html = Client().get(f"/en/clubs/my/{signup.make_token()}/").content.decode()
    assert "No streak now: a check-in today starts one." in html
    assert "Your streak: 0 days" not in html
