from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem, MenuItem  # noqa: F401

from . import jobs
from .views import TranslationReportView


@hooks.register("register_admin_urls")
def register_translation_report_urls():
    return [
        path("reports/translations/", TranslationReportView.as_view(), name="translation_report"),
        path(
            "reports/translations/results/",
            TranslationReportView.as_view(results_only=True),
            name="translation_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_translation_report_menu_item():
    return MenuItem(
        _("Translations"),
        reverse("translation_report"),
        name="translations",
        icon_name="globe",
        order=650,
    )


@hooks.register("register_admin_viewset")
def register_failed_login_viewset():
    from .viewsets import failed_login_viewset

    return failed_login_viewset
@hooks.register("insert_global_admin_js")
def admin_scripts():
    """The filter button's name with its visible count; long jobs that follow their state."""
    return format_html(
        '<script src="{}" defer></script><script src="{}" defer></script>',
        static("js/admin/filter-count.js"),
        static("js/admin/jobs.js"),
    )


@hooks.register("register_admin_urls")
def register_background_job_urls():
    return jobs.urlpatterns
