"""The club page's editor form: the rules that span its milestones and its sessions."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm

from reading.plans import plan_errors


class ClubPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # With sessions, the discussion follows them (reading.sessions.derive_discussion).
        if "discussion_starts" in self.fields:
            self.fields["discussion_starts"].required = False
        sessions = self.formsets.get("sessions")
        if sessions is not None:
            # A session discusses a part of this club's own plan, never another club's.
            page = self.instance
            milestones = page.milestones.model.objects.filter(page_id=page.pk or 0)
            for form in [*sessions.forms, sessions.empty_form]:
                if "milestone" in form.fields:
                    form.fields["milestone"].queryset = milestones

    def clean(self):
        cleaned = super().clean()
        self._clean_plan(cleaned)
        rows = self._clean_sessions(cleaned)
        if not rows and not cleaned.get("discussion_starts") and "discussion_starts" in self.fields:
            self.add_error(
                "discussion_starts", _("Give the discussion's start, or add sessions below.")
            )
        return cleaned

    def _clean_plan(self, cleaned):
        formset = self.formsets.get("milestones")
        if formset is None or not formset.is_valid():
            return
        # In the editor's order, without the ones being deleted or left empty.
        forms = formset.ordered_forms
        errors = plan_errors(
            cleaned.get("reading_starts"),
            cleaned.get("reading_ends"),
            [form.cleaned_data.get("target_date") for form in forms],
        )
        for index, message in errors.items():
            forms[index].add_error("target_date", message)

    def _clean_sessions(self, cleaned):
        """The session rows kept (their cleaned data, in order); their refusals on each row.
        With sessions, the discussion fields are set from them, as the model's save does."""
        # reading.sessions reads the club models, which import this form: imported here.
        from reading.sessions import DEFAULT_LENGTH, session_errors

        formset = self.formsets.get("sessions")
        if formset is None or not formset.is_valid():
            return []
        forms = formset.ordered_forms
        rows = [form.cleaned_data for form in forms]
        for index, (field, message) in session_errors(cleaned.get("reading_starts"), rows).items():
            forms[index].add_error(field, message)
        if rows and all(row.get("starts") for row in rows):
            first, last = rows[0], rows[-1]
            cleaned["discussion_starts"] = first["starts"]
            cleaned["discussion_ends"] = last.get("ends") or last["starts"] + DEFAULT_LENGTH
            cleaned["discussion_place"] = first.get("place") or first.get("place_en") or ""
            cleaned["meeting_url"] = first.get("meeting_url") or ""
            self.errors.pop("discussion_starts", None)
            self.errors.pop("discussion_place", None)
        return rows
