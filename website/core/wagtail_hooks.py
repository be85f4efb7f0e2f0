from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem, MenuItem  # noqa: F401
from wagtail.permission_policies.pages import PagePermissionPolicy

from .views import TranslationReportView

page_permission_policy = PagePermissionPolicy()


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


class TranslationReportMenuItem(MenuItem):
    """Shown to those the report lets in: anyone who may add, change or publish a page."""

    def is_shown(self, request):
        return page_permission_policy.user_has_any_permission(
            request.user, TranslationReportView.any_permission_required
        )


@hooks.register("register_reports_menu_item")
def register_translation_report_menu_item():
    return TranslationReportMenuItem(
        _("Translations"),
        reverse("translation_report"),
        name="translations",
        icon_name="globe",
        order=650,
    )
