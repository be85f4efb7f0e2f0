"""Waitlist offers that expire (reading.offers): a club set to hold a freed seat for some hours
offers it to the next waiting reader instead of promoting them at once.

Times are passed explicitly (`now=`) to the rules, never waited for."""

import csv
import io
import re
from datetime import timedelta

import pytest

from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from reading import offers, seats
from reading.models import ClubSignup
from tests.factories import ClubIndexPageFactory, ClubPageFactory, ClubSignupFactory


@pytest.fixture
def club(home):
    index = ClubIndexPageFactory(parent=home)
    return ClubPageFactory(parent=index, title="《乡土中国》共读", capacity=1, offer_hours=24)


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Run `action` and send the emails it queued (they go when its transaction commits)."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


@pytest.fixture
def seated(club):
    """One reader in the club's only seat and two waiting: the second in English."""
    holder = ClubSignupFactory(club=club, name="王一", status="confirmed", position=1)
    first = ClubSignupFactory(club=club, name="李二", status="waitlisted", position=2)
    second = ClubSignupFactory(
        club=club, name="Sam Lee", status="waitlisted", position=3, language="en"
    )
    return holder, first, second


def fresh(signup):
    signup.refresh_from_db()
    return signup


def link_in(message):
    return re.search(r"https?://[^/\s]+(/\S+/clubs/my/\S+/)", message.body).group(1)


def test_a_freed_seat_is_offered_and_held_instead_of_given(club, seated, send):
    holder, first, second = seated
    now = timezone.now()
    mail.outbox.clear()
    send(seats.cancel, holder, now=now)
    first = fresh(first)
    assert first.status == "waitlisted"  # not promoted: offered
    assert first.offered_at == now
    assert first.offer_expires_at == now + timedelta(hours=24)
    assert offers.state(first, now) == offers.OFFERED
    assert fresh(second).offered_at is None
    # The seat is held: nobody else can take it, and the club page says no seat is free.
    assert club.seats_left() == 0
    assert club.waitlist_count() == 1
    newcomer = seats.sign_up(
        club,
        name="赵三",
        email="zhao@mail.example.edu",
        role="student",
        member_number="12219999",
        school="文学院",
        now=now + timedelta(hours=1),
    )
    assert newcomer.status == "waitlisted"
    # The offer's email, in the reader's language, with the deadline and their private link.
    offer_mail = next(m for m in mail.outbox if m.to == [first.email])
    deadline = offers.when(first.offer_expires_at)
    assert deadline in offer_mail.subject and "《乡土中国》共读" in offer_mail.subject
    assert "接受" in offer_mail.body
    page = Client().get(link_in(offer_mail)).content.decode()
    assert "接受名额" in page and "放弃并退出候补" in page
    assert 'name="answer" value="accept"' in page and 'name="answer" value="decline"' in page
    assert deadline in page


def test_the_public_pages_do_not_count_a_held_seat_as_free(client, club, seated, send):
    holder, *_ = seated
    send(seats.cancel, holder)
    # One seat, held for the first waiting reader: none left, on the club page and the list.
    assert "共 1 个名额，剩余 0 个" in client.get(club.url).content.decode()
    assert "共 1 个名额，剩余 0 个" in client.get(club.get_parent().url).content.decode()
    assert ClubSignup.confirmed_counts([club.translation_key]) == {club.translation_key: 1}
    # The reader holding the offer is not counted as waiting in the queue.
    assert club.waitlist_count() == 1


def test_accepting_in_time_confirms_the_place(club, seated, send):
    holder, first, _ = seated
    now = timezone.now()
    send(seats.cancel, holder, now=now)
    mail.outbox.clear()
    send(seats.answer_offer, fresh(first), accept=True, now=now + timedelta(hours=23))
    first = fresh(first)
    assert first.status == "confirmed"
    assert offers.label(first) == "Offer accepted"
    assert [m.to for m in mail.outbox] == [[first.email]]  # the confirmation, with its .ics
    assert mail.outbox[0].attachments
    assert club.seats_left() == 0


def test_accepting_through_the_private_page(club, seated, send):
    holder, first, _ = seated
    send(seats.cancel, holder)
    token = fresh(first).make_token()
    page = Client()
    response = page.post(f"/zh-hans/clubs/my/{token}/offer/", {"answer": "accept"})
    assert response.status_code == 302
    assert fresh(first).status == "confirmed"
    assert "名额归您了：您的报名已确认。" in page.get(response["Location"]).content.decode()
    # Answering again is refused clearly, and changes nothing.
    again = page.post(f"/zh-hans/clubs/my/{token}/offer/", {"answer": "accept"}, follow=True)
    assert "您的报名已经确认。" in again.content.decode()
    assert fresh(first).status == "confirmed"


def test_a_bad_answer_is_refused(club, seated, send):
    holder, first, _ = seated
    send(seats.cancel, holder)
    token = fresh(first).make_token()
    response = Client().post(
        f"/en/clubs/my/{token}/offer/", {"answer": "maybe"}, follow=True, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "Choose to accept or to decline the seat." in response.content.decode()
    assert offers.state(fresh(first)) == offers.OFFERED
    forged = Client().post("/en/clubs/my/nonsense/offer/", {"answer": "accept"})
    assert forged.status_code == 404


def test_declining_passes_the_offer_to_the_next_reader(club, seated, send):
    holder, first, second = seated
    now = timezone.now()
    send(seats.cancel, holder, now=now)
    mail.outbox.clear()
    later = now + timedelta(hours=2)
    send(seats.answer_offer, fresh(first), accept=False, now=later)
    first, second = fresh(first), fresh(second)
    assert first.status == "cancelled"
    assert offers.label(first) == "Offer declined"
    assert second.offered_at == later and second.offer_expires_at == later + timedelta(hours=24)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([first.email, second.email])
    english = next(m for m in mail.outbox if m.to == [second.email])
    assert "is held for you until" in english.subject


def test_expiry_passes_the_offer_on_once_when_the_command_runs_twice(club, seated, send):
    holder, first, second = seated
    now = timezone.now()
    send(seats.cancel, holder, now=now - timedelta(hours=25))
    mail.outbox.clear()
    assert send(seats.expire_due_offers, now=now) == 1
    assert send(seats.expire_due_offers, now=now) == 0
    first, second = fresh(first), fresh(second)
    assert first.status == "waitlisted" and first.offer_passed_at == now
    assert offers.state(first, now) == offers.EXPIRED
    assert offers.state(second, now) == offers.OFFERED
    assert sorted(m.to[0] for m in mail.outbox) == sorted([first.email, second.email])
    assert club.seats_left() == 0
    # The command as cron runs it: nothing more to do.
    out = io.StringIO()
    call_command("expire_club_offers", stdout=out)
    assert "0 expired offer(s)" in out.getvalue()


def test_an_expired_offer_with_nobody_waiting_frees_the_seat(club, send):
    holder = ClubSignupFactory(club=club, status="confirmed", position=1)
    only = ClubSignupFactory(club=club, status="waitlisted", position=2)
    now = timezone.now()
    send(seats.cancel, holder, now=now - timedelta(hours=30))
    assert club.seats_left() == 0
    send(seats.expire_due_offers, now=now)
    # Passed over, not offered the same seat again every day: the seat is free for sign-up.
    assert offers.state(fresh(only), now) == offers.EXPIRED
    assert club.seats_left() == 1
    assert send(seats.expire_due_offers, now=now + timedelta(days=2)) == 0


def test_a_late_accept_is_refused_clearly_and_the_reader_stays_waiting(club, seated, send):
    holder, first, second = seated
    now = timezone.now()
    send(seats.cancel, holder, now=now - timedelta(hours=25))
    # The command has not run yet: the answer processes the expiry itself, under the lock.
    with pytest.raises(seats.SignupRefused) as refusal:
        send(seats.answer_offer, fresh(first), accept=True, now=now)
    assert refusal.value.code == "expired"
    first = fresh(first)
    assert first.status == "waitlisted" and first.offer_passed_at == now
    assert offers.state(fresh(second), now) == offers.OFFERED  # kept, though refused
    # The command then finds nothing left to do: one answer, whichever came first.
    assert send(seats.expire_due_offers, now=now) == 0
    # Accepting again later is refused the same way; so is declining.
    with pytest.raises(seats.SignupRefused) as again:
        seats.answer_offer(first, accept=True, now=now + timedelta(hours=1))
    assert again.value.code == "expired"
    with pytest.raises(seats.SignupRefused):
        seats.answer_offer(first, accept=False, now=now + timedelta(hours=1))
    assert fresh(first).status == "waitlisted"


def test_a_late_accept_through_the_page_says_why_in_the_readers_language(club, seated, send):
    holder, first, second = seated
    send(seats.cancel, holder, now=timezone.now() - timedelta(hours=25))
    # The first reader's offer has run out when they press the button.
    token = fresh(first).make_token()
    zh = Client().post(f"/zh-hans/clubs/my/{token}/offer/", {"answer": "accept"}, follow=True)
    html = zh.content.decode()
    assert "这个名额的保留已过期" in html and "老师仍可以为您安排名额" in html
    assert fresh(first).status == "waitlisted"
    # Their page says the offer passed on, and offers no button.
    assert "为您保留的名额已转给下一位" in html and 'value="accept"' not in html
    # The English reader, now holding the seat, is refused in English once their time is up.
    second = fresh(second)
    second.offer_expires_at = timezone.now() - timedelta(minutes=1)
    second.save(update_fields=["offer_expires_at"])
    en = Client().post(
        f"/en/clubs/my/{second.make_token()}/offer/", {"answer": "accept"}, follow=True
    )
    assert "This offer has expired" in en.content.decode()
    assert fresh(second).status == "waitlisted"


def test_a_reader_who_is_not_offered_a_seat_cannot_accept(club, seated):
    _, first, _ = seated
    with pytest.raises(seats.SignupRefused) as refusal:
        seats.answer_offer(first, accept=True)
    assert refusal.value.code == "no_offer"
    assert fresh(first).status == "waitlisted"


def test_a_new_sign_up_processes_an_expired_offer_first(club, seated, send):
    holder, first, second = seated
    now = timezone.now()
    send(seats.cancel, holder, now=now - timedelta(hours=25))
    newcomer = seats.sign_up(
        club,
        name="赵三",
        email="zhao@mail.example.edu",
        role="student",
        member_number="12219999",
        school="文学院",
        now=now,
    )
    # The seat went on to the next reader in line, not to the newcomer.
    assert newcomer.status == "waitlisted"
    assert offers.state(fresh(first), now) == offers.EXPIRED
    assert offers.state(fresh(second), now) == offers.OFFERED


def test_an_offer_never_runs_past_the_discussion(club, seated):
    holder, first, _ = seated
    now = club.discussion_starts - timedelta(hours=3)
    seats.cancel(holder, now=now)
    assert fresh(first).offer_expires_at == club.discussion_starts


def test_the_teacher_may_still_promote_a_passed_over_reader(club, seated, send):
    holder, first, second = seated
    now = timezone.now()
    send(seats.cancel, holder, now=now - timedelta(hours=25))
    send(seats.expire_due_offers, now=now)
    # The seat is held for the second reader: promoting the first needs a seat added.
    with pytest.raises(seats.SignupRefused) as full:
        seats.promote(fresh(first), user=club.leader.user, now=now)
    assert full.value.code == "full"
    # The reader holding the offer can be promoted into their own held seat.
    seats.promote(fresh(second), user=club.leader.user, now=now)
    assert fresh(second).status == "confirmed"
    assert club.seats_left() == 0


def test_mode_zero_promotes_at_once_as_before(club, seated, send):
    club.offer_hours = 0
    club.save()
    holder, first, _ = seated
    send(seats.cancel, holder)
    first = fresh(first)
    assert first.status == "confirmed" and first.offered_at is None
    assert offers.label(first) == ""


def test_the_teachers_list_and_the_csv_show_the_offer(client, club, seated, send):
    holder, first, second = seated
    now = timezone.now()
    send(seats.cancel, holder, now=now - timedelta(hours=25))
    send(seats.expire_due_offers, now=now)
    client.force_login(club.leader.user)
    html = client.get(f"/admin/my-clubs/{club.pk}/").content.decode()
    assert "Seat offered until" in html and "not offered again" in html
    text = client.get(f"/admin/my-clubs/{club.pk}/attendance.csv").content.decode("utf-8-sig")
    rows = {row["Name"]: row for row in csv.DictReader(io.StringIO(text))}
    deadline = offers.when(fresh(second).offer_expires_at)
    assert rows["Sam Lee"]["Seat offer"] == f"Seat offered until {deadline}"
    assert rows["李二"]["Seat offer"].startswith("Offer expired")


def test_the_setting_is_in_the_teachers_form_and_the_editor(client, editor, club):
    client.force_login(club.leader.user)
    form = client.get(f"/admin/my-clubs/{club.pk}/edit/").content.decode()
    assert 'name="offer_hours"' in form
    client.force_login(editor)
    edit = client.get(f"/admin/pages/{club.pk}/edit/").content.decode()
    assert 'name="offer_hours"' in edit


def test_more_than_a_week_is_refused(club):
    from django.core.exceptions import ValidationError

    club.offer_hours = 169
    with pytest.raises(ValidationError) as error:
        club.full_clean()
    assert "offer_hours" in error.value.error_dict


def test_a_full_club_in_offer_mode_says_how_seats_are_offered(client, club, seated, send):
    html = client.get(club.url).content.decode()
    assert "每位读者有 24 小时在自己的专属页面上接受" in html
    mail.outbox.clear()
    send(
        seats.sign_up,
        club,
        name="Kim Wu",
        email="kim@mail.example.edu",
        role="student",
        member_number="12218888",
        school="理学院",
        language="en",
    )
    body = mail.outbox[0].body
    assert "each has 24 hours to accept it on their private page" in body
    assert "you will get it automatically" not in body
