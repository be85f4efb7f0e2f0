"""Choosing a club's book together (由师生共同遴选共读书目): a nomination and vote.

A club holds at most one vote, on its original page (the one that holds the sign-ups), so a
reader voting on the English page votes in the same ballot box as one voting in Chinese. The
rules (who opens and closes it, what a ballot counts for, the tie rule) are in reading.votes;
these models only keep the state.
"""

import secrets

from django.conf import settings
from django.core import signing
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from reading.models.clubs import ClubPage, ClubSignup

__all__ = ["ClubBallot", "ClubNomination", "ClubVote"]

BALLOT_LINK_SALT = "reading.clubs.ballot-link"


class ClubVote(models.Model):
    """The nomination and vote of one club: open until its teacher (or a librarian) closes
    it; then `winner` is the book the club reads."""

    class State(models.TextChoices):
        OPEN = "open", pgettext_lazy("vote", "Open")
        CLOSED = "closed", pgettext_lazy("vote", "Closed")

    club = models.OneToOneField(
        ClubPage, verbose_name=_("club"), on_delete=models.CASCADE, related_name="book_vote"
    )
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.OPEN)
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    winner = models.ForeignKey(
        "ClubNomination",
        verbose_name=_("chosen book"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("book vote")
        verbose_name_plural = _("book votes")

    def __str__(self):
        return f"{self.club} · {self.get_state_display()}"

    @property
    def is_open(self):
        return self.state == self.State.OPEN


class ClubNomination(models.Model):
    """A book proposed for the vote: a catalogue record, or a title and author typed in.

    The same book proposed twice is one nomination (`key`: the catalogue record, or the
    title and author written one way, reading.duplicates). A reader's proposal is shown once
    the ballot that proposed it is confirmed, so an unverified address puts nothing on the page.
    """

    vote = models.ForeignKey(
        ClubVote, verbose_name=_("vote"), on_delete=models.CASCADE, related_name="nominations"
    )
    book = models.ForeignKey(
        "reading.Book",
        verbose_name=_("book"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(pgettext_lazy("book", "title"), max_length=255)
    author = models.CharField(_("author"), max_length=255, blank=True)
    key = models.CharField(max_length=300, editable=False)
    by_teacher = models.BooleanField(_("proposed by the teacher"), default=False)
    shown = models.BooleanField(_("shown on the club page"), default=False)
    created_at = models.DateTimeField(_("proposed"), default=timezone.now)

    class Meta:
        verbose_name = _("nominated book")
        verbose_name_plural = _("nominated books")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["vote", "key"], name="club_nomination_one_per_book"),
        ]

    def __str__(self):
        return self.title

    @property
    def display_title(self):
        """The title in the reader's language: a catalogue record's English title on English
        pages, when it has one."""
        if self.book_id and self.book.title_en and (get_language() or "").startswith("en"):
            return self.book.title_en
        return self.title


class ClubBallot(models.Model):
    """One address's vote, counted once confirmed through the link emailed to it.

    Never shown anywhere public: the page shows counts per book only. An address may hold
    several unconfirmed ballots (a reader who changed their mind before confirming) but only
    one confirmed: the conditional unique constraint is what stops two confirmations of the
    same address arriving at once from both counting."""

    vote = models.ForeignKey(
        ClubVote, verbose_name=_("vote"), on_delete=models.CASCADE, related_name="ballots"
    )
    nomination = models.ForeignKey(
        ClubNomination,
        verbose_name=_("nominated book"),
        on_delete=models.CASCADE,
        related_name="ballots",
    )
    email = models.EmailField(_("email"))
    email_normalised = models.CharField(max_length=254, editable=False)
    language = models.CharField(max_length=10, default="zh-hans", editable=False)
    secret = models.CharField(max_length=64, editable=False, default="")
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["vote", "email_normalised"],
                condition=Q(confirmed_at__isnull=False),
                name="club_ballot_one_counted_per_email",
            ),
        ]

    def __str__(self):
        return f"{self.vote} · {self.nomination}"

    def save(self, *args, **kwargs):
        # The same normalisation as a sign-up's: one address is one voter.
        self.email_normalised = ClubSignup.normalise_email(self.email)
        if not self.secret:
            self.secret = secrets.token_urlsafe(24)
        super().save(*args, **kwargs)

    def make_token(self):
        return signing.dumps({"b": self.pk, "n": self.secret}, salt=BALLOT_LINK_SALT)

    @classmethod
    def from_token(cls, token, max_age):
        """(ballot, None) or (None, reason): 'expired' or 'invalid'."""
        try:
            data = signing.loads(token, salt=BALLOT_LINK_SALT, max_age=max_age)
            ballot_id, nonce = int(data["b"]), str(data["n"])
        except signing.SignatureExpired:
            return None, "expired"
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            return None, "invalid"
        ballot = cls.objects.select_related("vote__club", "nomination").filter(pk=ballot_id).first()
        if ballot is None or not constant_time_compare(ballot.secret, nonce):
            return None, "invalid"
        return ballot, None
