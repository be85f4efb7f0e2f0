"""Attendance by code: the teacher shows a short code (and its QR code) valid for a while, for
that club only; a confirmed participant enters it through their private link and is marked
as attended, as the teacher's hand-marking would."""

import re
from datetime import timedelta

import pytest

from django.test import Client
from django.utils import timezone

from reading import attendance
from reading.models import ClubAttendanceCode
from tests.factories import (
    ClubIndexPageFactory,
    ClubLeaderFactory,
    ClubPageFactory,
    ClubSignupFactory,
)


@pytest.fixture
def index(home):
    return ClubIndexPageFactory(parent=home)


@pytest.fixture
def club(index):
    return ClubPageFactory(parent=index, leader=ClubLeaderFactory())


@pytest.fixture
def reader(club):
    return ClubSignupFactory(club=club, name="赵六", email="zhaoliu@mail.example.edu")


def attend(signup, code, client=None):
    client = client or Client()
    response = client.post(f"/en/clubs/my/{signup.make_token()}/attend/", {"code": code})
    signup.refresh_from_db()
    return client.get(response["Location"]).content.decode()


def test_codes_are_six_unambiguous_characters(club, settings):
    settings.CLUB_ATTENDANCE_CODE_MINUTES = 30
    codes = {attendance.new_code(club).code for _ in range(30)}
    assert all(re.fullmatch(r"[A-HJKMNP-Z2-9]{6}", code) for code in codes)
    assert not set("".join(codes)) & set("01ILO")
    latest = ClubAttendanceCode.objects.latest()
    assert latest.expires_at - latest.created_at == timedelta(minutes=30)


def test_the_teacher_shows_a_code_and_its_qr(client, club):
    client.force_login(club.leader.user)
    url = f"/admin/my-clubs/{club.pk}/attendance-code/"
    assert "No code is valid now." in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    code = attendance.current_code(club)
    html = client.get(url).content.decode()
    assert code.code in html and "<svg" in html
    assert "/attendance-code/" in client.get(f"/admin/my-clubs/{club.pk}/").content.decode()
    # A new code ends the old one.
    client.post(url)
    assert (
        attendance.current_code(club).code != code.code or ClubAttendanceCode.objects.count() == 2
    )


def test_another_teacher_cannot_open_a_code(client, club, index):
    other = ClubPageFactory(parent=index, leader=ClubLeaderFactory())
    client.force_login(other.leader.user)
    response = client.post(f"/admin/my-clubs/{club.pk}/attendance-code/")
    assert response.status_code == 404 or response["Location"].startswith(("/zh-hans/", "/en/"))
    assert not ClubAttendanceCode.objects.exists()


def test_a_participant_enters_the_code_and_is_marked_present(client, club, reader):
    code = attendance.new_code(club).code
    html = attend(reader, code.lower())  # typed in lower case: still the code
    assert reader.attended is True
    assert "You are marked as present." in html
    # The attendance CSV follows, as with the teacher's marking.
    client.force_login(club.leader.user)
    csv = client.get(f"/admin/my-clubs/{club.pk}/attendance.csv").content.decode("utf-8-sig")
    row = next(line for line in csv.splitlines() if "zhaoliu@" in line)
    assert row.endswith(",Yes")


def test_an_expired_code_is_refused(club, reader):
    code = attendance.new_code(club, now=timezone.now() - timedelta(minutes=31)).code
    html = attend(reader, code)
    assert reader.attended is None
    assert "This code has expired. Ask the teacher to show the current one." in html


def test_a_wrong_code_or_another_clubs_code_is_refused(club, reader, index):
    attendance.new_code(club)
    other = attendance.new_code(ClubPageFactory(parent=index)).code
    for code in (other, "ABC123", ""):
        html = attend(reader, code)
        assert reader.attended is None
        assert "This is not the code shown at this club&#x27;s discussion." in html


def test_a_waitlisted_participant_cannot_mark_themselves(club):
    waiting = ClubSignupFactory(club=club, status="waitlisted")
    code = attendance.new_code(club).code
    html = attend(waiting, code)
    assert waiting.attended is None
    assert "Only participants with a confirmed place" in html


def test_a_cancelled_participants_link_is_refused(club, reader):
    code = attendance.new_code(club).code
    reader.status = "cancelled"
    reader.save()
    response = Client().post(f"/en/clubs/my/{reader.make_token()}/attend/", {"code": code})
    assert response.status_code == 410
    reader.refresh_from_db()
    assert reader.attended is None


def test_guesses_are_limited_per_participant(club, reader, settings):
    settings.CLUB_ATTENDANCE_MAX_PER_WINDOW = 3
    code = attendance.new_code(club).code
    client = Client()
    for guess in ("AAAAAA", "BBBBBB", "CCCCCC"):
        attend(reader, guess, client)
    html = attend(reader, code, client)  # even the right code waits now
    assert "Too many codes were tried from your link" in html
    assert reader.attended is None
    # Another participant in the same room (same address) is not held up.
    neighbour = ClubSignupFactory(club=club)
    attend(neighbour, code, client)
    assert neighbour.attended is True


def test_the_qr_code_opens_the_participants_page_with_the_code(club, reader):
    code = attendance.new_code(club).code
    client = Client()
    stranger = client.get(f"/en/clubs/{club.pk}/here/?code={code}")
    assert stranger.status_code == 200
    assert "open the private link from your confirmation email" in stranger.content.decode()
    token = reader.make_token()  # (a token made a second later differs: it is timestamped)
    client.get(f"/en/clubs/my/{token}/")  # this browser opened the private link
    response = client.get(f"/en/clubs/{club.pk}/here/?code={code}")
    assert response.status_code == 302
    assert response["Location"].startswith(f"/en/clubs/my/{token}/?code={code}")
    assert f'value="{code}"' in client.get(response["Location"]).content.decode()


def test_the_qr_code_reopens_nobody_s_page_without_the_code_or_after_a_while(
    club, reader, settings
):
    """A shared computer: the next person at it scans the projected code, or types the
    address without it, and must not land on the last participant's private page."""
    code = attendance.new_code(club).code
    client = Client()
    client.get(f"/en/clubs/my/{reader.make_token()}/")
    for wrong in ("", "?code=ZZZZZZ"):
        assert client.get(f"/en/clubs/{club.pk}/here/{wrong}").status_code == 200
    settings.CLUB_LINK_MEMORY_SECONDS = -1  # the link was opened too long ago
    assert client.get(f"/en/clubs/{club.pk}/here/?code={code}").status_code == 200
