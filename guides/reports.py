"""Admin reports: usage figures of a period, guides due for review, broken links."""

from datetime import timedelta

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import AdminDateInput
from wagtail.admin.widgets.button import HeaderButton

from guides import linkcheck, tasks, usage_figures
from guides.models import GuidePage, LinkCheck
from website.core import jobs
from website.core.spreadsheets import SafeSpreadsheetMixin

CSV_TABLES = ("views", "resources", "guide-clicks", "daily")
# The guides' own figures (their resource clicks): subject librarians', not every role that
# reads the views of all public pages (core.view_viewcount, Reports → Views).
GUIDE_FIGURES = "guides.view_resourceclick"


LINK_FIGURES = "guides.view_linkcheck"


def can_see_broken_links(user):
    """The broken-links report and its "check now": every link a reader can click is checked
    (guides, books' e-books, vlogs, column articles, club meetings), so subject and outreach
    librarians both fix what it finds."""
    return user.is_active and user.has_perm(LINK_FIGURES)


def _can_see_reports(user):
    """The guides' figures, review dates and link checks are for those who keep the guides
    (subject librarians: reading/roles.py, guides/roles.py), not everyone who enters the admin."""
    return user.is_active and user.has_perm(GUIDE_FIGURES)


def guides_due_for_review():
    """Published guides whose review date has passed (the report and the dashboard)."""
    return GuidePage.objects.live().filter(review_by__lt=timezone.localdate())


def broken_links():
    """Links whose last check failed (the report and the dashboard)."""
    return LinkCheck.objects.filter(ok=False)


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), required=False, widget=AdminDateInput)
    end = forms.DateField(
        label=pgettext_lazy("date range", "To"), required=False, widget=AdminDateInput
    )

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        end = data.get("end") or today
        start = data.get("start") or end - timedelta(days=29)
        if start > end:
            raise forms.ValidationError(_("The start of the period is after its end."))
        if (end - start).days > usage_figures.MAX_DAYS:
            raise forms.ValidationError(_("Choose a period of at most three years."))
        data["start"], data["end"] = start, end
        return data


class UsageReportView(WagtailAdminTemplateMixin, TemplateView):
    """Views per guide, clicks per resource and per guide, for a chosen period."""

    template_name = "guides/admin/usage_report.html"
    page_title = _("Guide usage")
    header_icon = "view"

    def dispatch(self, request, *args, **kwargs):
        if not _can_see_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get(self, request, *args, **kwargs):
        # Both dates are optional: an empty form means the last 30 days.
        form = PeriodForm(request.GET)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form, figures=None))
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        figures = usage_figures.collect(start, end)
        table = request.GET.get("download")
        if table in CSV_TABLES:
            return usage_figures.csv_response(figures, table)
        return self.render_to_response(
            self.get_context_data(
                form=form,
                figures=figures,
                chart=usage_figures.chart(figures),
                period_query=f"start={start.isoformat()}&end={end.isoformat()}",
            )
        )


def _edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


class ReviewDueReportView(SafeSpreadsheetMixin, ReportView):
    """Published guides whose review date has passed, oldest first."""

    page_title = _("Guides due for review")
    header_icon = "time"
    index_url_name = "guides_reports:review_due"
    index_results_url_name = "guides_reports:review_due_results"
    paginate_by = 50
    columns = [
        TitleColumn("title", label=_("Guide"), get_url=_edit_url),
        Column("locale", label=_("Language"), accessor="locale.language_code"),
        Column("owner_names", label=_("Owners")),
        DateColumn("review_by", label=_("Review by")),
    ]
    list_export = ["title", "locale.language_code", "owner_names", "review_by"]
    export_headings = {
        "locale.language_code": _("Language"),
        "owner_names": _("Owners"),
        "review_by": _("Review by"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not _can_see_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return (
            guides_due_for_review()
            .select_related("locale")
            .prefetch_related("owners")
            .order_by("review_by", "title")
        )

    def decorate_paginated_queryset(self, object_list):
        for guide in object_list:
            guide.owner_names = ", ".join(str(owner) for owner in guide.owners.all())
        return object_list

    def to_row_dict(self, item):
        item.owner_names = ", ".join(str(owner) for owner in item.owners.all())
        return super().to_row_dict(item)


class GuidesColumn(Column):
    """The guides a link appears in, each linked to its edit view."""

    cell_template_name = "guides/admin/guides_cell.html"

    def get_value(self, instance):
        return [(page, _edit_url(page)) for page in instance.pages.all()]


class PlacesColumn(Column):
    """Where a link was found, each place (a book, a recommendation, a column article, a club,
    a resource) linked to its edit view when the user may edit it."""

    cell_template_name = "guides/admin/places_cell.html"


class LinkCheckView(WagtailAdminTemplateMixin, TemplateView):
    """Check every link now, in the background: the page follows the check's progress."""

    template_name = "guides/admin/link_check.html"
    page_title = _("Check the links now")
    header_icon = "link"

    def dispatch(self, request, *args, **kwargs):
        if not can_see_broken_links(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("guides_reports:broken_links"), "label": _("Broken links")},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        job = jobs.latest(tasks.LINK_CHECK_JOB, self.request.user)
        context.update(
            job=job,
            state=jobs.describe(job) if job else None,
            result_link_label=_("See the broken links"),
        )
        return context

    def post(self, request, *args, **kwargs):
        job = jobs.latest(tasks.LINK_CHECK_JOB, request.user)
        if job is None or job.finished:
            jobs.start(tasks.LINK_CHECK_JOB, request.user, tasks.check_links_for)
        return redirect("guides_reports:link_check")


class BrokenLinksReportView(SafeSpreadsheetMixin, ReportView):
    """Links whose last check failed, with the guides they appear in and the books and pages
    that show them."""

    def get_header_more_buttons(self):
        return [
            *super().get_header_more_buttons(),
            HeaderButton(
                _("Check the links now"),
                url=reverse("guides_reports:link_check"),
                icon_name="link",
            ),
        ]

    page_title = _("Broken links")
    header_icon = "warning"
    index_url_name = "guides_reports:broken_links"
    index_results_url_name = "guides_reports:broken_links_results"
    paginate_by = 50
    columns = [
        Column("url", label=_("Address")),
        Column("result", label=_("Result")),
        GuidesColumn("guide_titles", label=_("Guides")),
        PlacesColumn("place_links", label=_("Where to fix")),
        Column("source_names", label=_("Found in")),
        DateColumn("checked_at", label=_("Checked")),
    ]
    list_export = ["url", "result", "guide_titles", "place_names", "source_names", "checked_at"]
    export_headings = {
        "url": _("Address"),
        "result": _("Result"),
        "guide_titles": _("Guides"),
        "place_names": _("Where to fix"),
        "source_names": _("Found in"),
        "checked_at": _("Checked"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not can_see_broken_links(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return (
            broken_links()
            .prefetch_related("pages__locale", "places__content_type", "places__content_object")
            .order_by("url")
        )

    def _describe(self, check):
        check.guide_titles = "; ".join(
            f"{page.title} [{page.locale.language_code}]" for page in check.pages.all()
        )
        finder = self.__dict__.setdefault("_url_finder", AdminURLFinder(self.request.user))
        check.place_links = [
            (
                place,
                finder.get_edit_url(place.content_object)
                if place.content_object is not None
                else None,
            )
            for place in check.places.all()
        ]
        check.place_names = "; ".join(str(place) for place in check.places.all())
        check.source_names = "\n".join(
            linkcheck.source_label(source) for source in check.sources.splitlines() if source
        )
        return check

    def decorate_paginated_queryset(self, object_list):
        return [self._describe(check) for check in object_list]

    def to_row_dict(self, item):
        return super().to_row_dict(self._describe(item))
