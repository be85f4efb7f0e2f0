"""The form a club's teacher edits their club with: what they decide, and nothing else.

The description, the themes, the reading period, the discussion's time and place and the
seats; in Chinese (the original page) and in English (its translation's own wording). The
book, the teacher, the audience and the sign-up window stay with librarians in the page editor.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import construct_instance
from django.utils.translation import gettext_lazy as _

from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput

from reading.models.clubs import ClubPage
from reading.plans import plan_errors
from reading.sessions import is_series

SHARED = [
    "reading_starts",
    "reading_ends",
    "discussion_starts",
    "discussion_ends",
    "capacity",
    "offer_hours",
    "meeting_url",
]
SERIES_FOLLOWS = [
    "discussion_starts",
    "discussion_ends",
    "discussion_place",
    "discussion_place_en",
    "meeting_url",
]
# Worded once per language: the original's fields, and the same names with "_en" for English.
WORDED = ["introduction", "themes", "discussion_place"]


class ClubDetailsForm(forms.ModelForm):
    class Meta:
        model = ClubPage
        fields = [*WORDED, *SHARED]
        widgets = {
            "reading_starts": AdminDateInput,
            "reading_ends": AdminDateInput,
            "discussion_starts": AdminDateTimeInput,
            "discussion_ends": AdminDateTimeInput,
        }

    def __init__(self, *args, translation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.translation = translation
        if translation is not None:
            for name in WORDED:
                original = self.fields[name]
                original.label = _("%(field)s (Chinese)") % {"field": original.label}
                field = ClubPage._meta.get_field(name).formfield()
                field.label = _("%(field)s (English)") % {"field": field.label}
                field.required = False
                field.initial = getattr(translation, name)
                self.fields[f"{name}_en"] = field
        for name in ("introduction", "introduction_en"):
            if name in self.fields:
                # Draftail's editable area names itself by the field's label (axe: an input
                # field without an accessible name).
                widget = self.fields[name].widget
                widget.options = {
                    **widget.options,
                    "ariaLabelledBy": f"{self[name].id_for_label}-label",
                }
        # A series' times and places are its sessions' (reading.sessions), set in the page
        # editor; the discussion fields follow them, so they are not offered here.
        self.series = is_series(self.instance)
        if self.series:
            for name in SERIES_FOLLOWS:
                self.fields.pop(name, None)
        self.fields["capacity"].help_text = _(
            "Raising the seats gives them to the first readers on the waitlist, who are emailed."
        )

    def _post_clean(self):
        """The page's own rules (ClubPage.clean, the seats' rule of reading.capacity
        included) rather than the whole page's validation (slug, tree), which is the editor's;
        an error on a field this form does not show (the sign-up window, set by librarians)
        is said above the form."""
        self.instance = construct_instance(self, self.instance, self._meta.fields)
        try:
            self.instance.clean()
        except ValidationError as error:
            by_field = error.error_dict if hasattr(error, "error_dict") else {None: error}
            for field, errors in by_field.items():
                self.add_error(field if field in self.fields else None, errors)
        # The reading plan's milestones (set in the page editor) must stay inside the period.
        plan = self.instance.plan
        if plan and plan_errors(
            self.instance.reading_starts,
            self.instance.reading_ends,
            [milestone.target_date for milestone in plan],
        ):
            self.add_error(
                None,
                _(
                    "The reading plan has milestones outside this reading period. "
                    "Ask a librarian to move them in the club page's editor first."
                ),
            )

    def changes(self):
        """({field: value} for the original, {field: value} for the English page): only what
        the teacher changed, so a librarian's unpublished draft keeps the rest of its edits."""
        changed = set(self.changed_data)
        original = {name: self.cleaned_data[name] for name in [*WORDED, *SHARED] if name in changed}
        english = {}
        if self.translation is not None:
            english = {
                name: self.cleaned_data.get(f"{name}_en") or ""
                for name in WORDED
                if f"{name}_en" in changed
            }
        return original, english
