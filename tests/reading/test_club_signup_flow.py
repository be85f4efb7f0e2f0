"""The done-when of reading clubs, step by step: sign up, email, check in, cancel, promotion."""

import re

import pytest

from django.core import mail
from django.test import Client
from django.utils import timezone

from reading.models import CheckIn, ClubSignup
from tests.factories import ClubIndexPageFactory, ClubPageFactory


@pytest.fixture
def club(home):
    index = ClubIndexPageFactory(parent=home)
    return ClubPageFactory(parent=index, title="《给青年的十二封信》共读", capacity=1)


def signup_data(**overrides):
    data = {
        "name": "李明",
        "email": "liming@mail.example.edu",
        "role": "student",
        "member_number": "12210001",
        "school": "理学院",
        "note": "",
    }
    data.update(overrides)
    return data


def private_link(message):
    return re.search(r"https?://[^/\s]+(/\S+/clubs/my/\S+/)", message.body).group(1)


def sign_up(client, club, capture, **overrides):
    with capture(execute=True):
        return client.post(f"/zh-hans/clubs/{club.pk}/signup/", signup_data(**overrides))


def test_club_page_shows_seats_and_the_form(client, club):
    response = client.get(club.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "《给青年的十二封信》共读" in html
    assert f'action="/zh-hans/clubs/{club.pk}/signup/"' in html
    assert ClubSignup.objects.count() == 0


def test_signup_confirms_and_emails_a_private_link(
    client, club, django_capture_on_commit_callbacks
):
    response = sign_up(client, club, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == club.url + "#signup"
    # The reader sees their place on the page instead of the form (for them only), with the
    # address the link went to, masked.
    mine = client.get(club.url).content.decode()
    assert "l***@mail.example.edu" in mine and "liming@mail.example.edu" not in mine
    assert 'name="email"' not in mine
    assert "l***@mail.example.edu" not in Client().get(club.url).content.decode()
    signup = ClubSignup.objects.get()
    assert signup.status == ClubSignup.Status.CONFIRMED
    assert signup.club_id == club.pk
    assert signup.language == "zh-hans"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["liming@mail.example.edu"]
    assert "《给青年的十二封信》共读" in message.subject
    link = private_link(message)
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert ClubSignup.from_token(token) == (signup, None)
    # The confirmation carries the calendar entry.
    name, content, mimetype = message.attachments[0]
    assert mimetype.startswith("text/calendar")
    assert "BEGIN:VEVENT" in content
    page = client.get(link)
    assert page.status_code == 200
    assert "李明" in page.content.decode()
    assert page["X-Robots-Tag"] == "noindex, nofollow"


def test_the_whole_journey(client, club, django_capture_on_commit_callbacks):
    """Student A signs up, checks in, cancels; waitlisted student B is promoted and told."""
    sign_up(client, club, django_capture_on_commit_callbacks)
    link_a = private_link(mail.outbox[0])

    response = client.post(
        link_a,
        {"day": timezone.localdate().isoformat(), "progress": "第三封信", "text": "谈动。"},
    )
    assert response.status_code == 302
    checkin = CheckIn.objects.get()
    assert checkin.progress == "第三封信"
    assert checkin.signup.email == "liming@mail.example.edu"
    assert "谈动。" in client.get(link_a).content.decode()

    sign_up(
        client,
        club,
        django_capture_on_commit_callbacks,
        name="王芳",
        email="wangfang@mail.example.edu",
        member_number="12210002",
    )
    waiting = ClubSignup.objects.get(email="wangfang@mail.example.edu")
    assert waiting.status == ClubSignup.Status.WAITLISTED
    assert mail.outbox[1].to == ["wangfang@mail.example.edu"]
    assert not mail.outbox[1].attachments  # no calendar entry without a seat
    link_b = private_link(mail.outbox[1])
    # A waitlisted reader cannot check in.
    refused = client.post(
        link_b, {"day": timezone.localdate().isoformat(), "progress": "p. 1", "text": "x"}
    )
    assert refused.status_code == 400
    assert CheckIn.objects.count() == 1

    assert client.get(link_a.rstrip("/") + "/cancel/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link_a + "cancel/")
    assert response.status_code == 302
    assert ClubSignup.objects.get(email="liming@mail.example.edu").status == "cancelled"
    waiting.refresh_from_db()
    assert waiting.status == ClubSignup.Status.CONFIRMED
    assert waiting.promoted_at is not None
    to_a, to_b = mail.outbox[2], mail.outbox[3]
    assert to_a.to == ["liming@mail.example.edu"]
    assert to_b.to == ["wangfang@mail.example.edu"]
    assert to_b.attachments and to_b.attachments[0][2].startswith("text/calendar")

    # The cancelled link is refused, clearly, and B can now check in.
    replay = client.get(link_a)
    assert replay.status_code == 410
    assert client.post(link_a + "cancel/").status_code == 410
    response = client.post(
        link_b, {"day": timezone.localdate().isoformat(), "progress": "p. 30", "text": "好书。"}
    )
    assert response.status_code == 302
    assert CheckIn.objects.count() == 2


def test_the_english_page_shares_the_same_seats(client, club, django_capture_on_commit_callbacks):
    from tests.factories import translate_page

    english = translate_page(club, "en", title="Reading Twelve Letters to Young People")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/clubs/{english.pk}/signup/", signup_data())
    assert response.status_code == 302
    assert response["Location"] == english.url + "#signup"
    signup = ClubSignup.objects.get()
    assert signup.club_id == club.pk and signup.language == "en"
    assert "Reading Twelve Letters to Young People" in mail.outbox[0].subject
    assert "/en/clubs/my/" in mail.outbox[0].body
    # The one seat is gone in both languages.
    sign_up(
        client,
        club,
        django_capture_on_commit_callbacks,
        email="other@mail.example.edu",
        member_number="12210009",
    )
    assert ClubSignup.objects.get(email="other@mail.example.edu").status == "waitlisted"
    assert english.seats_left() == 0 and club.seats_left() == 0
