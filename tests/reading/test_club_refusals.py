"""Every sign-up, link and check-in the rules refuse gets a clear message and stores nothing.

Messages are asserted through the /en/ URLs so that the tests do not depend on the Chinese
catalogue."""

from datetime import timedelta

import pytest

from django.core import mail, signing
from django.utils import timezone

from reading.models import CheckIn, ClubSignup
from reading.models.clubs import SIGNUP_LINK_SALT
from tests.factories import ClubIndexPageFactory, ClubPageFactory, ClubSignupFactory

GOOD = {
    "name": "陈晨",
    "email": "chenchen@mail.example.edu",
    "role": "student",
    "member_number": "12210077",
    "school": "工学院",
}


@pytest.fixture
def index(home):
    return ClubIndexPageFactory(parent=home)


def post_signup(client, club, **overrides):
    return client.post(f"/en/clubs/{club.pk}/signup/", {**GOOD, **overrides})


def test_before_sign_up_opens(client, index):
    club = ClubPageFactory(parent=index, signup_opens=timezone.now() + timedelta(days=1))
    response = post_signup(client, club)
    assert response.status_code == 400
    assert "has not opened yet" in response.content.decode()
    assert not ClubSignup.objects.exists()
    assert "Sign-up opens on" in client.get(f"/en/clubs/{club.pk}/signup/").content.decode()


def test_after_sign_up_closes(client, index):
    club = ClubPageFactory(
        parent=index,
        signup_closes=timezone.now() - timedelta(minutes=1),
        signup_opens=timezone.now() - timedelta(days=5),
    )
    response = post_signup(client, club)
    assert response.status_code == 400
    assert "Sign-up for this club has closed." in response.content.decode()
    assert not ClubSignup.objects.exists()


def test_past_club(client, index):
    past = timezone.now() - timedelta(days=3)
    club = ClubPageFactory(
        parent=index,
        reading_starts=(past - timedelta(days=20)).date(),
        reading_ends=(past - timedelta(days=1)).date(),
        signup_opens=past - timedelta(days=30),
        signup_closes=past - timedelta(days=10),
        discussion_starts=past,
        discussion_ends=past + timedelta(hours=2),
    )
    response = post_signup(client, club)
    assert response.status_code == 400
    assert "already met" in response.content.decode()
    assert not ClubSignup.objects.exists()


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("email", "not-an-address", "Enter a valid email address."),
        ("member_number", "12 34!", "4 to 30 letters, digits or hyphens"),
        ("name", "   ", "This field is required."),
        ("school", "", "This field is required."),
        ("role", "teacher", "Select a valid choice."),
    ],
)
def test_bad_data(client, index, field, value, message):
    club = ClubPageFactory(parent=index)
    response = post_signup(client, club, **{field: value})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ClubSignup.objects.exists()
    assert mail.outbox == []


def test_staff_cannot_join_a_students_only_club(client, index):
    club = ClubPageFactory(parent=index, audience="students")
    response = post_signup(client, club, role="staff")
    assert response.status_code == 400
    assert "students only" in response.content.decode()
    assert not ClubSignup.objects.exists()


def test_a_draft_club_cannot_be_joined(client, index):
    club = ClubPageFactory(parent=index, live=False)
    assert post_signup(client, club).status_code == 404


def test_altered_and_made_up_links_are_refused(client, index):
    signup = ClubSignupFactory(club=ClubPageFactory(parent=index))
    token = signup.make_token()
    altered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    forged = signing.dumps({"s": signup.pk, "n": "guess"}, salt=SIGNUP_LINK_SALT)
    other_salt = signing.dumps({"s": signup.pk, "n": signup.secret}, salt="elsewhere")
    for bad in (altered, forged, other_salt, "nonsense", f"{signup.pk}"):
        for url in (f"/en/clubs/my/{bad}/", f"/en/clubs/my/{bad}/cancel/"):
            response = client.get(url)
            assert response.status_code == 404, bad
            assert "This link is not valid" in response.content.decode()
    assert client.post(f"/en/clubs/my/{forged}/cancel/").status_code == 404
    signup.refresh_from_db()
    assert signup.status == "confirmed"
    assert client.get(f"/en/clubs/my/{token}/").status_code == 200


def test_a_cancelled_link_is_refused(client, index):
    signup = ClubSignupFactory(club=ClubPageFactory(parent=index))
    token = signup.make_token()
    client.post(f"/en/clubs/my/{token}/cancel/")
    response = client.get(f"/en/clubs/my/{token}/")
    assert response.status_code == 410
    assert "was cancelled" in response.content.decode()
    posted = client.post(f"/en/clubs/my/{token}/", {"day": timezone.localdate(), "progress": "1"})
    assert posted.status_code == 410
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize(
    "day_offset, text, message",
    [
        (1, "读了。", "a day still to come"),
        (-30, "读了。", "Check-ins are for the reading period"),
        (0, "   ", "Write a few sentences about your reading."),
    ],
)
def test_check_in_refusals(client, index, day_offset, text, message):
    club = ClubPageFactory(parent=index)
    signup = ClubSignupFactory(club=club)
    day = timezone.localdate() + timedelta(days=day_offset)
    response = client.post(
        f"/en/clubs/my/{signup.make_token()}/",
        {"day": day.isoformat(), "progress": "p. 10", "text": text},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CheckIn.objects.exists()


def test_one_check_in_per_day(client, index):
    signup = ClubSignupFactory(club=ClubPageFactory(parent=index))
    url = f"/en/clubs/my/{signup.make_token()}/"
    data = {"day": timezone.localdate().isoformat(), "progress": "p. 10", "text": "开头很好。"}
    assert client.post(url, data).status_code == 302
    again = client.post(url, data)
    assert again.status_code == 400
    assert "already checked in for that day" in again.content.decode()
    assert CheckIn.objects.count() == 1


def test_check_ins_are_not_on_the_public_page(client, index):
    club = ClubPageFactory(parent=index)
    signup = ClubSignupFactory(club=club)
    CheckIn.objects.create(signup=signup, day=club.reading_starts, progress="1", text="私下的话")
    public = client.get(club.url).content.decode()
    assert "私下的话" not in public and "checkins-heading" not in public
    assert "私下的话" in client.get(f"/en/clubs/my/{signup.make_token()}/").content.decode()
