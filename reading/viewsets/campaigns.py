"""The admin side of the campaigns: the recommenders, the moderation queue of public
submissions and the report of the most-recommended books and themes.

The queue is a ModelViewSet (listing, search, filters and permissions come from Wagtail);
a submission opens on its moderation page rather than on a bare edit form, because the
librarian's job is a decision (accept, ask for changes, reject), not data entry.
"""

import django_filters

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.generic import FormView

from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import ListingButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views import chooser as snippet_chooser
from wagtail.snippets.views.snippets import SnippetViewSet

from reading import duplicates, moderation, report_charts
from reading.forms.campaigns import ModerationForm
from reading.models import (
    ArchiveItem,
    Book,
    RecommendationPage,
    Recommender,
    RecommenderRole,
    Submission,
)
from reading.permissions import can_moderate_submissions
from website.core.charts import ChartedReportMixin
from website.core.columns import BarColumn
from website.core.spreadsheets import SafeSpreadsheetMixin
from website.core.terms import is_english


def may_see_real_names(user):
    """Recommenders' real names are for the librarians who manage recommenders; anyone else
    in the admin (a club leader choosing a record, say) sees them as the reader allowed."""
    return bool(user and user.has_perm("reading.change_recommender"))


def recommender_label(user, recommender):
    if may_see_real_names(user):
        return str(recommender)
    return recommender.public_name()


class _RecommenderTitles:
    """The chooser's titles (results and the chosen value) as `recommender_label` has them."""

    @property
    def title_column(self):
        column = super().title_column
        user = self.request.user
        column.accessor = lambda recommender: recommender_label(user, recommender)
        return column

    def get_display_title(self, instance):
        return recommender_label(self.request.user, instance)


class RecommenderChooseView(_RecommenderTitles, snippet_chooser.ChooseView):
    pass


class RecommenderChooseResultsView(_RecommenderTitles, snippet_chooser.ChooseResultsView):
    pass


class RecommenderChosenView(_RecommenderTitles, snippet_chooser.SnippetChosenView):
    pass


class RecommenderChooserViewSet(snippet_chooser.SnippetChooserViewSet):
    choose_view_class = RecommenderChooseView
    choose_results_view_class = RecommenderChooseResultsView
    chosen_view_class = RecommenderChosenView


class RecommenderViewSet(SnippetViewSet):
    model = Recommender
    chooser_viewset_class = RecommenderChooserViewSet
    icon = "user"
    menu_label = _("Recommenders")
    menu_order = 220
    add_to_admin_menu = False
    list_display = ["name", "role", "school", "name_display"]
    list_filter = ["role", "name_display"]
    search_fields = ["name", "name_en", "school", "email"]


class SubmissionFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Submission.Status.choices)
    role = django_filters.ChoiceFilter(label=_("Role"), choices=RecommenderRole.choices)

    class Meta:
        model = Submission
        fields = ["status", "role", "campaign"]


class DuplicateColumn(Column):
    """Marks a submission whose book is already in the catalogue or already recommended."""

    cell_template_name = "reading/campaigns/admin/duplicate_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        books = instance.duplicates
        counts = duplicates.recommendation_counts(books) if books else {}
        context["books"] = books
        context["readers"] = sum(counts.values())
        return context


QUEUE_LABEL = _("Moderation")


def waiting_submissions():
    """What waits for a librarian's decision: the menu badge and the dashboard count it."""
    return Submission.objects.filter(status=Submission.Status.PENDING)


def can_moderate(user):
    return ModelPermissionPolicy(Submission).user_has_permission(user, "change")


class SubmissionIndexView(IndexView):
    page_title = QUEUE_LABEL

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("book")

    @cached_property
    def columns(self):
        """The book opens the moderation page (a plain first column would link nowhere)."""
        title = self._get_title_column_class(TitleColumn)(
            "book_label", label=_("Book"), get_url=self.get_edit_url
        )
        return [title, *super().columns[1:]]

    def get_add_url(self):
        return None  # submissions come from readers, never typed in the admin

    def get_copy_url(self, instance):
        return None

    def get_edit_url(self, instance):
        return reverse("reading_submissions:moderate", args=[instance.pk])

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        return [b for b in buttons if str(getattr(b, "label", "")) != str(_("Edit"))] + [
            ListingButton(
                _("Correct the text"),
                url=reverse("reading_submissions:edit", args=[instance.pk]),
                icon_name="edit",
                priority=15,
            )
        ]


class ModerateView(WagtailAdminTemplateMixin, FormView):
    """One submission in full, the earlier recommendations of its book, and the decision."""

    template_name = "reading/campaigns/admin/moderate.html"
    form_class = ModerationForm
    header_icon = "mail"

    def dispatch(self, request, pk):
        if not can_moderate_submissions(request.user):
            raise PermissionDenied
        self.submission = get_object_or_404(
            Submission.objects.select_related("campaign", "book"), pk=pk
        )
        return super().dispatch(request, pk)

    def get_page_title(self):
        return _("Moderate a recommendation")

    def get_page_subtitle(self):
        return self.submission.book_label

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("reading_submissions:index"), "label": QUEUE_LABEL},
            {"url": "", "label": self.submission.book_label},
        ]

    @cached_property
    def candidates(self):
        return self.submission.duplicates

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "candidates": self.candidates}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = duplicates.recommendation_counts(self.candidates)
        earlier = []
        for book in self.candidates:
            for page in duplicates.earlier_recommendations(book):
                earlier.append(page)
        context.update(
            submission=self.submission,
            candidates=[(book, counts.get(book.pk, 0)) for book in self.candidates],
            earlier=earlier,
            note_url=reverse("reading_submissions:note", args=[self.submission.pk])
            if self.submission.note_file or self.submission.archived_note_id
            else "",
            note_is_image=self.submission.note_content_type.startswith("image/"),
            decided=self.submission.status
            in {Submission.Status.ACCEPTED, Submission.Status.REJECTED},
            notes=self.archived_notes(),
            status_url=reverse("reading_archive:status"),
        )
        return context

    def archived_notes(self):
        """The accepted submission's notes in the archive, with their OCR state."""
        if not self.submission.recommendation_id:
            return []
        return list(ArchiveItem.objects.filter(recommendation=self.submission.recommendation_id))

    def form_valid(self, form):
        submission = self.submission
        decision = form.cleaned_data["decision"]
        message = form.cleaned_data["message"].strip()
        if submission.status == Submission.Status.ACCEPTED:
            messages.warning(self.request, _("This submission was already accepted."))
            return redirect("reading_submissions:moderate", pk=submission.pk)
        if decision == "accept":
            if submission.campaign is None:
                form.add_error(None, _("The campaign of this submission has been deleted."))
                return self.form_invalid(form)
            try:
                page = moderation.accept(
                    submission,
                    self.request.user,
                    book=form.cleaned_data.get("book"),
                    message=message,
                    new_book=not form.cleaned_data.get("book") and bool(self.candidates),
                )
            except ValidationError as exc:
                form.add_error(None, exc.messages)
                return self.form_invalid(form)
            messages.success(
                self.request,
                _("Accepted: a draft recommendation was created. Check it and publish it."),
                buttons=[
                    messages.button(reverse("wagtailadmin_pages:edit", args=[page.pk]), _("Edit"))
                ],
            )
            if page.notes.exists():
                # the note's OCR runs in the background: its state is followed on this page
                return redirect("reading_submissions:moderate", pk=submission.pk)
            return redirect("wagtailadmin_pages:edit", page.pk)
        if decision == "changes":
            moderation.request_changes(submission, self.request.user, message)
            messages.success(self.request, _("The reader was asked for changes."))
        else:
            moderation.reject(submission, self.request.user, message)
            messages.success(self.request, _("The submission was rejected and the reader told."))
        return redirect("reading_submissions:index")


def submission_note(request, pk):
    """The submitted note's file, for librarians only (it is not public until accepted and
    consented, and even then the archive serves its own copy)."""
    if not can_moderate_submissions(request.user):
        raise PermissionDenied
    submission = get_object_or_404(Submission, pk=pk)
    if not submission.note_file and submission.archived_note_id:
        # accepted: the archive holds the only copy now
        return redirect("reading_archive:original", submission.archived_note_id)
    if not submission.note_file:
        raise Http404
    response = FileResponse(
        submission.note_file.open("rb"),
        content_type=submission.note_content_type or "application/octet-stream",
    )
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = (
        "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
    )
    return response


class SubmissionMenuItem(MenuItem):
    """The queue's menu item carries the number of submissions waiting, as a badge."""

    def is_shown(self, request):
        return can_moderate(request.user)

    def render_component(self, request):
        # a new component per request: the menu item itself is shared by every request
        attrs = dict(self.attrs)
        waiting = waiting_submissions().count()
        if waiting:
            attrs["data-waiting"] = str(waiting)
            attrs["aria-label"] = _("%(label)s: %(count)s waiting") % {
                "label": self.label,
                "count": waiting,
            }
        return LinkMenuItemComponent(
            self.name,
            self.label,
            self.url,
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=attrs,
        )


class SubmissionViewSet(ModelViewSet):
    model = Submission
    icon = "mail"
    menu_label = QUEUE_LABEL
    menu_item_class = SubmissionMenuItem
    menu_order = 215
    add_to_admin_menu = True
    url_prefix = "reading/submissions"
    name = "reading_submissions"
    index_view_class = SubmissionIndexView
    copy_view_enabled = False
    filterset_class = SubmissionFilterSet
    search_fields = ["name", "title", "author", "isbn", "email", "text"]
    form_fields = [
        "name",
        "role",
        "school",
        "name_display",
        "isbn",
        "title",
        "author",
        "book",
        "text",
        "consent_text",
        "consent_note",
    ]
    list_display = [
        "book_label",  # replaced by a title column in the index view
        "name",
        Column("get_role_display", label=_("Role")),
        "campaign_title",
        Column("get_status_display", label=_("Status")),
        DuplicateColumn("duplicates", label=_("Duplicate")),
        DateColumn("created_at", label=_("Received")),
    ]

    @property
    def moderate_view(self):
        return ModerateView.as_view()

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("moderate/<int:pk>/", self.moderate_view, name="moderate"),
            path("note/<int:pk>/", submission_note, name="note"),
        ]


# Reports ---------------------------------------------------------------------------------


class MostRecommendedBooksView(SafeSpreadsheetMixin, ChartedReportMixin, ReportView):
    """Which books readers recommend most (the paper notices repeated recommendations),
    with loans beside them when the circulation figures are imported."""

    page_title = _("Most-recommended books")
    header_icon = "doc-full"
    columns = [
        Column("title", label=pgettext_lazy("book", "Title")),
        Column("authors", label=_("Authors")),
        Column("isbn13", label=_("ISBN")),
        BarColumn("readers", label=_("Recommendations")),
        Column("copies", label=_("Print copies")),
    ]
    index_url_name = "reading_report_books"
    index_results_url_name = "reading_report_books_results"
    list_export = ["title", "authors", "isbn13", "readers", "call_number", "copies"]
    export_headings = {
        "title": pgettext_lazy("book", "Title"),
        "authors": _("Authors"),
        "isbn13": _("ISBN"),
        "readers": _("Recommendations"),
        "call_number": _("Call number"),
        "copies": _("Print copies"),
    }
    paginate_by = 50

    def get_filename(self):
        return "most-recommended-books"

    def get_charts(self, top):
        return [
            report_charts.recommendations_by_month(),
            report_charts.top_ten(
                _("The ten most-recommended books"),
                _("Recommendations"),
                ((book.title, book.readers) for book in top),
                "top-books",
            ),
        ]

    def get_queryset(self):
        return (
            Book.objects.annotate(
                readers=Count(
                    "recommendations__translation_key",
                    filter=Q(recommendations__live=True),
                    distinct=True,
                )
            )
            .filter(readers__gt=0)
            .order_by("-readers", "title")
        )


class RecommendedThemesView(SafeSpreadsheetMixin, ChartedReportMixin, ReportView):
    """Which themes draw the most recommendations. A recommendation counts once whatever its
    translations, and a theme once whatever its languages: an English page's tag that is the
    English form of a Chinese tag (`website.core.terms.term_key`) counts under that tag."""

    page_title = _("Recommendation themes")
    header_icon = "tag"
    columns = [
        Column("name", label=_("Theme")),
        Column("name_en", label=_("In English")),
        BarColumn("recommendations", label=_("Recommendations")),
        BarColumn("book_count", label=_("Books")),
    ]
    index_url_name = "reading_report_themes"
    index_results_url_name = "reading_report_themes_results"
    list_export = ["name", "name_en", "recommendations", "book_count"]
    export_headings = {
        "name": _("Theme"),
        "name_en": _("In English"),
        "recommendations": _("Recommendations"),
        "book_count": _("Books"),
    }

    def get_filename(self):
        return "recommendation-themes"

    def get_charts(self, top):
        english = is_english()
        rows = (
            ((english and row["name_en"]) or row["name"], row["recommendations"]) for row in top
        )
        return [
            report_charts.top_ten(
                _("The ten themes most recommended"), _("Recommendations"), rows, "top-themes"
            )
        ]

    def get_queryset(self):
        return report_charts.theme_counts(RecommendationPage.objects.live())


def _check_report_permission(view):
    def wrapped(request, *args, **kwargs):
        if not can_moderate_submissions(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def report_urls():
    books = _check_report_permission(MostRecommendedBooksView.as_view())
    books_results = _check_report_permission(MostRecommendedBooksView.as_view(results_only=True))
    themes = _check_report_permission(RecommendedThemesView.as_view())
    themes_results = _check_report_permission(RecommendedThemesView.as_view(results_only=True))
    return [
        path("reports/recommended-books/", books, name="reading_report_books"),
        path(
            "reports/recommended-books/results/", books_results, name="reading_report_books_results"
        ),
        path("reports/recommendation-themes/", themes, name="reading_report_themes"),
        path(
            "reports/recommendation-themes/results/",
            themes_results,
            name="reading_report_themes_results",
        ),
    ]


recommender_viewset = RecommenderViewSet()
submission_viewset = SubmissionViewSet()
