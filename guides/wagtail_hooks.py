"""Registers the guides admin viewsets and menu items (defined in viewsets.py)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from guides import dashboard, reports
from guides.viewsets import GuideRecordsGroup
from website.core.dashboard import add_work_panels

register_snippet(GuideRecordsGroup)

_report_urls = [
    path("usage/", reports.UsageReportView.as_view(), name="usage"),
    path("review-due/", reports.ReviewDueReportView.as_view(), name="review_due"),
    path(
        "review-due/results/",
        reports.ReviewDueReportView.as_view(results_only=True),
        name="review_due_results",
    ),
    path("broken-links/", reports.BrokenLinksReportView.as_view(), name="broken_links"),
    path("broken-links/check/", reports.LinkCheckView.as_view(), name="link_check"),
    path(
        "broken-links/results/",
        reports.BrokenLinksReportView.as_view(results_only=True),
        name="broken_links_results",
    ),
]


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("guides/reports/", include((_report_urls, "guides_reports")))]


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return reports._can_see_reports(request.user)


@hooks.register("register_reports_menu_item")
def register_usage_report():
    return ReportMenuItem(
        _("Guide usage"), reverse("guides_reports:usage"), icon_name="view", order=800
    )


@hooks.register("register_reports_menu_item")
def register_review_report():
    return ReportMenuItem(
        _("Guides due for review"),
        reverse("guides_reports:review_due"),
        icon_name="time",
        order=810,
    )


class BrokenLinksMenuItem(MenuItem):
    def is_shown(self, request):
        return reports.can_see_broken_links(request.user)


@hooks.register("register_reports_menu_item")
def register_broken_links_report():
    return BrokenLinksMenuItem(
        _("Broken links"), reverse("guides_reports:broken_links"), icon_name="warning", order=820
    )


@hooks.register("construct_homepage_panels")
def add_guide_work_panels(request, panels):
    add_work_panels(request, panels, dashboard.PANELS)
