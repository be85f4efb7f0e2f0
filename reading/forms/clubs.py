"""The reader's forms for reading clubs (sign-up, check-in, cancel) and the teacher's email form."""

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reading.models.campaigns import NameDisplay
from reading.models.clubs import CheckIn, ClubPage, ClubPost, ClubSignup
from reading.plans import milestone_for
from website.core.forms import IsoDateInputsMixin
from website.core.ratelimit import fill_stamp

MEMBER_NUMBER = re.compile(r"^[A-Za-z0-9-]{4,30}$")
WRITE_A_FEW_SENTENCES = _("Write a few sentences about your reading.")


class SignupForm(forms.ModelForm):
    # When the form was served (website.core.ratelimit.fill_stamp): a post sent sooner than a
    # person fills the form in is a script's. Read by the view, not stored.
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ClubSignup
        fields = [
            "name",
            "email",
            "role",
            "member_number",
            "school",
            "name_display",
            "note",
            "reminders",
        ]
        widgets = {
            "note": forms.Textarea(attrs={"rows": 3}),
            "role": forms.RadioSelect,
            "name_display": forms.RadioSelect,
        }
        help_texts = {
            "email": _("Your confirmation and private link are sent here."),
            "note": _("Optional: anything the teacher should know."),
        }

    def __init__(self, *args, club=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.club = club
        self.fields["started"].initial = fill_stamp()
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["member_number"].widget.attrs["autocomplete"] = "off"
        self.fields["school"].widget.attrs["autocomplete"] = "organization"
        # Radio buttons with no blank "---------" choice: a reader picks one of the real roles,
        # and a club open to one role has it chosen already.
        self.fields["role"].choices = ClubSignup.Role.choices
        name_display_field(self.fields["name_display"])
        reminders_field(self.fields["reminders"])
        # Initials are chosen already; a post without the choice keeps that default.
        self.fields["name_display"].required = False
        if club is not None and club.audience == ClubPage.Audience.STUDENTS:
            self.fields["role"].initial = ClubSignup.Role.STUDENT
        elif club is not None and club.audience == ClubPage.Audience.STAFF:
            self.fields["role"].initial = ClubSignup.Role.STAFF

    def clean(self):
        cleaned = super().clean()
        cleaned.pop("started", None)  # not the reader's data: sign_up never sees it
        return cleaned

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Please give your name."))
        return name

    def clean_member_number(self):
        number = self.cleaned_data["member_number"].strip()
        if not MEMBER_NUMBER.match(number):
            raise forms.ValidationError(
                _("A student or staff number has 4 to 30 letters, digits or hyphens.")
            )
        return number.upper()

    def clean_name_display(self):
        return self.cleaned_data["name_display"] or NameDisplay.INITIALS

    def clean_school(self):
        school = self.cleaned_data["school"].strip()
        if not school:
            raise forms.ValidationError(_("Please give your school or department."))
        return school

    def validate_unique(self):
        """Uniqueness is decided under the club's lock in reading.seats, not here."""


def name_display_field(field):
    """The choice of how a participant is named to the others, the same at sign-up and on
    their private page."""
    field.choices = NameDisplay.choices
    field.label = _("How other participants see your name")
    field.help_text = _(
        "Your check-ins are shown to the club's confirmed participants under this name. "
        "The leading teacher and the library always see your full name."
    )


def reminders_field(field):
    """The opt-in to reminder emails, the same at sign-up and on the private page."""
    field.label = _("Email me reminders")
    field.help_text = _(
        "A short reminder on a day of the reading period when you have not checked in yet, "
        "and one the day before the discussion. Each has a link to stop them."
    )


class RemindersForm(forms.ModelForm):
    """A participant turns the reminder emails on or off through their private link."""

    class Meta:
        model = ClubSignup
        fields = ["reminders"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        reminders_field(self.fields["reminders"])


class NameDisplayForm(forms.ModelForm):
    """A participant changes, through their private link, how the others see their name."""

    class Meta:
        model = ClubSignup
        fields = ["name_display"]
        widgets = {"name_display": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name_display_field(self.fields["name_display"])


class MilestoneChoiceMixin:
    """The part of the club's plan a check-in belongs to: a choice among the original page's
    milestones (by their title in the reader's language); no field for a club without a plan."""

    def setup_milestone(self, club):
        self.plan = club.original.plan
        if not self.plan:
            del self.fields["milestone"]
            return
        field = self.fields["milestone"]
        field.queryset = club.original.milestones.all()
        field.label_from_instance = lambda m: (
            f"{m.display_title} · {m.pages}" if m.pages else m.display_title
        )
        field.empty_label = _("The part due on that day")
        field.help_text = _("Check-ins of later parts are folded for readers not there yet.")

    def chosen_milestone(self, day):
        if not self.plan:
            return None
        return self.cleaned_data.get("milestone") or milestone_for(day, self.plan)


class CheckInForm(MilestoneChoiceMixin, IsoDateInputsMixin, forms.ModelForm):
    class Meta:
        model = CheckIn
        fields = ["day", "milestone", "progress", "text"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
        }
        error_messages = {"text": {"required": WRITE_A_FEW_SENTENCES}}

    def __init__(self, *args, signup=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.signup = signup
        today = timezone.localdate()
        self.fields["day"].initial = today
        self.setup_milestone(signup.club)
        if self.plan:
            due = milestone_for(today, self.plan)
            self.fields["milestone"].initial = due.pk if due else None

    def clean_day(self):
        day = self.cleaned_data["day"]
        club = self.signup.club
        if day > timezone.localdate():
            raise forms.ValidationError(_("You cannot check in for a day still to come."))
        if not club.in_reading_period(day):
            raise forms.ValidationError(
                _("Check-ins are for the reading period, %(start)s to %(end)s.")
                % {"start": club.reading_starts.isoformat(), "end": club.reading_ends.isoformat()}
            )
        if CheckIn.objects.filter(signup=self.signup, day=day).exists():
            raise forms.ValidationError(_("You have already checked in for that day."))
        return day

    def clean_text(self):
        return clean_checkin_text(self.cleaned_data["text"])

    def save(self, commit=True):
        self.instance.signup = self.signup
        if "day" in self.cleaned_data:
            self.instance.milestone = self.chosen_milestone(self.cleaned_data["day"])
        return super().save(commit)


def clean_checkin_text(text):
    text = text.strip()
    if not text:
        raise forms.ValidationError(WRITE_A_FEW_SENTENCES)
    return text


class CheckInEditForm(MilestoneChoiceMixin, forms.ModelForm):
    """A participant corrects their own check-in: its words and its part, never its day (a
    streak counts the day as it was posted)."""

    class Meta:
        model = CheckIn
        fields = ["milestone", "progress", "text"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
        }
        error_messages = {"text": {"required": WRITE_A_FEW_SENTENCES}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_milestone(self.instance.signup.club)

    def clean_text(self):
        return clean_checkin_text(self.cleaned_data["text"])

    def save(self, commit=True):
        self.instance.milestone = self.chosen_milestone(self.instance.day)
        self.instance.edited_at = timezone.now()
        return super().save(commit)


class ClubPostForm(forms.ModelForm):
    """The teacher's prompt for a part of the plan, or reply to one check-in."""

    class Meta:
        model = ClubPost
        fields = ["milestone", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3, "maxlength": 2000})}
        labels = {"text": _("Your words")}
        error_messages = {
            "text": {"required": _("Write your prompt or reply.")},
            "milestone": {"required": _("Choose the part of the plan the prompt is for.")},
        }

    def __init__(self, *args, club, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.club = club.original
        self.kind = kind
        if kind == ClubPost.Kind.REPLY or not self.club.plan:
            del self.fields["milestone"]
        else:
            self.fields["milestone"].queryset = self.club.milestones.all()
            self.fields["milestone"].required = True
            self.fields["milestone"].empty_label = _("Choose a part of the plan")
            self.fields["milestone"].label_from_instance = lambda m: m.display_title

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Write your prompt or reply."))
        return text


class ClubEmailForm(forms.Form):
    """The teacher's message to the club, sent to each participant separately."""

    RECIPIENTS = [
        ("confirmed", _("Confirmed participants")),
        ("waitlisted", _("Waitlisted readers")),
        ("active", _("Both")),
    ]

    recipients = forms.ChoiceField(
        label=_("Send to"), choices=RECIPIENTS, initial="confirmed", widget=forms.RadioSelect
    )
    subject = forms.CharField(label=_("Subject"), max_length=150)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 8}))

    def recipients_of(self, club):
        signups = club.signups.active()
        choice = self.cleaned_data["recipients"]
        if choice != "active":
            signups = signups.filter(status=choice)
        return signups


class ResendLinkForm(forms.Form):
    """A reader who lost the confirmation email asks for their private link again."""

    email = forms.EmailField(
        label=_("The email you signed up with"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
