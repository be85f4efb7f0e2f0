"""A participant who lost the confirmation email gets their private link again, and nobody
learns from the answer who signed up."""

import re

import pytest

from django.core import mail
from django.test import override_settings

from reading.models import ClubSignup
from tests.factories import ClubIndexPageFactory, ClubPageFactory, ClubSignupFactory, translate_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def club(home):
    return ClubPageFactory(parent=ClubIndexPageFactory(parent=home), title="《乡土中国》共读")


def ask(client, club, email, language="zh-hans", capture=None, address="203.0.113.40"):
    url = f"/{language}/clubs/{club.pk}/link/"
    if capture is None:
        return client.post(url, {"email": email}, REMOTE_ADDR=address)
    with capture(execute=True):
        return client.post(url, {"email": email}, REMOTE_ADDR=address)


def test_the_club_page_offers_it(client, club):
    page = client.get(club.url).content.decode()
    assert f'href="/zh-hans/clubs/{club.pk}/link/"' in page
    form = client.get(f"/zh-hans/clubs/{club.pk}/link/")
    assert form.status_code == 200
    assert "报名时填写的电子邮箱" in form.content.decode()


def test_the_link_is_sent_again_in_the_participants_language(
    client, club, django_capture_on_commit_callbacks
):
    signup = ClubSignupFactory(club=club, email="LiMing@mail.example.edu", language="en")
    response = ask(
        client, club, " liming@MAIL.example.edu ", capture=django_capture_on_commit_callbacks
    )
    assert response.status_code == 200
    assert "has been sent to it again" not in response.content.decode()  # Chinese page
    assert "已重新发送" in response.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["LiMing@mail.example.edu"]
    assert "Your private link" in message.subject
    link = re.search(r"https?://[^/\s]+(/en/clubs/my/\S+/)", message.body).group(1)
    assert client.get(link).status_code == 200
    signup.refresh_from_db()
    assert signup.status == ClubSignup.Status.CONFIRMED


def test_an_unknown_or_cancelled_address_gets_the_same_answer_and_no_email(
    client, club, django_capture_on_commit_callbacks
):
    ClubSignupFactory(club=club, email="gone@mail.example.edu", status=ClubSignup.Status.CANCELLED)
    known = ClubSignupFactory(club=club, email="here@mail.example.edu")
    answers = []
    for email, address in [
        ("nobody@mail.example.edu", "203.0.113.41"),
        ("gone@mail.example.edu", "203.0.113.42"),
        (known.email, "203.0.113.43"),
    ]:
        response = ask(
            client, club, email, capture=django_capture_on_commit_callbacks, address=address
        )
        assert response.status_code == 200
        page = response.content.decode().replace(email, "")
        answers.append(re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page))
    assert answers[0] == answers[1] == answers[2]
    assert [message.to for message in mail.outbox] == [[known.email]]


def test_the_english_page_of_the_club_finds_the_same_places(
    client, club, django_capture_on_commit_callbacks
):
    english = translate_page(club, "en", title="Reading From the Soil together")
    ClubSignupFactory(club=club, email="reader@mail.example.edu")
    response = ask(
        client, english, "reader@mail.example.edu", "en", django_capture_on_commit_callbacks
    )
    assert "has been sent to it again" in response.content.decode()
    assert len(mail.outbox) == 1


def test_a_bad_address_is_a_clear_error(client, club):
    response = ask(client, club, "not an address", language="en")
    assert response.status_code == 400
    assert "Enter a valid email address" in response.content.decode()
    assert not mail.outbox


@override_settings(CLUB_RESEND_MIN_SECONDS_BETWEEN=0, CLUB_RESEND_MAX_PER_WINDOW=5)
def test_asking_over_and_over_from_one_address_is_slowed(client, club):
    ClubSignupFactory(club=club, email="reader@mail.example.edu")
    answers = [
        ask(client, club, f"guess{n}@mail.example.edu", address="203.0.113.44").status_code
        for n in range(8)
    ]
    assert answers == [200] * 5 + [429] * 3
    refused = ask(client, club, "reader@mail.example.edu", "en", address="203.0.113.44")
    assert refused.status_code == 429
    assert "Many links have been asked for" in refused.content.decode()


def test_a_participants_inbox_gets_one_resent_link_per_window(
    client, club, django_capture_on_commit_callbacks
):
    ClubSignupFactory(club=club, email="reader@mail.example.edu")
    for address in ("203.0.113.45", "198.51.100.45", "192.0.2.45"):
        response = ask(
            client,
            club,
            "reader@mail.example.edu",
            capture=django_capture_on_commit_callbacks,
            address=address,
        )
        assert response.status_code == 200
    assert len(mail.outbox) == 1


@override_settings(CLUB_RESEND_MIN_SECONDS_BETWEEN=0, CLUB_RESEND_MAX_PER_WINDOW=2)
def test_a_refusal_says_when_to_ask_again(client, club):
    for n in range(2):
        assert (
            ask(client, club, f"a{n}@mail.example.edu", address="203.0.113.45").status_code == 200
        )
    refused = ask(client, club, "a9@mail.example.edu", address="203.0.113.45")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 600
