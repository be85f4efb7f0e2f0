"""Capacity holds under real concurrency: many connections signing up at the same moment.

Runs on PostgreSQL only (SQLite has no row locks and serialises every writer anyway):
    scripts/with-postgres.sh .venv/bin/python -m pytest tests/reading/test_club_concurrency.py
"""

import threading

import pytest

from django.db import connection, connections

from wagtail.models import Locale, Page

from reading import seats
from reading.models import ClubSignup
from tests.factories import ClubIndexPageFactory, ClubPageFactory
from website.home import demo

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL row locks and real connections"
    ),
    pytest.mark.django_db(transaction=True),
]


def run_at_once(jobs):
    """Run each job in its own thread (so its own database connection), released together."""
    barrier = threading.Barrier(len(jobs))
    outcomes = [None] * len(jobs)

    def worker(i, job):
        try:
            barrier.wait()
            outcomes[i] = job()
        except Exception as exc:  # noqa: BLE001 — the test inspects every outcome
            outcomes[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def signup_job(club, n, email=None):
    def job():
        return seats.sign_up(
            club,
            name=f"同学{n}",
            email=email or f"reader{n}@mail.example.edu",
            role="student",
            member_number=f"1221{n:04d}",
            school="理学院",
            language="zh-hans",
        )

    return job


@pytest.fixture
def club(transactional_db):
    # A transactional test starts from flushed tables: put back the tree's root first.
    if Page.get_first_root_node() is None:
        locale, _ = Locale.objects.get_or_create(language_code="zh-hans")
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    index = ClubIndexPageFactory(parent=demo.home_page())
    return ClubPageFactory(parent=index, capacity=30)


def test_200_simultaneous_signups_for_30_seats(club):
    outcomes = run_at_once([signup_job(club, n) for n in range(200)])
    assert [o for o in outcomes if isinstance(o, Exception)] == []
    signups = ClubSignup.objects.filter(club=club)
    assert signups.filter(status="confirmed").count() == 30
    assert signups.filter(status="waitlisted").count() == 170
    positions = sorted(signups.values_list("position", flat=True))
    assert positions == list(range(1, 201))
    # The waitlist is in sign-up order: every confirmed place came before every waiting one.
    last_confirmed = max(signups.filter(status="confirmed").values_list("position", flat=True))
    first_waiting = min(signups.filter(status="waitlisted").values_list("position", flat=True))
    assert last_confirmed < first_waiting


def test_the_same_email_in_any_case_holds_one_place(club):
    variants = ["Dup@Mail.Example.edu", "dup@mail.example.edu", "DUP@MAIL.EXAMPLE.EDU"]
    jobs = [signup_job(club, n, email=variants[n % 3]) for n in range(30)]
    outcomes = run_at_once(jobs)
    refused = [o for o in outcomes if isinstance(o, seats.SignupRefused)]
    assert len(refused) == 29
    assert {r.code for r in refused} == {"duplicate"}
    assert ClubSignup.objects.filter(club=club).active().count() == 1
