"""A sign-up for a place already held is answered exactly as a new one: the form tells nobody
whether an address or a student number has signed up. The holder of the place is told by email,
in their language, with their private link."""

import re

import pytest

from django.core import mail
from django.test import Client

from reading.models import ClubSignup
from tests.factories import ClubIndexPageFactory, ClubPageFactory


@pytest.fixture
def index(home):
    return ClubIndexPageFactory(parent=home)


def data(**overrides):
    return {
        "name": "陈晨",
        "email": "chenchen@mail.example.edu",
        "role": "student",
        "member_number": "12210077",
        "school": "工学院",
        "name_display": "full",
        **overrides,
    }


def post(club, capture, language="zh-hans", **overrides):
    """Post the form from a new browser; return the response and the page it leads to."""
    client = Client()
    with capture(execute=True):
        response = client.post(f"/{language}/clubs/{club.pk}/signup/", data(**overrides))
    landing = client.get(response["Location"]) if response.status_code == 302 else None
    return response, landing


def receipt(landing):
    return re.search(r'<div class="signup-receipt.*?</div>', landing.content.decode(), re.S).group(
        0
    )


@pytest.mark.parametrize("capacity", [3, 1])
def test_a_duplicate_gets_the_answer_a_newcomer_gets(
    index, django_capture_on_commit_callbacks, capacity
):
    club = ClubPageFactory(parent=index, capacity=capacity)
    post(club, django_capture_on_commit_callbacks, language="en")
    held = ClubSignup.objects.get()
    mail.outbox.clear()

    # The same address in another case, with another number, and the same number with
    # another address: both hold nothing new.
    by_email, by_email_page = post(
        club,
        django_capture_on_commit_callbacks,
        email="ChenChen@MAIL.example.edu",
        member_number="12210078",
    )
    by_number, by_number_page = post(
        club, django_capture_on_commit_callbacks, email="cheng@mail.example.edu"
    )
    assert ClubSignup.objects.count() == 1
    # A newcomer, in the same state of the club (the duplicates took nothing).
    newcomer, newcomer_page = post(
        club,
        django_capture_on_commit_callbacks,
        email="chen.new@mail.example.edu",
        member_number="12210099",
    )
    assert ClubSignup.objects.count() == 2
    for response in (by_email, by_number, newcomer):
        assert response.status_code == 302
        assert response["Location"] == club.url + "#signup"
    # The same words; the address shown is the one typed (here in another case).
    assert (
        receipt(by_email_page).lower()
        == receipt(by_number_page).lower()
        == receipt(newcomer_page).lower()
    )
    for page in (by_email_page, by_number_page, newcomer_page):
        assert "already" not in page.content.decode()
        assert "已有" not in page.content.decode()
    expected = "confirmed" if capacity > 1 else "waitlisted"
    assert f"signup-receipt--{expected}" in receipt(newcomer_page)
    assert held.status == "confirmed"


def test_the_holder_is_told_in_their_language_with_their_link(
    index, django_capture_on_commit_callbacks
):
    club = ClubPageFactory(parent=index)
    post(club, django_capture_on_commit_callbacks, language="en")
    held = ClubSignup.objects.get()
    mail.outbox.clear()
    post(club, django_capture_on_commit_callbacks, email="CHENCHEN@mail.example.edu")
    (message,) = mail.outbox
    assert message.to == [held.email]
    assert "You already have a place" in message.subject  # English, as they signed up
    assert "nothing has changed" in message.body
    assert "Your place is confirmed." in message.body
    token = re.search(r"/en/clubs/my/(\S+?)/", message.body).group(1)
    assert ClubSignup.from_token(token) == (held, None)


def test_a_number_already_held_tells_both_addresses_without_naming_the_holder(
    index, django_capture_on_commit_callbacks
):
    club = ClubPageFactory(parent=index)
    post(club, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    post(club, django_capture_on_commit_callbacks, language="en", email="typo@mail.example.edu")
    to_holder = next(m for m in mail.outbox if m.to == ["chenchen@mail.example.edu"])
    to_typed = next(m for m in mail.outbox if m.to == ["typo@mail.example.edu"])
    assert len(mail.outbox) == 2
    assert "/zh-hans/clubs/my/" in to_holder.body  # the holder signed up in Chinese
    assert "already holds a place" in to_typed.body
    assert "chenchen" not in to_typed.body and "/clubs/my/" not in to_typed.body
    assert f"/en/clubs/{club.pk}/link/" in to_typed.body


def test_repeated_duplicates_do_not_fill_the_holders_inbox(
    index, django_capture_on_commit_callbacks
):
    club = ClubPageFactory(parent=index)
    post(club, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    for _ in range(3):
        response, _page = post(club, django_capture_on_commit_callbacks)
        assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert ClubSignup.objects.count() == 1


def test_a_cancelled_place_does_not_count(index, django_capture_on_commit_callbacks):
    club = ClubPageFactory(parent=index)
    post(club, django_capture_on_commit_callbacks)
    ClubSignup.objects.update(status="cancelled")
    mail.outbox.clear()
    post(club, django_capture_on_commit_callbacks)
    assert ClubSignup.objects.active().count() == 1
    (confirmation,) = mail.outbox
    assert confirmation.to == ["chenchen@mail.example.edu"]
    assert "您已成功报名" in confirmation.subject
