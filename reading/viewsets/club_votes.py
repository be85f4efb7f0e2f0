"""The book vote in "My reading clubs": the teacher (or a librarian) opens it, proposes books,
reads the tally (counts and how many ballots wait for confirmation, no addresses) and closes
it, choosing among the books tied for first when there is a tie. Rules: reading.votes."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from reading import votes
from reading.forms.club_votes import NominationForm
from reading.viewsets.clubs import ClubAdminMixin


class ClubVoteView(ClubAdminMixin, TemplateView):
    template_name = "reading/clubs/admin/vote.html"
    header_icon = "tasks"

    def get_page_title(self):
        return _("Book vote")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        vote = votes.vote_of(self.club)
        rows = votes.tally(vote) if vote else []
        leaders = votes.leaders(rows)
        context.update(
            club=self.club,
            vote=vote,
            rows=rows,
            tied=leaders if len(leaders) > 1 else [],
            total=sum(row.votes for row in rows),
            waiting=vote.ballots.filter(confirmed_at=None).count() if vote else 0,
            can_open=votes.can_open(self.request.user, self.club),
            nomination_form=kwargs.get("nomination_form") or NominationForm(),
            # Closing publishes the page and cannot be undone: the screen asks first.
            confirm_close=self.request.GET.get("close") == "1",
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        try:
            if action == "open":
                votes.open_vote(self.club, request.user)
                messages.success(request, _("The book vote is open: readers can propose and vote."))
            elif action == "nominate":
                form = NominationForm(request.POST)
                vote = votes.vote_of(self.club)
                if vote is None:
                    votes.refuse("no_vote")
                if not form.is_valid():
                    return self.render_to_response(
                        self.get_context_data(nomination_form=form), status=400
                    )
                nomination = votes.nominate(vote, by_teacher=True, **form.proposal())
                messages.success(
                    request, _("“%(title)s” is nominated.") % {"title": nomination.title}
                )
            elif action == "close":
                pick = request.POST.get("winner") or None
                try:
                    pick = int(pick) if pick else None
                except ValueError:
                    votes.refuse("not_a_leader")
                winner = votes.close(self.club, request.user, pick=pick)
                if winner is None:
                    messages.warning(
                        request, _("The vote is closed. Nobody voted, so the book is unchanged.")
                    )
                else:
                    messages.success(
                        request,
                        _("The vote is closed: “%(title)s” is the club's book, and published.")
                        % {"title": winner.title},
                    )
            else:
                messages.error(request, _("Unknown action."))
        except votes.VoteRefused as refusal:
            messages.error(request, refusal.message)
        return redirect("my_clubs:vote", pk=self.club.pk)
