from datetime import timedelta

import factory

from django.utils import timezone

from reading import votes
from reading.models import ClubBallot, ClubNomination, ClubVote

from .clubs import ClubPageFactory


class VotingClubPageFactory(ClubPageFactory):
    """A club whose reading period is still ahead: the time for its book vote."""

    reading_starts = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=7))
    reading_ends = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=20))


class ClubVoteFactory(factory.django.DjangoModelFactory):
    club = factory.SubFactory(VotingClubPageFactory)

    class Meta:
        model = ClubVote


class ClubNominationFactory(factory.django.DjangoModelFactory):
    """A nomination written directly, shown (as the teacher's are); `book=` or title/author."""

    vote = factory.SubFactory(ClubVoteFactory)
    book = None
    title = factory.LazyAttribute(lambda o: o.book.title if o.book else "一本书")
    author = factory.LazyAttribute(lambda o: o.book.authors if o.book else "")
    key = factory.LazyAttribute(lambda o: votes.book_key(o.book, o.title, o.author)[0])
    by_teacher = True
    shown = True

    class Meta:
        model = ClubNomination


class ClubBallotFactory(factory.django.DjangoModelFactory):
    """A confirmed ballot written directly (no email); tests of the rules use reading.votes."""

    nomination = factory.SubFactory(ClubNominationFactory)
    vote = factory.LazyAttribute(lambda o: o.nomination.vote)
    email = factory.Sequence(lambda n: f"voter{n}@mail.example.edu")
    language = "zh-hans"
    confirmed_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = ClubBallot
