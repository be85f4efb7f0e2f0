"""Seat offers under real concurrency: capacity holds while offers are made, accepted,
declined and expired by many connections at once, and a late acceptance racing the expiry
command gets one answer.

Runs on PostgreSQL only (SQLite has no row locks and serialises every writer anyway):
    scripts/with-postgres.sh .venv/bin/python -m pytest \
        tests/reading/test_club_offers_concurrency.py
"""

from datetime import timedelta

import pytest

from django.db import connection
from django.utils import timezone

from reading import offers, seats
from reading.models import ClubSignup
from tests.factories import ClubIndexPageFactory, ClubPageFactory, ClubSignupFactory
from tests.reading.test_club_concurrency import run_at_once
from website.home import demo

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL row locks and real connections"
    ),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def club(transactional_db):
    from wagtail.models import Locale, Page

    if Page.get_first_root_node() is None:
        locale, _ = Locale.objects.get_or_create(language_code="zh-hans")
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    index = ClubIndexPageFactory(parent=demo.home_page())
    return ClubPageFactory(parent=index, capacity=5, offer_hours=24)


def fill(club, confirmed, waiting):
    people = [
        ClubSignupFactory(club=club, status="confirmed", position=i + 1) for i in range(confirmed)
    ]
    people += [
        ClubSignupFactory(club=club, status="waitlisted", position=confirmed + i + 1)
        for i in range(waiting)
    ]
    return people


def newcomer(club, n):
    def job():
        return seats.sign_up(
            club,
            name=f"新同学{n}",
            email=f"newcomer{n}@mail.example.edu",
            role="student",
            member_number=f"N{n:06d}",
            school="理学院",
            language="zh-hans",
        )

    return job


def taken(club):
    return ClubSignup.objects.filter(ClubSignup.TAKES_A_SEAT, club=club).count()


def test_capacity_holds_with_offers_cancels_answers_and_signups_at_once(club):
    people = fill(club, confirmed=5, waiting=10)
    now = timezone.now()
    # Two seats freed an hour ago: the first two waiting readers hold them.
    for leaving in people[:2]:
        seats.cancel(leaving, now=now - timedelta(hours=1))
    held = list(ClubSignup.objects.filter(ClubSignup.HOLDS_OFFER, club=club))
    assert len(held) == 2 and taken(club) == 5
    jobs = [
        # The two holders answer, one yes and one no; three more confirmed readers leave...
        lambda: seats.answer_offer(held[0], accept=True, now=now),
        lambda: seats.answer_offer(held[1], accept=False, now=now),
        *[lambda p=p: seats.cancel(p, now=now) for p in people[2:5]],
        # ...the expiry command runs, and thirty newcomers try to sign up.
        lambda: seats.expire_due_offers(now=now),
        *[newcomer(club, n) for n in range(30)],
    ]
    outcomes = run_at_once(jobs)
    assert [o for o in outcomes if isinstance(o, Exception)] == []
    assert taken(club) <= club.capacity
    # Every freed seat was offered to a waiting reader (there were enough), none given away.
    assert taken(club) == club.capacity
    newcomers = ClubSignup.objects.filter(club=club, position__gt=15)
    assert set(newcomers.values_list("status", flat=True)) == {"waitlisted"}
    assert ClubSignup.objects.get(pk=held[0].pk).status == "confirmed"
    assert ClubSignup.objects.get(pk=held[1].pk).status == "cancelled"
    holding = ClubSignup.objects.filter(ClubSignup.HOLDS_OFFER, club=club)
    assert holding.count() == 4  # the declined seat and three freed ones
    # Offers went down the waitlist in order, to the readers who signed up first.
    waiting = [p.pk for p in people[7:]]
    assert sorted(holding.values_list("pk", flat=True)) == waiting[:4]


def test_a_late_accept_racing_the_command_gets_one_answer(club):
    for _round in range(5):
        ClubSignup.objects.filter(club=club).delete()
        people = fill(club, confirmed=5, waiting=3)
        now = timezone.now()
        seats.cancel(people[0], now=now - timedelta(hours=25))
        holder = ClubSignup.objects.get(ClubSignup.HOLDS_OFFER, club=club)
        outcomes = run_at_once(
            [
                lambda h=holder, t=now: seats.answer_offer(h, accept=True, now=t),
                lambda t=now: seats.expire_due_offers(now=t),
                lambda t=now: seats.expire_due_offers(now=t),
            ]
        )
        accept, *runs = outcomes
        # The deadline passed: whoever came first, the acceptance is refused...
        assert isinstance(accept, seats.SignupRefused) and accept.code == "expired"
        # ...the offer was passed on exactly once, to the next reader, and the seat is held.
        assert sorted(runs) in ([0, 0], [0, 1])
        holder.refresh_from_db()
        assert holder.status == "waitlisted" and offers.state(holder, now) == offers.EXPIRED
        assert ClubSignup.objects.filter(ClubSignup.HOLDS_OFFER, club=club).get() == people[6]
        assert taken(club) == club.capacity


def test_an_accept_in_time_racing_signups_keeps_its_seat(club):
    people = fill(club, confirmed=5, waiting=1)
    now = timezone.now()
    seats.cancel(people[0], now=now)
    holder = ClubSignup.objects.get(ClubSignup.HOLDS_OFFER, club=club)
    jobs = [lambda: seats.answer_offer(holder, accept=True, now=now + timedelta(hours=1))]
    jobs += [newcomer(club, n) for n in range(20)]
    outcomes = run_at_once(jobs)
    assert [o for o in outcomes if isinstance(o, Exception)] == []
    holder.refresh_from_db()
    assert holder.status == "confirmed"
    assert ClubSignup.objects.filter(club=club, status="confirmed").count() == 5
    assert taken(club) == club.capacity
