"""Registers the reading admin viewsets and menu items (defined in viewsets.py)."""

from wagtail import hooks  # noqa: F401
from wagtail.snippets.models import register_snippet

from reading.viewsets.books import BookViewSet

register_snippet(BookViewSet)


# Recommendation campaigns: recommenders, the moderation queue and the reports.
from django.urls import reverse as _reverse  # noqa: E402
from django.utils.translation import gettext_lazy as _  # noqa: E402

from wagtail.admin.menu import MenuItem  # noqa: E402

from reading.permissions import can_moderate_submissions  # noqa: E402
from reading.viewsets import campaigns as campaign_viewsets  # noqa: E402

register_snippet(campaign_viewsets.recommender_viewset)


@hooks.register("register_admin_viewset")
def register_submission_viewset():
    return campaign_viewsets.submission_viewset


@hooks.register("register_admin_urls")
def register_campaign_report_urls():
    return campaign_viewsets.report_urls()


class _CampaignReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_moderate_submissions(request.user)


@hooks.register("register_reports_menu_item")
def register_recommended_books_report():
    return _CampaignReportMenuItem(
        _("Most-recommended books"),
        _reverse("reading_report_books"),
        icon_name="doc-full",
        order=710,
    )


@hooks.register("register_reports_menu_item")
def register_recommendation_themes_report():
    return _CampaignReportMenuItem(
        _("Recommendation themes"), _reverse("reading_report_themes"), icon_name="tag", order=711
    )


# Reading clubs: the teachers' profiles, and "My reading clubs" for teachers and librarians.
from reading.viewsets import club_reports  # noqa: E402
from reading.viewsets import clubs as club_viewsets  # noqa: E402

hooks.register("register_admin_urls", club_reports.urls)
hooks.register("register_reports_menu_item", club_reports.menu_item)

register_snippet(club_viewsets.ClubLeaderViewSet)


@hooks.register("register_admin_viewset")
def register_my_clubs_viewset():
    return club_viewsets.my_clubs_viewset


hooks.register("register_page_header_buttons", club_viewsets.page_header_buttons)


# The handwritten-note archive: list, upload, correction beside the scan, OCR retry.
from reading.viewsets.archive import archive_viewset  # noqa: E402


@hooks.register("register_admin_viewset")
def register_archive_viewset():
    return archive_viewset


# The admin's own script and styles: the queue's badge, the archive's live OCR states,
# uploads with progress, the zoomable scan.
from django.templatetags.static import static as _static  # noqa: E402
from django.utils.html import format_html as _format_html  # noqa: E402


@hooks.register("insert_global_admin_css")
def reading_admin_css():
    return _format_html('<link rel="stylesheet" href="{}">', _static("reading/admin/admin.css"))


@hooks.register("insert_global_admin_js")
def reading_admin_js():
    return _format_html('<script src="{}" defer></script>', _static("reading/admin/archive.js"))


# The dashboard: how much work waits, for those who may do it.
from reading.dashboard import PANELS as _DASHBOARD_PANELS  # noqa: E402
from website.core.dashboard import add_work_panels  # noqa: E402


@hooks.register("construct_homepage_panels")
def add_reading_work_panels(request, panels):
    add_work_panels(request, panels, _DASHBOARD_PANELS)


from reading.viewsets.suggestions import purchase_suggestion_viewset  # noqa: E402


@hooks.register("register_admin_viewset")
def register_purchase_suggestion_viewset():
    return purchase_suggestion_viewset


from reading.viewsets import loan_effects as loan_effect_views  # noqa: E402

hooks.register("register_admin_urls", loan_effect_views.urls)
hooks.register("register_reports_menu_item", loan_effect_views.menu_item)

from reading.viewsets import campaign_dashboard as campaign_dashboard_views  # noqa: E402

hooks.register("register_admin_urls", campaign_dashboard_views.urls)
hooks.register("register_reports_menu_item", campaign_dashboard_views.menu_item)

# The Views report: readers' views of every public kind and the shelves' QR scans.
from reading.viewsets import view_reports  # noqa: E402

hooks.register("register_admin_urls", view_reports.urls)
hooks.register("register_reports_menu_item", view_reports.menu_item)
