"""Choosing a club's book by nomination and vote (reading.votes): who opens and closes it, one
counted vote per address, confirmation by email, the tie rule, the winner published as the
club's book, and the tally on the public page without anyone's name or address."""

import re
from datetime import timedelta

import pytest

from django.core import mail
from django.utils import timezone, translation

from reading import votes
from reading.models import Book, ClubBallot, ClubNomination, ClubPage, ClubVote
from tests.factories import (
    BookFactory,
    ClubBallotFactory,
    ClubIndexPageFactory,
    ClubLeaderFactory,
    ClubNominationFactory,
    ClubVoteFactory,
    VotingClubPageFactory,
    translate_page,
)


@pytest.fixture
def club(home):
    index = ClubIndexPageFactory(parent=home)
    club = VotingClubPageFactory(parent=index, title="寒假共读", books=[])
    club.save_revision().publish()
    translate_page(club, "en", title="Winter reading", discussion_place="Library, Room 2")
    return ClubPage.objects.get(pk=club.pk)


@pytest.fixture
def english(club):
    return ClubPage.objects.get(translation_key=club.translation_key, locale__language_code="en")


@pytest.fixture
def teacher(club):
    return club.leader.user


@pytest.fixture
def vote(club, teacher):
    return votes.open_vote(club, teacher)


@pytest.fixture
def three_body(db):
    return BookFactory(title="三体", authors="刘慈欣")


@pytest.fixture
def send(client, django_capture_on_commit_callbacks):
    """A post whose emails go out (they are sent when its transaction commits)."""

    def post(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(*args, **kwargs)

    return post


def vote_url(club, language="zh-hans"):
    with translation.override(language):
        from django.urls import reverse

        return reverse("reading:club_vote", args=[club.pk])


def link_in(message):
    return re.search(r"https?://[^/\s]+(/\S+/clubs/votes/\S+?/)", message.body).group(1)


def counted(vote):
    return {row.nomination.title: row.votes for row in votes.tally(vote)}


# Opening and closing -------------------------------------------------------------------------


def test_the_clubs_teacher_opens_the_vote(club, teacher):
    vote = votes.open_vote(club, teacher)
    assert vote.is_open and vote.club == club and vote.opened_by == teacher


def test_a_librarian_opens_any_clubs_vote(club, editor):
    assert votes.open_vote(club, editor).is_open


def test_a_teacher_of_another_club_may_not_open_or_close(club, vote):
    other = ClubLeaderFactory().user
    with pytest.raises(votes.VoteRefused) as refused:
        votes.open_vote(club, other)
    assert refused.value.code == "not_allowed"
    with pytest.raises(votes.VoteRefused):
        votes.close(club, other)
    assert ClubVote.objects.get(pk=vote.pk).is_open


def test_another_teacher_does_not_find_the_vote_screen(client, club, vote):
    client.force_login(ClubLeaderFactory().user)
    assert client.get(f"/admin/my-clubs/{club.pk}/vote/").status_code == 404
    assert client.post(f"/admin/my-clubs/{club.pk}/vote/", {"action": "close"}).status_code == 404
    assert ClubVote.objects.get(pk=vote.pk).is_open


def test_no_vote_once_the_reading_has_started(club, teacher):
    ClubPage.objects.filter(pk=club.pk).update(reading_starts=timezone.localdate())
    club = ClubPage.objects.get(pk=club.pk)
    with pytest.raises(votes.VoteRefused) as refused:
        votes.open_vote(club, teacher)
    assert refused.value.code == "reading_started"


def test_a_club_votes_once(club, teacher, vote):
    with pytest.raises(votes.VoteRefused) as refused:
        votes.open_vote(club, teacher)
    assert refused.value.code == "already_opened"


def test_the_vote_belongs_to_the_original_page(english, teacher, club):
    vote = votes.open_vote(english, teacher)
    assert vote.club_id == club.pk
    assert votes.vote_of(english) == vote


# Nominations -----------------------------------------------------------------------------


def test_the_same_book_proposed_twice_is_one_nomination(vote, three_body):
    first = votes.nominate(vote, book=three_body, by_teacher=True)
    again = votes.nominate(vote, book=three_body)
    typed = votes.nominate(vote, title="《三体》", author="刘慈欣 著")
    assert first.pk == again.pk == typed.pk
    assert ClubNomination.objects.filter(vote=vote).count() == 1


def test_two_typed_proposals_of_one_book_merge(vote):
    a = votes.nominate(vote, title="The Selfish Gene", author="Richard Dawkins")
    b = votes.nominate(vote, title="the selfish gene.", author="Dawkins, Richard")
    assert a.pk == b.pk and a.book is None


def test_a_readers_proposal_is_hidden_until_their_ballot_is_confirmed(vote):
    ballot = votes.cast(
        vote, email="a@mail.example.edu", language="zh-hans", title="活着", author="余华"
    )
    assert not ClubNomination.objects.get(pk=ballot.nomination_id).shown
    assert votes.tally(vote) == []
    votes.confirm(ballot)
    assert counted(vote) == {"活着": 1}


# Ballots -----------------------------------------------------------------------------------


def test_a_reader_votes_and_confirms_from_the_emailed_link(client, send, club, vote, three_body):
    nomination = votes.nominate(vote, book=three_body, by_teacher=True)
    response = send(vote_url(club), {"choice": nomination.pk, "email": "Chen@Mail.Example.edu"})
    assert response.status_code == 302 and response["Location"].endswith("#book-vote")
    assert counted(vote) == {"三体": 0}  # an unconfirmed ballot does not count
    (message,) = mail.outbox
    assert message.to == ["Chen@Mail.Example.edu"] and "确认" in message.subject
    link = link_in(message)
    assert link.startswith("/zh-hans/")
    page = client.get(link)
    assert page.status_code == 200 and "确认我的投票" in page.content.decode()
    assert counted(vote) == {"三体": 0}  # opening the link (a mail scanner) counts nothing
    assert "已计入" in client.post(link).content.decode()
    assert counted(vote) == {"三体": 1}
    again = client.post(link)
    assert "已经计入" in again.content.decode()
    assert counted(vote) == {"三体": 1}


def test_a_second_vote_from_an_address_is_refused_politely_in_its_language(
    send, club, vote, three_body
):
    nomination = votes.nominate(vote, book=three_body, by_teacher=True)
    other = votes.nominate(vote, title="活着", author="余华", by_teacher=True)
    votes.confirm(
        votes.cast(vote, email="chen@mail.example.edu", language="zh-hans", nomination=nomination)
    )
    mail.outbox.clear()
    response = send(vote_url(club, "en"), {"choice": other.pk, "email": " CHEN@mail.example.edu "})
    # The form answers as it does everyone (nobody learns who voted); the address is told.
    assert response.status_code == 302
    assert ClubBallot.objects.filter(vote=vote).count() == 1
    (message,) = mail.outbox
    assert message.subject.startswith("You have already voted")
    assert "each address votes once" in message.body
    assert counted(vote) == {"三体": 1, "活着": 0}


def test_two_unconfirmed_ballots_of_one_address_count_once(vote, three_body):
    a = votes.nominate(vote, book=three_body, by_teacher=True)
    b = votes.nominate(vote, title="活着", author="余华", by_teacher=True)
    first = votes.cast(vote, email="li@mail.example.edu", language="zh-hans", nomination=a)
    second = votes.cast(vote, email="Li@mail.example.edu", language="zh-hans", nomination=b)
    assert votes.confirm(second) == "counted"
    assert votes.confirm(first) == "already"
    assert counted(vote) == {"活着": 1, "三体": 0}


def test_a_vote_after_closing_is_refused(send, client, club, teacher, vote, three_body):
    nomination = votes.nominate(vote, book=three_body, by_teacher=True)
    pending = votes.cast(
        vote, email="late@mail.example.edu", language="zh-hans", nomination=nomination
    )
    votes.close(club, teacher)
    response = send(vote_url(club, "en"), {"choice": nomination.pk, "email": "x@mail.example.edu"})
    assert response.status_code == 409
    assert "The book vote of this club is closed" in response.content.decode()
    page = client.post(f"/en/clubs/votes/{pending.make_token()}/")
    assert page.status_code == 409
    assert "closed" in page.content.decode()
    assert not ClubBallot.objects.get(pk=pending.pk).confirmed_at
    vote.refresh_from_db()
    with pytest.raises(votes.VoteRefused):
        votes.nominate(vote, title="新书")


# Bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"choice": "new", "title": "  ", "email": "a@mail.example.edu"}, "Give the title"),
        ({"choice": "new", "book": "999999", "email": "a@mail.example.edu"}, "not in the library"),
        ({"choice": "424242", "email": "a@mail.example.edu"}, "not among the nominated books"),
        ({"email": "a@mail.example.edu"}, "Choose one of the books"),
        ({"choice": "new", "title": "活着", "email": "not-an-address"}, "valid email"),
    ],
)
def test_bad_ballots_are_answered_clearly(send, club, vote, data, message):
    response = send(vote_url(club, "en"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ClubBallot.objects.exists() and not ClubNomination.objects.exists()
    assert mail.outbox == []


def test_a_typed_book_with_no_choice_ticked_is_a_proposal(send, club, vote):
    response = send(
        vote_url(club), {"title": "活着", "author": "余华", "email": "a@mail.example.edu"}
    )
    assert response.status_code == 302
    assert ClubBallot.objects.get().nomination.title == "活着"


def test_a_forged_or_expired_link_is_refused(client, vote, three_body, monkeypatch):
    nomination = votes.nominate(vote, book=three_body, by_teacher=True)
    ballot = votes.cast(vote, email="a@mail.example.edu", language="en", nomination=nomination)
    token = ballot.make_token()
    forged = client.post(f"/en/clubs/votes/{token[:-3]}xyz/")
    assert forged.status_code == 404 and "not valid" in forged.content.decode()
    monkeypatch.setattr(votes, "BALLOT_LINK_MAX_AGE", timedelta(seconds=-1))
    expired = client.post(f"/en/clubs/votes/{token}/")
    assert expired.status_code == 410 and "expired" in expired.content.decode()
    assert not ClubBallot.objects.get(pk=ballot.pk).confirmed_at


def test_a_signed_link_with_a_stale_secret_does_not_confirm(client, vote, three_body):
    nomination = votes.nominate(vote, book=three_body, by_teacher=True)
    ballot = votes.cast(vote, email="a@mail.example.edu", language="en", nomination=nomination)
    old_token = ballot.make_token()
    ClubBallot.objects.filter(pk=ballot.pk).update(secret="changed")
    assert client.post(f"/en/clubs/votes/{old_token}/").status_code == 404
    assert not ClubBallot.objects.get(pk=ballot.pk).confirmed_at


# Closing, the tie rule, the club's book ---------------------------------------------------------


def test_the_book_with_most_votes_wins_and_becomes_the_clubs_book(
    club, english, teacher, vote, three_body
):
    a = ClubNominationFactory(vote=vote, book=three_body)
    b = ClubNominationFactory(vote=vote, title="活着", author="余华")
    ClubBallotFactory(nomination=a)
    ClubBallotFactory.create_batch(2, nomination=b)
    revisions = club.revisions.count()
    winner = votes.close(club, teacher)
    assert winner == b
    book = Book.objects.get(title="活着")  # a typed winner enters the catalogue
    for page in (club, english):
        page = ClubPage.objects.get(pk=page.pk)
        assert [cb.book for cb in page.club_books.all()] == [book]
    assert club.revisions.count() == revisions + 1  # published as a revision: history kept
    vote.refresh_from_db()
    assert vote.state == "closed" and vote.winner == b and vote.closed_by == teacher
    # The addresses only served "one vote per address": the closed vote keeps none.
    assert not vote.ballots.exclude(email="").exists()
    assert counted(vote) == {"活着": 2, "三体": 1}


def test_a_tie_goes_to_the_earliest_nomination_unless_the_teacher_picks(club, teacher, three_body):
    vote = ClubVoteFactory(club=club)
    earlier = ClubNominationFactory(
        vote=vote, book=three_body, created_at=timezone.now() - timedelta(hours=2)
    )
    later = ClubNominationFactory(vote=vote, title="活着", author="余华")
    ClubBallotFactory(nomination=earlier)
    ClubBallotFactory(nomination=later)
    rows = votes.tally(vote)
    assert votes.winner_of(rows) == earlier
    assert votes.winner_of(rows, pick=later.pk) == later
    third = ClubNominationFactory(vote=vote, title="围城", author="钱钟书")
    with pytest.raises(votes.VoteRefused) as refused:
        votes.winner_of(votes.tally(vote), pick=third.pk)
    assert refused.value.code == "not_a_leader"
    assert votes.close(club, teacher, pick=later.pk) == later


def test_a_vote_closed_with_no_ballot_changes_no_book(club, teacher, vote, three_body):
    ClubNominationFactory(vote=vote, book=three_body)
    assert votes.close(club, teacher) is None
    assert not ClubPage.objects.get(pk=club.pk).club_books.exists()
    with pytest.raises(votes.VoteRefused) as refused:
        votes.close(club, teacher)
    assert refused.value.code == "closed"


def test_the_teacher_opens_nominates_and_closes_in_the_admin(client, club, teacher, three_body):
    client.force_login(teacher)
    url = f"/admin/my-clubs/{club.pk}/vote/"
    assert client.post(url, {"action": "open"}).status_code == 302
    vote = votes.vote_of(club)
    client.post(url, {"action": "nominate", "book": three_body.pk})
    client.post(url, {"action": "nominate", "title": "活着", "author": "余华"})
    empty = client.post(url, {"action": "nominate", "title": " "})
    assert empty.status_code == 400 and "Give the title" in empty.content.decode()
    unknown = client.post(url, {"action": "nominate", "book": "999999"})
    assert unknown.status_code == 400 and "not in the library" in unknown.content.decode()
    assert [n.title for n in votes.choices(vote)] == ["三体", "活着"]
    ClubBallotFactory(nomination=votes.choices(vote)[1])
    screen = client.get(url).content.decode()
    assert (
        "1 vote counted" in screen
        and "@" not in re.sub(r"<[^>]+>", "", screen).split("Book vote")[-1]
    )
    assert "Keep the vote open" in client.get(url + "?close=1").content.decode()
    client.post(url, {"action": "close"})
    assert [cb.book.title for cb in ClubPage.objects.get(pk=club.pk).club_books.all()] == ["活着"]


# The public page -------------------------------------------------------------------------------


def test_the_tally_is_on_the_page_without_voters(client, club, english, vote, three_body):
    a = ClubNominationFactory(vote=vote, book=three_body)
    ClubBallotFactory(nomination=a, email="sunyue@mail.example.edu")
    ClubBallotFactory(nomination=a, email="liming@mail.example.edu", confirmed_at=None)
    body = client.get(english.url).content.decode()
    assert 'id="book-vote"' in body and "三体" in body and "1 vote" in body
    assert "sunyue" not in body and "liming" not in body and "mail.example.edu" not in body
    zh = client.get(club.url).content.decode()
    assert "和我们一起选书" in zh and "1 票" in zh


def test_the_page_reads_the_vote_in_a_few_queries(
    client, club, vote, django_assert_max_num_queries
):
    for i in range(3):
        ClubBallotFactory(nomination=ClubNominationFactory(vote=vote, title=f"书{i}"))
    client.get(club.url)
    with django_assert_max_num_queries(40) as few:
        client.get(club.url)
    for i in range(3, 20):
        ClubBallotFactory(nomination=ClubNominationFactory(vote=vote, title=f"书{i}"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(club.url)


def test_only_a_change_of_the_public_tally_empties_the_page_cache(club, teacher, three_body):
    """An anonymous, unconfirmed ballot or proposal changes no public page, so it must not
    empty the site's page cache; a confirmation (written with .update(), which fires no
    signal) must, or the counted vote would stay hidden behind the cache."""
    from website.core.cache import current_version

    vote = votes.open_vote(club, teacher)
    before = current_version()
    ballot = votes.cast(
        vote, email="li@mail.example.edu", language="zh-hans", title="活着", author="余华"
    )
    assert current_version() == before
    votes.confirm(ballot)
    after_confirm = current_version()
    assert after_confirm != before
    votes.nominate(vote, book=three_body, by_teacher=True)
    assert current_version() != after_confirm


LONG_EMAIL = "a" * 60 + "@" + ".".join(["b" * 60] * 4) + ".edu"  # 308 characters, well formed


def test_the_longest_proposals_fit_their_columns(vote):
    """255 characters of title and of author (what the form allows) and a catalogue record's
    500-character title: PostgreSQL would refuse anything longer than the column (a 500)."""
    typed = votes.nominate(vote, title="书" * 255, author="作者" * 200, by_teacher=True)
    record = BookFactory(title="长" * 500, authors="某" * 300)
    chosen = votes.nominate(vote, book=record, by_teacher=True)
    for nomination in (typed, chosen):
        nomination.refresh_from_db()
        for name in ("key", "title", "author"):
            field = ClubNomination._meta.get_field(name)
            assert len(getattr(nomination, name)) <= field.max_length, name
    assert votes.nominate(vote, title="书" * 255, author="作者" * 200).pk == typed.pk


def test_an_address_longer_than_the_column_is_refused_clearly(send, club, vote):
    response = send(vote_url(club, "en"), {"choice": "new", "title": "活着", "email": LONG_EMAIL})
    assert response.status_code == 400
    assert "at most 254 characters" in response.content.decode()
    assert not ClubBallot.objects.exists() and mail.outbox == []


def test_a_request_that_read_the_vote_before_it_closed_casts_and_proposes_nothing(
    club, teacher, vote, three_body
):
    """The ballot form and the admin hold the vote as it was read before the close; the rule
    reads the row again (locked), so nothing lands in a closed vote and keeps its address."""
    seen_open = ClubVote.objects.get(pk=vote.pk)
    votes.close(club, teacher)
    with pytest.raises(votes.VoteRefused) as refused:
        votes.cast(seen_open, email="li@mail.example.edu", language="en", book=three_body)
    assert refused.value.code == "closed"
    with pytest.raises(votes.VoteRefused):
        votes.nominate(seen_open, title="活着", author="余华", by_teacher=True)
    assert not ClubBallot.objects.exists() and not ClubNomination.objects.exists()


def test_the_already_voted_task_is_not_given_the_address(
    vote, three_body, monkeypatch, django_capture_on_commit_callbacks
):
    """A queued task's arguments are kept in the task-result table, which forget_addresses
    never reaches: the task gets the counted ballot and reads the address from it."""
    from reading.emails import club_votes as vote_emails

    nomination = votes.nominate(vote, book=three_body, by_teacher=True)
    first = votes.cast(vote, email="chen@mail.example.edu", language="en", nomination=nomination)
    votes.confirm(first)
    queued = []
    real_task = vote_emails.send_already_voted

    class Spy:
        def enqueue(self, *args):
            queued.append(args)
            return real_task.enqueue(*args)

    monkeypatch.setattr(vote_emails, "send_already_voted", Spy())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        votes.cast(vote, email="CHEN@mail.example.edu", language="en", nomination=nomination)
    assert queued and all("@" not in str(arg) for args in queued for arg in args)
    (message,) = mail.outbox
    assert message.to == ["chen@mail.example.edu"]
    votes.forget_addresses(vote)
    assert real_task.call(first.pk, "en") == 0


def test_the_link_says_how_long_it_lasts_from_one_setting(
    client, vote, three_body, monkeypatch, django_capture_on_commit_callbacks
):
    """The email and the expired link's page both take the days from BALLOT_LINK_MAX_AGE."""
    import time

    from django.core import signing

    monkeypatch.setattr(votes, "BALLOT_LINK_MAX_AGE", timedelta(days=3))
    nomination = votes.nominate(vote, book=three_body, by_teacher=True)
    with django_capture_on_commit_callbacks(execute=True):
        ballot = votes.cast(vote, email="a@mail.example.edu", language="en", nomination=nomination)
    (message,) = mail.outbox
    assert "valid for 3 days" in message.body
    with monkeypatch.context() as past:
        past.setattr(
            signing.TimestampSigner,
            "timestamp",
            lambda self: signing.b62_encode(int(time.time()) - 4 * 86400),
        )
        token = ballot.make_token()
    expired = client.post(f"/en/clubs/votes/{token}/")
    assert expired.status_code == 410
    assert "within 3 days" in expired.content.decode()


def test_a_ballot_email_links_the_club_page_in_the_voters_language(
    vote, english, three_body, django_capture_on_commit_callbacks
):
    nomination = votes.nominate(vote, book=three_body, by_teacher=True)
    with django_capture_on_commit_callbacks(execute=True):
        votes.cast(vote, email="a@mail.example.edu", language="en", nomination=nomination)
    (message,) = mail.outbox
    assert "Winter reading" in message.subject and english.url in message.body
