from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem, MenuItem  # noqa: F401

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


@hooks.register("insert_global_admin_js")
def filter_count_in_the_buttons_name():
    return format_html('<script src="{}" defer></script>', static("js/admin/filter-count.js"))
