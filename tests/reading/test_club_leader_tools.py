"""A teacher runs their own club: attendance, places, and the club's details."""

import csv
import io
from datetime import timedelta

import pytest

from django.core import mail
from django.utils import timezone

from wagtail.test.utils.form_data import rich_text

from reading.models import ClubPage, ClubSignup
from tests.factories import (
    ClubIndexPageFactory,
    ClubLeaderFactory,
    ClubPageFactory,
    ClubSignupFactory,
    translate_page,
)


@pytest.fixture
def club(home):
    index = ClubIndexPageFactory(parent=home)
    club = ClubPageFactory(parent=index, title="《乡土中国》共读", capacity=2)
    club.save_revision().publish()
    translate_page(club, "en", title="From the Soil", discussion_place="Library, Room 2")
    for i, status in enumerate(["confirmed", "confirmed", "waitlisted", "waitlisted"]):
        ClubSignupFactory(
            club=club,
            name=f"读者{i}",
            email=f"reader{i}@mail.example.edu",
            status=status,
            position=i + 1,
        )
    return ClubPage.objects.get(pk=club.pk)


@pytest.fixture
def teacher(client, club):
    client.force_login(club.leader.user)
    return club.leader.user


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """A post whose emails go out (they are sent when its transaction commits)."""

    def send(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(*args, **kwargs)

    return send


def signup(club, name):
    return club.signups.get(name=name)


def url(club, action, person=None):
    if person is None:
        return f"/admin/my-clubs/{club.pk}/{action}"
    return f"/admin/my-clubs/{club.pk}/signups/{person.pk}/{action}/"


def sheet(client, club):
    text = client.get(url(club, "attendance.csv")).content.decode("utf-8-sig")
    return {row["Name"]: row for row in csv.DictReader(io.StringIO(text))}


def test_the_teacher_marks_attendance_and_the_sheet_shows_it(client, teacher, club, post):
    first, second = signup(club, "读者0"), signup(club, "读者1")
    response = post(url(club, "attendance", first), {"attended": "yes"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#signup-{first.pk}")
    post(url(club, "attendance", second), {"attended": "no"})
    rows = sheet(client, club)
    assert (rows["读者0"]["Attended"], rows["读者1"]["Attended"]) == ("Yes", "No")
    assert rows["读者2"]["Attended"] == ""  # waitlisted: never marked
    post(url(club, "attendance", first), {"attended": ""})  # pressed again: cleared
    assert sheet(client, club)["读者0"]["Attended"] == ""
    html = client.get(f"/admin/my-clubs/{club.pk}/").content.decode()
    assert 'aria-pressed="true"' in html  # 读者1's "Absent"


def test_attendance_refusals(client, teacher, club, post):
    first, waiting = signup(club, "读者0"), signup(club, "读者2")
    assert post(url(club, "attendance", waiting), {"attended": "yes"}).status_code == 404
    post(url(club, "attendance", first), {"attended": "maybe"}, follow=True)
    first.refresh_from_db()
    assert first.attended is None
    assert client.get(url(club, "attendance", first)).status_code == 405
    other = ClubPageFactory(parent=club.get_parent(), leader=ClubLeaderFactory())
    theirs = ClubSignupFactory(club=other)
    response = post(url(other, "attendance", theirs), {"attended": "yes"})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.attended is None


def test_cancelling_a_place_gives_the_seat_to_the_first_waiting(client, teacher, club, post):
    first = signup(club, "读者0")
    confirm = client.get(url(club, "cancel", first))
    assert confirm.status_code == 200 and "读者2" in confirm.content.decode()
    response = post(url(club, "cancel", first))
    assert response.status_code == 302
    statuses = dict(club.signups.values_list("name", "status"))
    assert statuses == {
        "读者0": "cancelled",
        "读者1": "confirmed",
        "读者2": "confirmed",
        "读者3": "waitlisted",
    }
    assert sorted(m.to[0] for m in mail.outbox) == [
        "reader0@mail.example.edu",
        "reader2@mail.example.edu",
    ]
    promoted = next(m for m in mail.outbox if m.to == ["reader2@mail.example.edu"])
    assert "有名额空出" in promoted.subject  # in the language the reader signed up in


def test_promoting_a_reader_when_full_adds_a_seat_for_them(client, teacher, club, post):
    last = signup(club, "读者3")  # the teacher picks the second in line
    confirm = client.get(url(club, "promote", last)).content.decode()
    assert "3" in confirm and 'name="add_seat"' in confirm
    response = post(url(club, "promote", last), {"add_seat": "1"})
    assert response.status_code == 302
    club.refresh_from_db()
    assert club.capacity == 3
    assert dict(club.signups.values_list("name", "status"))["读者3"] == "confirmed"
    assert dict(club.signups.values_list("name", "status"))["读者2"] == "waitlisted"
    assert [m.to for m in mail.outbox] == [["reader3@mail.example.edu"]]
    revision = club.get_latest_revision()
    assert revision.user == teacher and revision.content["capacity"] == 3
    english = club.get_translations().get()
    assert english.specific.capacity == 3


def test_promotion_refusals(client, teacher, club, post):
    waiting = signup(club, "读者2")
    post(url(club, "promote", waiting), follow=True)  # full, and no seat added
    waiting.refresh_from_db()
    assert waiting.status == ClubSignup.Status.WAITLISTED
    confirmed = signup(club, "读者0")
    assert post(url(club, "promote", confirmed), {"add_seat": "1"}).status_code == 404
    ClubPage.objects.filter(pk=club.pk).update(
        discussion_starts=timezone.now() - timedelta(days=1),
        discussion_ends=timezone.now() - timedelta(days=1) + timedelta(hours=2),
    )
    page = post(url(club, "promote", waiting), {"add_seat": "1"}, follow=True)
    assert "already met" in page.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == ClubSignup.Status.WAITLISTED
    assert not mail.outbox


def details(club, **changes):
    local = timezone.localtime
    data = {
        "introduction": rich_text("<p>新的介绍</p>"),
        "themes": club.themes,
        "introduction_en": rich_text(""),
        "themes_en": "",
        "discussion_place": club.discussion_place,
        "discussion_place_en": "Library, Room 2",
        "reading_starts": club.reading_starts.isoformat(),
        "reading_ends": club.reading_ends.isoformat(),
        "discussion_starts": local(club.discussion_starts).strftime("%Y-%m-%d %H:%M"),
        "discussion_ends": local(club.discussion_ends).strftime("%Y-%m-%d %H:%M"),
        "meeting_url": "",
        "capacity": club.capacity,
        "offer_hours": club.offer_hours,
    }
    data.update(changes)
    return data


def test_the_teacher_moves_the_discussion_and_participants_are_told(client, teacher, club, post):
    later = timezone.localtime(club.discussion_starts + timedelta(days=1))
    response = post(
        url(club, "edit/"),
        details(
            club,
            discussion_starts=later.strftime("%Y-%m-%d %H:%M"),
            discussion_ends=(later + timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"),
            discussion_place="图书馆二楼 报告厅",
            discussion_place_en="Library 2nd floor, Lecture Hall",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    club.refresh_from_db()
    assert club.discussion_place == "图书馆二楼 报告厅"
    assert "新的介绍" in club.introduction
    assert club.get_latest_revision().user == teacher
    english = club.get_translations().get().specific
    assert english.discussion_place == "Library 2nd floor, Lecture Hall"
    assert english.discussion_starts == club.discussion_starts
    # Every active participant, waitlist included, hears of it once, with the new calendar entry.
    assert sorted(m.to[0] for m in mail.outbox) == [f"reader{i}@mail.example.edu" for i in range(4)]
    assert all(m.attachments for m in mail.outbox if m.to[0] in ("reader0@mail.example.edu",))


def test_details_refusals_change_nothing(client, teacher, club, post):
    before = (club.reading_ends, club.capacity)
    response = post(
        url(club, "edit/"),
        details(club, reading_ends=(club.reading_starts - timedelta(days=1)).isoformat()),
    )
    assert response.status_code == 200
    assert "cannot end before it starts" in response.content.decode()
    response = post(url(club, "edit/"), details(club, capacity=1))
    assert "2 readers already have a seat" in response.content.decode()
    club.refresh_from_db()
    assert (club.reading_ends, club.capacity) == before
    assert not mail.outbox


def test_a_librarians_unpublished_draft_is_kept(client, teacher, club, post):
    draft = ClubPage.objects.get(pk=club.pk)  # no draft yet: the live page itself
    draft.themes = "草稿里的主题"
    draft.save_revision()
    post(url(club, "edit/"), details(club, discussion_place="研讨室 5"))
    club.refresh_from_db()
    assert club.discussion_place == "研讨室 5" and club.themes != "草稿里的主题"
    latest = club.get_latest_revision_as_object()
    assert (latest.themes, latest.discussion_place) == ("草稿里的主题", "研讨室 5")


def test_another_teacher_cannot_edit_or_move_places(client, club, post):
    stranger = ClubLeaderFactory()
    client.force_login(stranger.user)
    first = signup(club, "读者0")
    assert client.get(url(club, "edit/")).status_code == 404
    assert post(url(club, "edit/"), details(club, capacity=9)).status_code == 404
    assert post(url(club, "cancel", first)).status_code == 404
    assert post(url(club, "promote", signup(club, "读者2"))).status_code == 404
    club.refresh_from_db()
    assert club.capacity == 2
    assert not mail.outbox
