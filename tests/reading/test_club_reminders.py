"""Club reminders (reading.reminders, `send_club_reminders`): opted into, sent once, never
outside the reading period or on a day already checked in (the local day, Asia/Shanghai),
the day-before one with its .ics, in the reader's language, and a failure that releases its
claim so the next run tries again."""

from datetime import UTC, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from reading import reminders
from reading.models import CheckIn, ClubPage, ClubReminder, ClubSignup
from tests.factories import (
    ClubIndexPageFactory,
    ClubPageFactory,
    ClubSignupFactory,
    translate_page,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def club(home):
    today = timezone.localdate()
    club = ClubPageFactory(
        parent=ClubIndexPageFactory(parent=home),
        title="《乡土中国》共读",
        plan=[
            ("第一章 乡土本色", "Ch. 1: Earthbound", "pp. 1–12", today + timedelta(days=1)),
            ("第二章 文字下乡", "Ch. 2: Bringing literacy", "pp. 13–24", today + timedelta(days=5)),
        ],
    )
    translate_page(club, "en", title="From the Soil")
    return ClubPage.objects.get(pk=club.pk)


def reader(club, **extra):
    return ClubSignupFactory(club=club, reminders=True, **extra)


def run(day=None):
    out = StringIO()
    args = ["send_club_reminders"] + ([f"--day={day.isoformat()}"] if day else [])
    call_command(*args, stdout=out)
    return out.getvalue()


def nudges():
    return [m for m in mail.outbox if "check-in" in m.subject.lower() or "打卡" in m.subject]


def test_a_nudge_goes_once_when_the_command_runs_twice(club):
    me = reader(club, language="en")
    assert "1 nudge(s)" in run()
    assert "0 nudge(s)" in run()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [me.email]
    assert ClubReminder.objects.get().kind == "nudge"
    assert ClubReminder.objects.get().sent_at is not None
    # In English, with the private link, the part due next and the link that stops them.
    assert "From the Soil" in message.subject
    assert f"/en/clubs/my/{me.make_token()}/" in message.body
    assert "Ch. 1: Earthbound" in message.body and "pp. 1–12" in message.body
    off = f"/en/clubs/reminders-off/{reminders.opt_out_token(me)}/"
    assert off in message.body
    assert message.extra_headers["List-Unsubscribe"].endswith(f"{off}>")
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "Ch. 1: Earthbound" in html


def test_the_nudge_is_in_the_readers_language(club):
    reader(club, language="zh-hans")
    run()
    message = mail.outbox[0]
    assert "《乡土中国》共读" in message.subject
    assert "第一章 乡土本色" in message.body and "/zh-hans/clubs/my/" in message.body


def test_none_to_those_who_did_not_opt_in_are_waitlisted_or_cancelled(club):
    ClubSignupFactory(club=club)  # reminders off: the default
    reader(club, status=ClubSignup.Status.WAITLISTED)
    reader(club, status=ClubSignup.Status.CANCELLED)
    run()
    assert mail.outbox == []


def test_none_outside_the_reading_period(club):
    reader(club)
    run(club.reading_starts - timedelta(days=1))
    run(club.reading_ends + timedelta(days=1))
    assert mail.outbox == []
    run(club.reading_ends)
    assert len(mail.outbox) == 1


def test_none_on_a_day_already_checked_in(club):
    me = reader(club)
    CheckIn.objects.create(signup=me, day=timezone.localdate(), progress="p. 3", text="乡土本色")
    run()
    assert mail.outbox == []
    run(timezone.localdate() + timedelta(days=1))  # the next day without one: a nudge
    assert len(mail.outbox) == 1


def test_the_day_is_shanghais_after_midnight(club, monkeypatch):
    """At 01:00 in Shanghai it is still the day before in UTC: a reader who checked in at
    00:20 for the new day is not nudged; one whose last check-in was for the evening before
    is (for the new day)."""
    today = timezone.localdate()
    night = datetime(today.year, today.month, today.day, 1, 0, tzinfo=SHANGHAI)
    assert night.astimezone(UTC).date() == today - timedelta(days=1)
    early, late = reader(club), reader(club)
    CheckIn.objects.create(
        signup=early,
        day=today,
        progress="p. 1",
        text="刚过零点",
        created_at=night - timedelta(minutes=40),
    )
    CheckIn.objects.create(
        signup=late,
        day=today - timedelta(days=1),
        progress="p. 1",
        text="昨晚",
        created_at=night - timedelta(hours=2),
    )
    monkeypatch.setattr(timezone, "now", lambda: night.astimezone(UTC))
    assert timezone.localdate() == today
    run()
    assert [m.to for m in mail.outbox] == [[late.email]]
    assert ClubReminder.objects.get().day == today


def test_none_after_opting_out_through_the_link(club):
    me = reader(club)
    url = f"/en/clubs/reminders-off/{reminders.opt_out_token(me)}/"
    page = Client().get(url)  # asks first: a mail scanner opening the link stops nothing
    assert page.status_code == 200 and page["X-Robots-Tag"] == "noindex, nofollow"
    me.refresh_from_db()
    assert me.reminders
    done = Client(enforce_csrf_checks=True).post(url)  # a mail client's one-click post
    assert done.status_code == 200 and "no more reminders" in done.content.decode()
    me.refresh_from_db()
    assert not me.reminders
    run()
    assert mail.outbox == []


@pytest.mark.parametrize("forge", ["cut", "altered", "other secret"])
def test_a_forged_opt_out_link_is_refused_clearly(club, forge):
    me = reader(club)
    token = reminders.opt_out_token(me)
    if forge == "cut":
        token = token[:-6]
    elif forge == "altered":
        # A letter of the signed data (the signature's last letter may carry only padding).
        token = token[:5] + ("A" if token[5] != "A" else "B") + token[6:]
    else:
        ClubSignup.objects.filter(pk=me.pk).update(secret="another")
    response = Client().post(f"/en/clubs/reminders-off/{token}/")
    assert response.status_code == 404
    assert "This link is not valid" in response.content.decode()
    me.refresh_from_db()
    assert me.reminders


def test_the_opt_out_link_of_a_cancelled_place_no_longer_works(club):
    me = reader(club, status=ClubSignup.Status.CANCELLED)
    response = Client().get(f"/en/clubs/reminders-off/{reminders.opt_out_token(me)}/")
    assert response.status_code == 410
    assert "nothing to stop" in response.content.decode()


def test_the_private_page_turns_them_on_and_off(club):
    me = ClubSignupFactory(club=club)
    client = Client()
    url = f"/en/clubs/my/{me.make_token()}/"
    assert "Reminders are off." in client.get(url).content.decode()
    response = client.post(url, {"reminders_choice": "1", "reminders": "on"}, follow=True)
    assert "Reminders are on." in response.content.decode()
    me.refresh_from_db()
    assert me.reminders
    client.post(url, {"reminders_choice": "1"})
    me.refresh_from_db()
    assert not me.reminders


def test_a_waitlisted_reader_cannot_turn_them_on(club):
    me = ClubSignupFactory(club=club, status=ClubSignup.Status.WAITLISTED)
    response = Client().post(
        f"/en/clubs/my/{me.make_token()}/",
        {"reminders_choice": "1", "reminders": "on"},
        follow=True,
    )
    assert "Reminders are for readers with a confirmed place." in response.content.decode()
    me.refresh_from_db()
    assert not me.reminders


def test_the_choice_is_made_at_sign_up(client, club, django_capture_on_commit_callbacks):
    form = client.get(club.url).content.decode()
    assert 'name="reminders"' in form and "checked" not in form.split('name="reminders"')[1][:80]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/zh-hans/clubs/{club.pk}/signup/",
            {
                "name": "陈晨",
                "email": "chenchen@mail.example.edu",
                "role": "student",
                "member_number": "12210001",
                "school": "理学院",
                "reminders": "on",
            },
        )
    assert ClubSignup.objects.get(email="chenchen@mail.example.edu").reminders


@pytest.fixture
def meets_tomorrow(club):
    tomorrow = timezone.localdate() + timedelta(days=1)
    starts = datetime(tomorrow.year, tomorrow.month, tomorrow.day, 19, 0, tzinfo=SHANGHAI)
    ClubPage.objects.filter(translation_key=club.translation_key).update(
        discussion_starts=starts,
        discussion_ends=starts + timedelta(hours=2),
        meeting_url="https://meeting.example.edu/j/123",
    )
    return ClubPage.objects.get(pk=club.pk)


def test_the_day_before_the_discussion_with_its_ics(meets_tomorrow):
    me = reader(meets_tomorrow, language="en")
    out = run()
    assert "1 day-before reminder(s)" in out and "0 nudge(s)" in out  # it replaces the nudge
    eve = next(m for m in mail.outbox if m.to == [me.email])
    assert "Tomorrow" in eve.subject
    assert "19:00" in eve.body and "图书馆一楼研讨室 2" in eve.body
    assert "https://meeting.example.edu/j/123" in eve.body
    name, content, mimetype = next(a for a in eve.attachments if a[0].endswith(".ics"))
    assert mimetype.startswith("text/calendar")
    events = [
        c for c in Calendar.from_ical(content).walk("VEVENT") if "discussion" in str(c["uid"])
    ]
    assert events[0].decoded("dtstart") == meets_tomorrow.discussion_starts
    run()
    assert len([m for m in mail.outbox if m.to == [me.email]]) == 1


def test_the_teacher_gets_the_digest_with_the_day_before_reminder(meets_tomorrow):
    me = reader(meets_tomorrow)
    CheckIn.objects.create(
        signup=me, day=timezone.localdate(), progress="p. 3", text="差序格局是什么意思？"
    )
    run()
    run()
    teacher = meets_tomorrow.leader.user
    digests = [m for m in mail.outbox if m.to == [teacher.email]]
    assert len(digests) == 1
    assert "差序格局是什么意思？" in digests[0].body
    assert f"/admin/my-clubs/{meets_tomorrow.pk}/digest/" in digests[0].body


def test_a_failed_email_releases_its_claim_and_the_next_run_sends_it(club, monkeypatch):
    reader(club)
    real_send = reminders.emails.nudge_message

    def broken(*args):
        message = real_send(*args)
        message.send = lambda *a, **k: (_ for _ in ()).throw(ConnectionError("mail server down"))
        return message

    monkeypatch.setattr(reminders.emails, "nudge_message", broken)
    assert "0 nudge(s)" in run()
    assert ClubReminder.objects.count() == 0 and mail.outbox == []
    monkeypatch.setattr(reminders.emails, "nudge_message", real_send)
    assert "1 nudge(s)" in run()
    assert len(mail.outbox) == 1


def test_a_claim_already_taken_sends_nothing(club):
    """Two runs at once: the second finds the row of the first and stays quiet."""
    me = reader(club)
    ClubReminder.objects.create(club=club, signup=me, kind="nudge", day=timezone.localdate())
    assert reminders.claim(club, me, "nudge", timezone.localdate()) is None


def test_a_bad_day_is_refused():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_club_reminders", "--day=tomorrow")


def test_an_email_that_cannot_even_be_built_releases_its_claim(meets_tomorrow, monkeypatch):
    """A broken template or a missing page is a failure like a mail server down: the claim
    goes, the other reminders still go out, and the next run tries again."""
    reader(meets_tomorrow)

    def broken(signup):
        raise RuntimeError("template missing")

    monkeypatch.setattr(reminders.emails, "eve_message", broken)
    assert "0 day-before reminder(s)" in run()
    assert not ClubReminder.objects.filter(kind="eve").exists()
    assert ClubReminder.objects.filter(kind="digest").count() == 1  # the teacher's still went


def test_sending_reminders_leaves_the_page_cache_alone(club):
    """A reminder shows on no page: claiming and marking it sent must not empty the cache."""
    from website.core.cache import current_version

    reader(club)
    before = current_version()
    assert "1 nudge(s)" in run()
    assert current_version() == before


def test_a_claim_left_unsent_by_a_dead_process_is_taken_again(club):
    """A process that died between the claim and the email left a row never marked sent: after
    reminders.STALE_CLAIM the next run sends the email; a recent claim is still left alone."""
    me = reader(club)
    today = timezone.localdate()
    claim = ClubReminder.objects.create(club=club, signup=me, kind="nudge", day=today)
    assert "0 nudge(s)" in run()  # still on its way, perhaps
    ClubReminder.objects.filter(pk=claim.pk).update(
        created_at=timezone.now() - reminders.STALE_CLAIM - timedelta(minutes=1)
    )
    assert "1 nudge(s)" in run()
    assert "0 nudge(s)" in run()
    assert len(nudges()) == 1
    assert ClubReminder.objects.get().sent_at is not None


def test_a_stale_digest_claim_is_taken_again(meets_tomorrow):
    reader(meets_tomorrow)
    ClubReminder.objects.create(
        club=meets_tomorrow,
        kind="digest",
        day=timezone.localdate(),
        created_at=timezone.now() - reminders.STALE_CLAIM - timedelta(minutes=1),
    )
    assert "1 digest(s)" in run()


def test_a_failing_day_before_email_is_never_joined_by_a_nudge(meets_tomorrow, monkeypatch):
    """The day-before email fails and its claim is released: no nudge that day instead, and
    when the retry succeeds the reader has had one email, not two."""
    me = reader(meets_tomorrow)

    def broken(signup):
        raise ConnectionError("mail server down")

    real_eve = reminders.emails.eve_message
    monkeypatch.setattr(reminders.emails, "eve_message", broken)
    out = run()
    assert "0 day-before reminder(s)" in out and "0 nudge(s)" in out
    monkeypatch.setattr(reminders.emails, "eve_message", real_eve)
    out = run()
    assert "1 day-before reminder(s)" in out and "0 nudge(s)" in out
    assert len([m for m in mail.outbox if m.to == [me.email]]) == 1


def test_the_opt_out_link_stops_the_reminders_and_opens_nothing_else(club):
    """The opt-out link travels in List-Unsubscribe headers that mail providers fetch: it is
    not the private link, cannot open the private page or cancel the place, and the private
    link's token is no opt-out token either."""
    me = reader(club, language="en")
    assert "1 nudge(s)" in run()
    (message,) = mail.outbox
    header = message.extra_headers["List-Unsubscribe"]
    assert me.make_token() not in header
    off_token = reminders.opt_out_token(me)
    assert off_token != me.make_token()
    assert Client().get(f"/en/clubs/my/{off_token}/").status_code == 404
    assert Client().post(f"/en/clubs/my/{off_token}/cancel/").status_code == 404
    assert Client().post(f"/en/clubs/reminders-off/{me.make_token()}/").status_code == 404
    page = Client().get(f"/en/clubs/reminders-off/{off_token}/")
    assert me.make_token() not in page.content.decode()  # no link to the private page
    me.refresh_from_db()
    assert me.reminders and me.status == ClubSignup.Status.CONFIRMED
