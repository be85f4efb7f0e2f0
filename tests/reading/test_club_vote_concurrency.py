"""One address counts once even when its confirmations arrive at the same moment.

Runs on PostgreSQL only (real connections, real row locks): the conditional unique constraint
on (vote, normalised email) among confirmed ballots is the guard."""

import pytest

from django.db import IntegrityError, connection

from reading import votes
from reading.models import ClubBallot
from tests.factories import ClubIndexPageFactory, ClubNominationFactory, VotingClubPageFactory
from tests.reading.test_club_concurrency import club as _club_fixture  # noqa: F401
from tests.reading.test_club_concurrency import run_at_once
from website.home import demo

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL row locks and real connections"
    ),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def vote(_club_fixture):  # noqa: F811
    index = ClubIndexPageFactory(parent=demo.home_page(), slug="vote-clubs")
    club = VotingClubPageFactory(parent=index, books=[])
    return votes.open_vote(club, club.leader.user)


def test_simultaneous_confirmations_of_one_address_count_once(vote):
    a = ClubNominationFactory(vote=vote, title="三体", author="刘慈欣")
    b = ClubNominationFactory(vote=vote, title="活着", author="余华")
    ballots = [
        votes.cast(
            vote,
            email=f"{'LI' if i % 2 else 'li'}@mail.example.edu",
            language="zh-hans",
            nomination=a if i % 2 else b,
        )
        for i in range(8)
    ]
    outcomes = run_at_once([lambda ballot=ballot: votes.confirm(ballot) for ballot in ballots])
    assert sorted(outcomes) == ["already"] * 7 + ["counted"]
    assert ClubBallot.objects.filter(vote=vote, confirmed_at__isnull=False).count() == 1
    assert sum(row.votes for row in votes.tally(vote)) == 1


def test_the_constraint_refuses_a_second_counted_ballot_even_without_the_rules(vote):
    a = ClubNominationFactory(vote=vote, title="三体", author="刘慈欣")
    first = votes.cast(vote, email="wu@mail.example.edu", language="zh-hans", nomination=a)
    second = votes.cast(vote, email="Wu@mail.example.edu ", language="zh-hans", nomination=a)
    votes.confirm(first)
    with pytest.raises(IntegrityError):
        ClubBallot.objects.filter(pk=second.pk).update(confirmed_at=first.confirmed_at)


def test_simultaneous_closes_publish_once(vote):
    club = vote.club
    a = ClubNominationFactory(vote=vote, title="三体", author="刘慈欣")
    votes.confirm(votes.cast(vote, email="x@mail.example.edu", language="zh-hans", nomination=a))
    user = club.leader.user
    outcomes = run_at_once([lambda: votes.close(club, user) for _ in range(4)])
    refused = [o for o in outcomes if isinstance(o, votes.VoteRefused)]
    assert len(refused) == 3 and all(o.code == "closed" for o in refused)
    assert club.club_books.count() == 1


def test_the_longest_inputs_are_stored_on_postgresql(vote):
    """PostgreSQL enforces the columns' lengths (SQLite does not): the longest proposal the
    form allows and a catalogue record's long title are stored, not a DataError."""
    from tests.factories import BookFactory

    typed = votes.nominate(vote, title="书" * 255, author="作者" * 200, by_teacher=True)
    ballot = votes.cast(vote, email="li@mail.example.edu", language="en", nomination=typed)
    record = BookFactory(title="长" * 500, authors="某" * 300)
    votes.cast(vote, email="wu@mail.example.edu", language="en", book=record)
    assert ballot.pk and vote.nominations.count() == 2


def test_a_ballot_cast_while_the_vote_closes_waits_and_is_refused(vote):
    """The close holds the vote's row until it commits; a ballot arriving meanwhile waits for
    it and is refused, instead of slipping in after forget_addresses with its address."""
    import threading
    import time

    from django.db import connections, transaction

    from reading.models import ClubVote

    a = ClubNominationFactory(vote=vote, title="三体", author="刘慈欣")
    closing = threading.Event()
    outcome = {}

    def close():
        try:
            with transaction.atomic():
                locked = ClubVote.objects.select_for_update().get(pk=vote.pk)
                locked.state = ClubVote.State.CLOSED
                locked.save()
                votes.forget_addresses(locked)
                closing.set()
                time.sleep(0.5)
        finally:
            connections.close_all()

    def cast():
        closing.wait()
        try:
            outcome["cast"] = votes.cast(
                vote, email="late@mail.example.edu", language="en", nomination=a
            )
        except votes.VoteRefused as refusal:
            outcome["cast"] = refusal
        finally:
            connections.close_all()

    threads = [threading.Thread(target=close), threading.Thread(target=cast)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert isinstance(outcome["cast"], votes.VoteRefused)
    assert not ClubBallot.objects.filter(email="late@mail.example.edu").exists()
