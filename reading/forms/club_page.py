"""The club page's editor form: the rules of the reading plan that span its milestones."""

from wagtail.admin.forms import WagtailAdminPageForm

from reading.plans import plan_errors


class ClubPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("milestones")
        if formset is None or not formset.is_valid():
            return cleaned
        # In the editor's order, without the ones being deleted or left empty.
        forms = formset.ordered_forms
        errors = plan_errors(
            cleaned.get("reading_starts"),
            cleaned.get("reading_ends"),
            [form.cleaned_data.get("target_date") for form in forms],
        )
        for index, message in errors.items():
            forms[index].add_error("target_date", message)
        return cleaned
