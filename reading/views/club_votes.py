"""The public side of a club's book vote: a reader's ballot (and proposal) and the emailed link
that confirms it. Every rule is reading.votes'; these views turn its answers into pages."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from wagtail.models import Locale

from reading import votes
from reading.forms.club_votes import BallotForm
from reading.models.club_votes import ClubBallot
from reading.models.clubs import mask_email
from reading.views.clubs import _club, _private
from website.core.ratelimit import PostLimit

VOTE_LIMIT = PostLimit(
    "club-vote",
    "CLUB_VOTE",
    0,
    20,
    600,
    too_soon_message=gettext_lazy(
        "Your vote was sent a moment ago. Please wait a second and send it again."
    ),
    too_many_message=gettext_lazy(
        "Many votes have come from your network in the last few minutes. "
        "Please wait a few minutes and try again."
    ),
)


def _vote_page(request, club, form, status, error=""):
    context = {"club": club, "page": club, "vote_form": form, "vote_error": error}
    return render(
        request,
        "reading/clubs/vote.html",
        {**context, **votes.page_context(club)},
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def vote(request, club_id):
    """The ballot form (the club page shows it too) and its post. Every accepted post gets the
    same answer, "confirm from your inbox", whether or not the address had voted already."""
    club = _club(club_id)
    book_vote = votes.vote_of(club)
    if request.method == "GET":
        if book_vote is None:
            return HttpResponseRedirect(club.url)
        return _vote_page(request, club, BallotForm(nominations=votes.choices(book_vote)), 200)
    if book_vote is None or not book_vote.is_open:
        code = "no_vote" if book_vote is None else "closed"
        return _vote_page(request, club, None, 409, error=votes.MESSAGES[code])
    form = BallotForm(request.POST, nominations=votes.choices(book_vote))
    limited = VOTE_LIMIT.reserve(request)
    if limited:
        form.add_error(None, VOTE_LIMIT.message(limited))
        return _vote_page(request, club, form, 429)
    if not form.is_valid():
        VOTE_LIMIT.release(request)
        return _vote_page(request, club, form, 400)
    email = form.cleaned_data["email"]
    try:
        votes.cast(
            book_vote,
            email=email,
            language=get_language(),
            nomination=form.chosen(),
            **({} if form.chosen() else form.proposal()),
        )
    except votes.VoteRefused as refusal:
        form.add_error(None, refusal.message)
        return _vote_page(request, club, form, 409)
    messages.success(
        request,
        _(
            "Thank you. We have emailed a link to %(email)s: your vote counts once you open it "
            "and confirm."
        )
        % {"email": mask_email(email)},
        extra_tags="book-vote",
    )
    return HttpResponseRedirect(club.url + "#book-vote")


REFUSALS = {
    "expired": (
        lambda: ngettext(
            "This link has expired: a vote must be confirmed within %(days)d day. "
            "If the vote is still open, please vote again from the club page.",
            "This link has expired: a vote must be confirmed within %(days)d days. "
            "If the vote is still open, please vote again from the club page.",
            votes.ballot_link_days(),
        )
        % {"days": votes.ballot_link_days()},
        410,
    ),
    "invalid": (
        lambda: _(
            "This link is not valid. Please use the full link from the email; "
            "a link that has been altered or cut short cannot be used."
        ),
        404,
    ),
}


@never_cache
@require_http_methods(["GET", "POST"])
def ballot(request, token):
    """The link in the email: GET asks to confirm (a mail scanner opening links counts nothing),
    POST counts the vote."""
    found, reason = ClubBallot.from_token(token, max_age=votes.BALLOT_LINK_MAX_AGE)
    if found is None:
        message, status = REFUSALS[reason]
        message = message()
        return _private(
            render(request, "reading/clubs/link_refused.html", {"message": message}, status=status)
        )
    club = found.vote.club
    page = club.get_translation_or_none(Locale.get_active()) or club
    outcome, refusal_message, status = None, "", 200
    if request.method == "POST" or found.confirmed_at:
        try:
            outcome = votes.confirm(found) if request.method == "POST" else "already"
        except votes.VoteRefused as refusal:
            outcome, refusal_message, status = "refused", refusal.message, 409
    elif not found.vote.is_open:
        outcome, refusal_message, status = "refused", votes.MESSAGES["closed"], 409
    context = {
        "club": page,
        "page": page,
        "ballot": found,
        "outcome": outcome,
        "refusal_message": refusal_message,
        "token": token,
        **votes.page_context(page),
    }
    return _private(render(request, "reading/clubs/ballot.html", context, status=status))
