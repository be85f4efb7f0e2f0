"""Choosing a club's book by nomination and vote: every rule of it, for the views, the admin,
the emails and the demo alike.

* Who: the club's teacher, or a librarian who runs every club (reading.permissions), opens
  and closes the vote; only before the club's reading period starts, and once per club.
* Nominations: teachers and readers propose a catalogue record or a typed title and author.
  The same book is one nomination: a catalogue record by its id, a typed book by the record it
  matches under the duplicate rules (reading.duplicates), else by its title and author written
  one way. A reader's proposal appears on the page once their ballot is confirmed.
* Ballots: one counted vote per address (normalised as a sign-up's is) per club vote, counted
  only once confirmed through the emailed link (valid BALLOT_LINK_MAX_AGE). A second vote
  from an address that has voted changes nothing; the form gives everybody the same answer
  ("check your inbox"), so nobody learns from it who voted, and the address is told by email,
  in its language, that it has voted already. A link followed twice says the vote is counted.
  Nothing is counted or proposed once the vote is closed.
* Closing: the book with the most confirmed votes wins. Tie rule: the teacher may pick one of
  the books tied for first; if they do not, the one nominated first wins. The winner becomes
  the club's book (ClubBook), published as a page revision (reading.club_editing) on the
  original page and its translations. A vote closed with no ballot decides nothing.
* The tally shown on the club page is counts per book, never voters.
"""

import hashlib
import logging
import math
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.db import IntegrityError, transaction
from django.db.models import CharField, Count, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reading import duplicates
from reading.club_editing import publish_club_changes
from reading.models.books import Book
from reading.models.club_votes import ClubBallot, ClubNomination, ClubVote
from reading.models.clubs import ClubBook, ClubPage, ClubSignup
from reading.permissions import can_manage_club
from website.core import cache as page_cache
from website.search.cjk import has_cjk

logger = logging.getLogger(__name__)

BALLOT_LINK_MAX_AGE = timedelta(days=7)


def ballot_link_days():
    """BALLOT_LINK_MAX_AGE in whole days, as the email and the expired link's page say it."""
    return max(1, math.ceil(BALLOT_LINK_MAX_AGE / timedelta(days=1)))


class VoteRefused(Exception):
    """Something the rules do not allow; `message` is for the reader or the teacher."""

    def __init__(self, message, code):
        super().__init__(str(message))
        self.message = message
        self.code = code


MESSAGES = {
    "not_allowed": _("Only the club's teacher or a librarian can do this."),
    "already_opened": _("This club has a book vote already; a club chooses its book once."),
    "reading_started": _(
        "The reading period has started: the book vote is held before the reading starts."
    ),
    "closed": _("The book vote of this club is closed; votes and proposals are no longer taken."),
    "no_vote": _("This club has no book vote open."),
    "unknown_nomination": _("That book is not among the nominated books. Please choose again."),
    "not_a_leader": _("Only one of the books tied for first place can be chosen."),
}


def refuse(code):
    raise VoteRefused(MESSAGES[code], code)


def vote_of(club):
    """The club's vote (on its original page), or None."""
    original = club.original
    if original.pk is None:
        return None
    return ClubVote.objects.filter(club=original).select_related("winner__book").first()


def can_open(user, club, today=None):
    return (
        can_manage_club(user, club)
        and vote_of(club) is None
        and (today or timezone.localdate()) < club.original.reading_starts
    )


def open_vote(club, user, today=None):
    if not can_manage_club(user, club):
        refuse("not_allowed")
    original = club.original
    if (today or timezone.localdate()) >= original.reading_starts:
        refuse("reading_started")
    try:
        with transaction.atomic():
            return ClubVote.objects.create(club=original, opened_by=user)
    except IntegrityError:
        refuse("already_opened")


# Nominations -------------------------------------------------------------------------------


def book_key(book=None, title="", author=""):
    """What makes two proposals the same book (see the module docstring)."""
    if book is None and title and author:
        found = duplicates.books_by_title_author(title, author)
        book = found[0] if found else None
    if book is not None:
        return f"book:{book.pk}", book
    # Title and author written one way, hashed: up to 255 characters each would not fit the key.
    written = f"{duplicates.normalise_title(title)}|{duplicates.normalise_author(author)}"
    return f"typed:{hashlib.sha256(written.encode()).hexdigest()}", None


def lock_open(vote_id):
    """Lock the vote's row until the transaction ends and refuse if it is closed: a ballot or a
    proposal written while it closes waits for the close, then is refused, so none escapes
    forget_addresses or lands in a closed vote. Call inside transaction.atomic()."""
    locked = ClubVote.objects.select_for_update().get(pk=vote_id)
    if not locked.is_open:
        refuse("closed")
    return locked


def nominate(vote, *, book=None, title="", author="", by_teacher=False):
    """The nomination of this book in `vote`, made if new (proposals of one book merge).
    A teacher's proposal is shown at once; a reader's when their ballot is confirmed."""
    with transaction.atomic():
        lock_open(vote.pk)
        return _nominate(vote, book, title, author, by_teacher)


def _nominate(vote, book, title, author, by_teacher):
    title = " ".join((title or "").split())[:255]
    author = " ".join((author or "").split())[:255]
    key, book = book_key(book, title, author)
    if book is not None:
        title, author = book.title[:255], book.authors[:255]  # a record holds longer ones
    defaults = {"book": book, "title": title, "author": author}
    for _attempt in range(2):
        try:
            with transaction.atomic():
                nomination, created = ClubNomination.objects.get_or_create(
                    vote=vote, key=key, defaults={**defaults, "by_teacher": by_teacher}
                )
            break
        except IntegrityError:  # the same book proposed at the same moment: take that one
            continue
    if by_teacher and not (nomination.shown and nomination.by_teacher):
        ClubNomination.objects.filter(pk=nomination.pk).update(shown=True, by_teacher=True)
        nomination.shown = nomination.by_teacher = True
        page_cache.invalidate()  # a book appears on the club page
    return nomination


def choices(vote):
    """The nominations a reader can vote for: those shown, in the order they were proposed."""
    return list(vote.nominations.filter(shown=True).select_related("book"))


# Ballots ------------------------------------------------------------------------------------


def cast(vote, *, email, language, nomination=None, book=None, title="", author=""):
    """A ballot waiting for confirmation, and its link emailed; or, for an address that has
    voted, nothing but an email telling it so. Returns the ballot, or None for the latter."""
    from reading.emails.club_votes import send_already_voted, send_ballot_link

    with transaction.atomic():
        lock_open(vote.pk)
        if nomination is None:
            nomination = _nominate(vote, book, title, author, False)
        elif nomination.vote_id != vote.pk or not nomination.shown:
            refuse("unknown_nomination")
        email_normalised = ClubSignup.normalise_email(email)
        counted = (
            ClubBallot.objects.filter(
                vote=vote, email_normalised=email_normalised, confirmed_at__isnull=False
            )
            .values_list("pk", flat=True)
            .first()
        )
        if counted is not None:
            # The task is given the counted ballot, never the address: a queued task's
            # arguments are kept in its result row, which forget_addresses does not reach.
            transaction.on_commit(partial(send_already_voted.enqueue, counted, language))
            return None
        ballot = ClubBallot.objects.create(
            vote=vote, nomination=nomination, email=email, language=language
        )
        transaction.on_commit(partial(send_ballot_link.enqueue, ballot.pk))
    return ballot


def confirm(ballot, now=None):
    """Count the ballot. Returns 'counted' or 'already' (this address's vote is counted
    already, by this link or another); refuses once the vote is closed."""
    now = now or timezone.now()
    with transaction.atomic():
        lock_open(ballot.vote_id)
        if ClubBallot.objects.filter(pk=ballot.pk, confirmed_at__isnull=False).exists():
            return "already"
        try:
            with transaction.atomic():
                updated = ClubBallot.objects.filter(pk=ballot.pk, confirmed_at=None).update(
                    confirmed_at=now
                )
        except IntegrityError:  # another ballot of this address was counted first
            return "already"
        if not updated:
            return "already"
        ClubNomination.objects.filter(pk=ballot.nomination_id).update(shown=True)
        page_cache.invalidate()  # the tally on the club page has changed
    ballot.confirmed_at = now
    return "counted"


# The tally and the close ----------------------------------------------------------------------


@dataclass
class TallyRow:
    nomination: ClubNomination
    votes: int
    share: int  # per cent of the counted votes, for the bar


def tally(vote):
    """Counted votes per shown nomination, most first, then in the order proposed: one query."""
    rows = list(
        vote.nominations.filter(shown=True)
        .select_related("book")
        .annotate(votes=Count("ballots", filter=Q(ballots__confirmed_at__isnull=False)))
        .order_by("-votes", "created_at", "pk")
    )
    total = sum(row.votes for row in rows)
    return [
        TallyRow(row, row.votes, round(100 * row.votes / total) if total else 0) for row in rows
    ]


def leaders(rows):
    """The nominations tied for first place (none when nobody voted)."""
    top = rows[0].votes if rows else 0
    return [row.nomination for row in rows if top and row.votes == top]


def winner_of(rows, pick=None):
    """The tie rule: the teacher's pick among the leaders, else the earliest nominated."""
    tied = leaders(rows)
    if not tied:
        return None
    if pick is not None:
        if pick not in [n.pk for n in tied]:
            refuse("not_a_leader")
        return next(n for n in tied if n.pk == pick)
    return min(tied, key=lambda n: (n.created_at, n.pk))


def _book_for(nomination):
    if nomination.book_id:
        return nomination.book
    found = duplicates.find_books(title=nomination.title, author=nomination.author)
    if found:
        return found[0]
    book = Book(
        title=nomination.title,
        authors=nomination.author,
        language="zh" if has_cjk(nomination.title) else "en",
    )
    book.full_clean(exclude=["language"])
    book.save()
    return book


def close(club, user, pick=None, now=None):
    """Close the vote; its winner becomes the club's book, published on every language's page.
    Returns the winning nomination (None if nobody voted)."""
    if not can_manage_club(user, club):
        refuse("not_allowed")
    original = club.original
    with transaction.atomic():
        vote = ClubVote.objects.select_for_update().filter(club=original).first()
        if vote is None:
            refuse("no_vote")
        if not vote.is_open:
            refuse("closed")
        winner = winner_of(tally(vote), pick)
        vote.state = ClubVote.State.CLOSED
        vote.closed_at = now or timezone.now()
        vote.closed_by = user
        vote.winner = winner
        vote.save()
        forget_addresses(vote)
        if winner is not None:
            book = _book_for(winner)
            ClubNomination.objects.filter(pk=winner.pk).update(book=book)
            translations = ClubPage.objects.filter(
                translation_key=original.translation_key
            ).exclude(pk=original.pk)
            publish_club_changes(
                original,
                user,
                {"club_books": [ClubBook(book=book)]},
                {page: {"club_books": [ClubBook(book=book)]} for page in translations},
            )
    logger.info("club vote closed", extra={"club": original.pk})
    return winner


def forget_addresses(vote):
    """Once a vote is closed nothing can be confirmed or cast, so the addresses that only
    kept one vote per person are no longer needed: each ballot keeps its book, not its voter."""
    vote.ballots.update(
        email="", email_normalised=Concat(Value("erased:"), Cast("pk", CharField()))
    )


# What the club page shows -------------------------------------------------------------------


def page_context(club):
    """The vote as the public club page shows it: state, tally (counts only) and the choices."""
    vote = vote_of(club)
    if vote is None:
        return {}
    rows = tally(vote)
    return {
        "book_vote": vote,
        "vote_rows": rows,
        "vote_total": sum(row.votes for row in rows),
    }
