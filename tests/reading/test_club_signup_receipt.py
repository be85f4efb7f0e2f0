"""The sign-up form looks like the site's other forms, offers real choices only, and a reader
who signed up sees their place instead of the form again, with the page cache on."""

import re
from datetime import timedelta

import pytest

from django.test import Client
from django.utils import timezone

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
        "name_display": "initials",
        **overrides,
    }


def signup_section(html):
    return re.search(r'<section class="club-signup".*?</section>', html, re.S).group(0)


def sign_up(client, club, capture, **overrides):
    with capture(execute=True):
        response = client.post(f"/en/clubs/{club.pk}/signup/", data(**overrides))
    assert response.status_code == 302
    return response


def test_the_form_offers_real_choices_and_the_sites_field_layout(client, index):
    club = ClubPageFactory(parent=index)  # open to students and staff
    html = client.get(club.url).content.decode()
    form = signup_section(html)
    assert "---------" not in form
    assert 'class="club-form"' in form
    assert "reading/clubs.css" in html
    assert '<fieldset class="field field-choices"' in form
    roles = re.findall(r'<input type="radio" name="role" value="(\w+)"', form)
    assert roles == ["student", "staff"]
    assert not re.search(r'name="role"[^>]*checked', form)  # both apply: the reader chooses
    assert re.search(r'name="name_display" value="initials"[^>]*checked', form)
    # Each help text is the one Django's aria-describedby names.
    assert 'aria-describedby="id_email_helptext"' in form
    assert 'id="id_email_helptext"' in form


@pytest.mark.parametrize("audience, role", [("students", "student"), ("staff", "staff")])
def test_a_club_open_to_one_role_has_it_chosen(client, index, audience, role):
    club = ClubPageFactory(parent=index, audience=audience)
    form = signup_section(client.get(club.url).content.decode())
    assert re.search(rf'name="role" value="{role}"[^>]*checked', form)


def test_a_post_without_the_name_choice_keeps_initials(
    client, index, django_capture_on_commit_callbacks
):
    club = ClubPageFactory(parent=index)
    posted = data()
    del posted["name_display"]
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/en/clubs/{club.pk}/signup/", posted).status_code == 302
    assert ClubSignup.objects.get().name_display == "initials"


def test_a_bad_name_choice_is_refused(client, index):
    club = ClubPageFactory(parent=index)
    response = client.post(f"/en/clubs/{club.pk}/signup/", data(name_display="everyone"))
    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    assert not ClubSignup.objects.exists()


def test_a_confirmed_reader_sees_their_place_not_the_form(
    client, index, django_capture_on_commit_callbacks, settings
):
    settings.PAGE_CACHE_SECONDS = 600
    club = ClubPageFactory(parent=index, capacity=5)
    response = sign_up(client, club, django_capture_on_commit_callbacks)
    assert response["Location"] == club.url + "#signup"
    page = client.get(club.url)
    assert page.get("X-Page-Cache") != "hit"
    section = signup_section(page.content.decode())
    assert "报名成功：您的名额已确认。" in section
    assert "c***@mail.example.edu" in section
    assert "<form" not in section
    # Again, later: the receipt is in the reader's session, not a message shown once.
    assert "报名成功" in signup_section(client.get(club.url).content.decode())
    # Nobody else sees it; they get the form.
    other = signup_section(Client().get(club.url).content.decode())
    assert "<form" in other and "c***@" not in other


def test_a_waitlisted_reader_sees_their_number(client, index, django_capture_on_commit_callbacks):
    club = ClubPageFactory(parent=index, capacity=1)
    sign_up(Client(), club, django_capture_on_commit_callbacks)
    sign_up(
        Client(),
        club,
        django_capture_on_commit_callbacks,
        email="second@mail.example.edu",
        member_number="12210078",
    )
    sign_up(
        client,
        club,
        django_capture_on_commit_callbacks,
        email="third@mail.example.edu",
        member_number="12210079",
    )
    section = signup_section(client.get(club.url).content.decode())
    assert "您是候补名单中的第 2 位" in section
    assert "t***@mail.example.edu" in section


def test_the_receipt_survives_a_cached_page(
    client, index, django_capture_on_commit_callbacks, settings
):
    """Once sign-up has closed the club page is cached for everyone (it holds no form); the
    reader who signed up still sees their place, and never makes anyone else see it."""
    settings.PAGE_CACHE_SECONDS = 600
    club = ClubPageFactory(parent=index)
    sign_up(client, club, django_capture_on_commit_callbacks)
    ClubPageFactory._meta.model.objects.filter(pk=club.pk).update(
        signup_closes=timezone.now() - timedelta(minutes=1),
        signup_opens=timezone.now() - timedelta(days=2),
    )
    stranger = Client()
    stranger.get(club.url)
    cached = stranger.get(club.url)
    assert cached.get("X-Page-Cache") == "hit"
    assert "报名成功" not in cached.content.decode()
    mine = client.get(club.url)
    assert mine.get("X-Page-Cache") != "hit"
    assert "报名成功" in mine.content.decode()
    assert stranger.get(club.url).get("X-Page-Cache") == "hit"


def test_another_person_can_be_signed_up_from_the_same_browser(
    client, index, django_capture_on_commit_callbacks
):
    club = ClubPageFactory(parent=index)
    sign_up(client, club, django_capture_on_commit_callbacks)
    section = signup_section(client.get(club.url).content.decode())
    assert f'href="/zh-hans/clubs/{club.pk}/signup/"' in section
    form = client.get(f"/en/clubs/{club.pk}/signup/").content.decode()
    assert 'name="email"' in form
    sign_up(
        client,
        club,
        django_capture_on_commit_callbacks,
        email="friend@mail.example.edu",
        member_number="12210080",
    )
    assert ClubSignup.objects.count() == 2
    assert "f***@mail.example.edu" in client.get(club.url).content.decode()


def test_cancelling_takes_the_receipt_away(client, index, django_capture_on_commit_callbacks):
    from django.core import mail

    club = ClubPageFactory(parent=index)
    sign_up(client, club, django_capture_on_commit_callbacks)
    link = re.search(r"https?://[^/\s]+(/\S+/clubs/my/\S+/)", mail.outbox[0].body).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link + "cancel/", follow=True)
    html = response.content.decode()
    assert "Your place has been cancelled." in html
    assert 'class="message message--success"' in html  # a success, not styled as a warning
    assert "报名成功" not in html
    assert 'name="email"' in html  # the form is back
