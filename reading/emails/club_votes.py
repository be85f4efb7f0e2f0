"""The emails of a club's book vote, in the language the reader voted in: the link that
confirms a ballot, and the answer to an address that has voted already (reading.votes)."""

import logging

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from reading import votes
from reading.emails.clubs import _throttled, site_root
from reading.models.club_votes import ClubBallot
from reading.models.clubs import club_page_in
from website.core.mail import mail_task

logger = logging.getLogger(__name__)


def ballot_link(ballot, page):
    with translation.override(ballot.language):
        path = reverse("reading:club_ballot", args=[ballot.make_token()])
    return site_root(page) + path


@mail_task()
def send_ballot_link(ballot_id):
    ballot = ClubBallot.objects.select_related("vote__club", "nomination").filter(pk=ballot_id)
    ballot = ballot.first()
    if ballot is None or not ballot.email:  # the vote closed before the email went out
        return 0
    with translation.override(ballot.language):
        page = club_page_in(ballot.vote.club, ballot.language)
        context = {
            "kind": "confirm",
            "club": page,
            "nomination": ballot.nomination,
            "link": ballot_link(ballot, page),
            "link_days": votes.ballot_link_days(),
            "club_url": page.full_url or "",
        }
        message = EmailMessage(
            subject=_("Confirm your vote for the book of “%(title)s”") % {"title": page.title},
            body=render_to_string("reading/email/club_vote.txt", context),
            to=[ballot.email],
        )
    sent = message.send()
    logger.info("club vote email sent", extra={"kind": "confirm", "club": ballot.vote.club_id})
    return sent


@mail_task()
def send_already_voted(ballot_id, language):
    """One vote per address: the address of the counted ballot `ballot_id` is told (at most
    once per window) that it has voted. It reads the address from the ballot, so nothing
    personal waits in the task queue, and a ballot whose address was forgotten gets nothing."""
    ballot = ClubBallot.objects.select_related("vote__club").filter(pk=ballot_id).first()
    if ballot is None or not ballot.email:
        return 0
    vote = ballot.vote
    if _throttled(f"club-vote-again:{vote.pk}:{ballot.pk}"):
        return 0
    with translation.override(language):
        page = club_page_in(vote.club, language)
        context = {"kind": "already", "club": page, "club_url": page.full_url or ""}
        message = EmailMessage(
            subject=_("You have already voted for the book of “%(title)s”") % {"title": page.title},
            body=render_to_string("reading/email/club_vote.txt", context),
            to=[ballot.email],
        )
    sent = message.send()
    logger.info("club vote email sent", extra={"kind": "already", "club": vote.club_id})
    return sent
