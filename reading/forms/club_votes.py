"""The forms of a club's book vote: a reader's ballot (a nominated book, or a new proposal)
and the teacher's proposal and close in the admin. The rules themselves are in reading.votes."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from reading.forms.campaigns import CatalogueMatchField
from reading.models.books import Book

NEW = "new"
UNKNOWN_BOOK = _(
    "This book is not in the library's catalogue (any more). Type its title and author instead."
)
NO_TITLE = _("Give the title of the book you propose.")


class ProposalMixin:
    """A catalogue record chosen from the matches, or a title and author typed in."""

    def _proposal_fields(self):
        self.fields["book"] = CatalogueMatchField(
            queryset=Book.objects.all(),
            required=False,
            widget=forms.HiddenInput,
            error_messages={"invalid_choice": UNKNOWN_BOOK},
        )
        self.fields["title"] = forms.CharField(
            label=_("Title of the book you propose"), required=False, max_length=255
        )
        self.fields["author"] = forms.CharField(label=_("Author"), required=False, max_length=255)

    def proposal(self):
        """{'book': …} or {'title': …, 'author': …} from the cleaned data."""
        book = self.cleaned_data.get("book")
        if isinstance(book, Book):
            return {"book": book}
        return {
            "title": " ".join(self.cleaned_data.get("title", "").split()),
            "author": " ".join(self.cleaned_data.get("author", "").split()),
        }

    def check_proposal(self):
        if "book" in self.errors:
            return
        proposal = self.proposal()
        if "book" not in proposal and not proposal["title"]:
            self.add_error("title", NO_TITLE)


class BallotForm(ProposalMixin, forms.Form):
    # Robots fill every field; people never see this one (hidden by CSS and from screen readers).
    website = forms.CharField(required=False, label=_("Leave this field empty"))
    choice = forms.ChoiceField(label=_("Your choice"), widget=forms.RadioSelect, required=False)
    email = forms.EmailField(
        label=pgettext_lazy("person", "Email"),
        max_length=254,  # what ClubBallot.email holds
        help_text=_(
            "We send a link here to confirm your vote: one vote per address, counted once "
            "confirmed. Nobody else sees it."
        ),
    )

    def __init__(self, *args, nominations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.nominations = {str(n.pk): n for n in nominations}
        self.fields["choice"].choices = [
            (key, f"{n.display_title} · {n.author}" if n.author else n.display_title)
            for key, n in self.nominations.items()
        ] + [(NEW, _("Propose another book"))]
        self.fields["choice"].error_messages["invalid_choice"] = _(
            "That book is not among the nominated books. Please choose again."
        )
        if not self.nominations:
            self.fields["choice"].initial = NEW
        self._proposal_fields()
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.order_fields(["choice", "title", "author", "book", "email", "website"])

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("Please leave this field empty."))
        return ""

    def clean(self):
        cleaned = super().clean()
        if "choice" in self.errors:
            return cleaned
        if not cleaned.get("choice"):
            # A reader who typed a book and did not tick "propose another book" proposes it.
            proposal = self.proposal() if "book" not in self.errors else {}
            if proposal.get("book") or proposal.get("title"):
                cleaned["choice"] = NEW
            else:
                self.add_error("choice", _("Choose one of the books, or propose another."))
                return cleaned
        if cleaned["choice"] == NEW:
            self.check_proposal()
        return cleaned

    def chosen(self):
        """The nomination voted for, or None for a new proposal."""
        return self.nominations.get(self.cleaned_data["choice"])


class NominationForm(ProposalMixin, forms.Form):
    """The teacher proposes a book in the admin."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._proposal_fields()
        self.fields["title"].label = pgettext_lazy("book", "Title")

    def clean(self):
        cleaned = super().clean()
        self.check_proposal()
        return cleaned
