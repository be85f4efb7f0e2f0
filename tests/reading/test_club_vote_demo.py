"""The demo shows the book vote: a winter club choosing its book (open, bilingual, counted and
waiting ballots, a reader's typed proposal) and a past club whose closed vote chose its book."""

from reading import votes
from reading.demo import books as book_demo
from reading.demo import club_votes as vote_demo
from reading.demo import clubs as club_demo
from reading.models import ClubBallot, ClubPage


def test_an_open_vote_and_a_decided_one_built_once(home):
    book_demo.build()
    club_demo.build()
    vote_demo.build()
    vote_demo.build()
    winter = ClubPage.objects.get(slug="winter-science", locale__language_code="zh-hans")
    assert ClubPage.objects.filter(translation_key=winter.translation_key).count() == 2
    vote = votes.vote_of(winter)
    assert vote.is_open and votes.can_open(winter.leader.user, winter) is False
    rows = votes.tally(vote)
    assert [row.votes for row in rows] == sorted((row.votes for row in rows), reverse=True)
    assert any(row.nomination.book is None for row in rows)  # a reader's typed proposal
    assert vote.ballots.filter(confirmed_at=None).exists()  # waiting for their email link
    soil = ClubPage.objects.get(slug="from-the-soil", locale__language_code="zh-hans")
    decided = votes.vote_of(soil)
    assert not decided.is_open and decided.winner.book == soil.books()[0]
    assert not ClubBallot.objects.filter(vote=decided).exclude(email="").exists()
