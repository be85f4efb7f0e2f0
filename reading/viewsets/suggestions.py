"""Purchase suggestions in the admin: the acquisitions team's list, its steps and its CSV.

Suggestions are made by the rules in reading.suggestions (a recommended book the library does
not hold), never typed in: the list has no "Add". Editing one offers only the steps its status
allows; saving takes the step through `suggestions.move`, so the dates, the automatic emails
and "told once" are the same as when an import or a shelf moves it. The summary above the list
says how many wait at each step and how long a recommendation takes to reach a shelf.
"""

import statistics

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from reading import suggestions
from reading.models import PurchaseSuggestion, RecommendationPage
from website.core.spreadsheets import SafeSpreadsheetMixin

Status = PurchaseSuggestion.Status


class SuggestionForm(WagtailAdminModelForm):
    """The status offers the current one and the steps it allows; declining needs a reason."""

    class Meta:
        model = PurchaseSuggestion
        fields = ["status", "decline_reason", "note"]
        widgets = {"status": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = Status(self.instance.status)
        allowed = {current, *suggestions.allowed_steps(self.instance)}
        self.fields["status"].choices = [(s.value, s.label) for s in Status if s in allowed]
        self.fields["status"].help_text = _(
            "Receiving and shelving also happen by themselves: when a catalogue import brings "
            "the book's first copy, e-book or record, and when a published shelf shows it."
        )

    def clean(self):
        cleaned = super().clean()
        wanted = cleaned.get("status")
        if wanted == Status.DECLINED and not (cleaned.get("decline_reason") or "").strip():
            self.add_error(
                "decline_reason", _("Say why the suggestion is declined: the reason is kept.")
            )
        return cleaned


class SuggestionEditView(EditView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # one line per recommendation, not per translation: the site's first language first
        pages = (
            RecommendationPage.objects.filter(book_id=self.object.book_id)
            .select_related("recommender", "locale")
            .order_by("recommended_on", "pk")
        )
        by_key = {}
        for page in pages:
            known = by_key.get(page.translation_key)
            if known is None or page.locale.language_code == settings.LANGUAGE_CODE:
                by_key[page.translation_key] = page
        context["recommendations"] = list(by_key.values())
        context["told"] = self.object.notices.filter(sent_at__isnull=False).count()
        return context

    def save_instance(self):
        """The note as typed; the status through the one rule that moves suggestions."""
        wanted = self.form.cleaned_data["status"]
        reason = self.form.cleaned_data.get("decline_reason", "")
        note = self.form.cleaned_data.get("note", "")
        saved = PurchaseSuggestion.objects.get(pk=self.object.pk)
        try:
            moved = suggestions.move(saved, wanted, reason=reason)
        except ValidationError as error:
            self.form.add_error("status", error)
            raise
        PurchaseSuggestion.objects.filter(pk=moved.pk).update(note=note)
        moved.note = note
        return moved

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError:
            return self.form_invalid(form)


class RecommendersColumn(Column):
    def get_value(self, instance):
        return instance.recommendation_count


class AgeColumn(Column):
    """How long an open suggestion has waited; a settled one shows none."""

    def get_value(self, instance):
        if instance.status not in suggestions.OPEN or instance.status == Status.DECLINED:
            return "—"
        return _("%(days)s days") % {"days": instance.age_days}


class SuggestionIndexView(SafeSpreadsheetMixin, IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("book", "campaign", "shelf")
            .annotate(
                # a recommendation and its translation are one recommendation
                recommendation_count=Count(
                    "book__recommendations__translation_key",
                    filter=Q(book__recommendations__live=True),
                    distinct=True,
                )
            )
        )

    @cached_property
    def columns(self):
        title = self._get_title_column_class(TitleColumn)(
            "book", label=_("Book"), get_url=self.get_edit_url
        )
        return [title, *super().columns[1:]]

    def get_add_url(self):
        return None  # made by the rules from recommendations, never typed in

    def get_copy_url(self, instance):
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summary"] = summary()
        return context


def summary():
    """How many suggestions wait at each step, the oldest open one, and the days from the
    first recommendation to the shelf: the median overall and by campaign."""
    counts = dict(
        PurchaseSuggestion.objects.values_list("status").annotate(n=Count("pk")).order_by()
    )
    shelved = PurchaseSuggestion.objects.filter(shelved_at__isnull=False).select_related("campaign")
    by_campaign = {}
    for suggestion in shelved:
        title = suggestion.campaign.title if suggestion.campaign else str(_("No campaign"))
        by_campaign.setdefault(title, []).append(suggestion.days_to_shelf)
    every = [days for values in by_campaign.values() for days in values]
    return {
        "statuses": [(status.label, counts.get(status.value, 0)) for status in Status],
        "median_days": statistics.median(every) if every else None,
        "campaigns": [
            (title, statistics.median(values), len(values))
            for title, values in sorted(by_campaign.items())
        ],
    }


class SuggestionFilterSet(WagtailFilterSet):
    class Meta:
        model = PurchaseSuggestion
        fields = ["status", "campaign"]


class PurchaseSuggestionViewSet(ModelViewSet):
    model = PurchaseSuggestion
    icon = "tag"
    menu_label = pgettext_lazy("menu", "Purchase suggestions")
    menu_order = 217
    add_to_admin_menu = True
    url_prefix = "reading/suggestions"
    name = "reading_suggestions"
    index_view_class = SuggestionIndexView
    edit_view_class = SuggestionEditView
    edit_template_name = "reading/suggestions/admin/edit.html"
    index_template_name = "reading/suggestions/admin/index.html"
    copy_view_enabled = False
    inspect_view_enabled = False
    form_fields = ["status", "decline_reason", "note"]
    filterset_class = SuggestionFilterSet
    search_fields = ["book__title", "book__authors", "book__isbn13"]
    list_display = [
        "book",  # replaced by a title column in the index view
        Column("get_status_display", label=_("Status")),
        RecommendersColumn("recommendation_count", label=_("Recommendations")),
        Column("campaign", label=_("Campaign")),
        DateColumn("suggested_at", label=pgettext_lazy("purchase", "Suggested")),
        AgeColumn("age", label=_("Waiting")),
    ]
    list_export = [
        "book.title",
        "book.authors",
        "book.isbn13",
        "book.publisher",
        "book.year",
        "get_status_display",
        "recommendation_count",
        "campaign",
        "first_recommended_on",
        "suggested_at",
        "ordered_at",
        "received_at",
        "shelved_at",
        "days_to_shelf",
        "decline_reason",
        "note",
    ]
    export_headings = {
        "book.title": pgettext_lazy("book", "Title"),
        "book.authors": _("Authors"),
        "book.isbn13": _("ISBN"),
        "book.publisher": pgettext_lazy("book", "Publisher"),
        "book.year": _("Year"),
        "get_status_display": _("Status"),
        "recommendation_count": _("Recommendations"),
        "campaign": _("Campaign"),
        "first_recommended_on": _("First recommended on"),
        "suggested_at": pgettext_lazy("purchase", "Suggested"),
        "ordered_at": pgettext_lazy("purchase", "Ordered"),
        "received_at": pgettext_lazy("purchase", "Received"),
        "shelved_at": pgettext_lazy("purchase", "On a display shelf"),
        "days_to_shelf": _("Days from recommendation to shelf"),
        "decline_reason": _("Reason for declining"),
        "note": _("Acquisitions note"),
    }

    def get_form_class(self, for_update=False):
        return SuggestionForm


purchase_suggestion_viewset = PurchaseSuggestionViewSet()
