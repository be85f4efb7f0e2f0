"""When the discussion moves, sign-ups stay and every participant gets the new calendar entry."""

from datetime import timedelta

import pytest
from icalendar import Calendar

from django.core import mail

from reading.models import ClubPage, ClubSignup
from tests.factories import (
    ClubIndexPageFactory,
    ClubPageFactory,
    ClubSignupFactory,
    translate_page,
)


@pytest.fixture
def club(home):
    index = ClubIndexPageFactory(parent=home)
    club = ClubPageFactory(parent=index, title="《科学革命的结构》共读", capacity=1)
    ClubSignupFactory(club=club, email="a@mail.example.edu", status="confirmed")
    ClubSignupFactory(club=club, email="b@mail.example.edu", status="waitlisted")
    ClubSignupFactory(club=club, email="c@mail.example.edu", status="cancelled")
    return club


def publish(page, capture, **changes):
    page = ClubPage.objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    with capture(execute=True):
        page.save_revision().publish()
    return page


def test_moving_the_discussion_tells_every_participant(club, django_capture_on_commit_callbacks):
    new_time = club.discussion_starts + timedelta(days=2)
    publish(
        club,
        django_capture_on_commit_callbacks,
        discussion_starts=new_time,
        discussion_ends=new_time + timedelta(hours=2),
        discussion_place="图书馆三楼报告厅",
    )
    assert sorted(m.to[0] for m in mail.outbox) == ["a@mail.example.edu", "b@mail.example.edu"]
    assert ClubSignup.objects.filter(club=club).active().count() == 2
    message = mail.outbox[0]
    assert "《科学革命的结构》共读" in message.subject
    assert "图书馆三楼报告厅" in message.body
    _name, content, mimetype = message.attachments[0]
    assert mimetype.startswith("text/calendar")
    cal = Calendar.from_ical(content)
    discussion = [e for e in cal.walk("VEVENT") if "discussion" in str(e["uid"])][0]
    assert discussion.decoded("dtstart") == new_time
    assert int(discussion["sequence"]) == 1
    assert str(discussion["location"]) == "图书馆三楼报告厅"
    assert club.schedule_changes.get(sequence=1).notified == 2


def test_publishing_without_a_move_sends_nothing(club, django_capture_on_commit_callbacks):
    publish(club, django_capture_on_commit_callbacks, title="《科学革命的结构》共读（第二期）")
    assert mail.outbox == []


def test_more_seats_promote_the_waitlist(club, django_capture_on_commit_callbacks):
    publish(club, django_capture_on_commit_callbacks, capacity=2)
    assert ClubSignup.objects.get(email="b@mail.example.edu").status == "confirmed"
    assert [m.to for m in mail.outbox] == [["b@mail.example.edu"]]


def test_translation_follows_the_original_and_does_not_notify(
    club, django_capture_on_commit_callbacks
):
    english = translate_page(club, "en", title="Reading The Structure of Scientific Revolutions")
    assert english.capacity == 1
    new_time = club.discussion_starts + timedelta(days=1)
    publish(
        club,
        django_capture_on_commit_callbacks,
        discussion_starts=new_time,
        discussion_ends=new_time + timedelta(hours=2),
        capacity=5,
    )
    english.refresh_from_db()
    assert english.discussion_starts == new_time and english.capacity == 5
    mail.outbox.clear()
    # Editing the English page's date has no effect: seats and dates belong to the original.
    later = new_time + timedelta(days=1)
    publish(
        english,
        django_capture_on_commit_callbacks,
        discussion_starts=later,
        discussion_ends=later + timedelta(hours=2),
    )
    assert mail.outbox == []
    english.refresh_from_db()
    assert english.discussion_starts == new_time
    assert english.original.pk == club.pk


def test_english_readers_see_the_new_place_in_its_original_wording(
    club, django_capture_on_commit_callbacks
):
    translate_page(club, "en", title="Reading Kuhn", discussion_place="Library 1F, Room 2")
    ClubSignup.objects.filter(email="a@mail.example.edu").update(language="en")
    publish(club, django_capture_on_commit_callbacks, discussion_place="图书馆三楼报告厅")
    to_a = next(m for m in mail.outbox if m.to == ["a@mail.example.edu"])
    assert "Reading Kuhn" in to_a.subject
    assert "Library 1F, Room 2 (图书馆三楼报告厅)" in to_a.body
    cal = Calendar.from_ical(to_a.attachments[0][1])
    discussion = [e for e in cal.walk("VEVENT") if "discussion" in str(e["uid"])][0]
    assert str(discussion["location"]) == "Library 1F, Room 2 (图书馆三楼报告厅)"


def test_english_readers_see_the_place_alone_once_the_translation_follows(
    club, django_capture_on_commit_callbacks
):
    """The original's wording is shown beside a translation's only while the translation may
    be stale: a place that never moved, or an English page published after the move, reads in
    English alone."""
    publish(club, django_capture_on_commit_callbacks)  # the schedule as first announced
    english = translate_page(
        club, "en", title="Reading Kuhn", discussion_place="Library 1F, Room 2"
    )
    assert english.place_display() == "Library 1F, Room 2"
    publish(club, django_capture_on_commit_callbacks, discussion_place="图书馆三楼报告厅")
    english = ClubPage.objects.get(pk=english.pk)
    assert english.place_display() == "Library 1F, Room 2 (图书馆三楼报告厅)"
    publish(english, django_capture_on_commit_callbacks, discussion_place="Library 3F, Hall")
    english = ClubPage.objects.get(pk=english.pk)
    assert english.place_display() == "Library 3F, Hall"
