from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem, MenuItem  # noqa: F401
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet

from . import jobs, translation_privacy
from .views import TranslationReportView
from .viewsets import TermInEnglishViewSet

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


@hooks.register("register_admin_viewset")
def register_failed_login_viewset():
    from .viewsets import failed_login_viewset

    return failed_login_viewset


@hooks.register("register_admin_viewset")
def register_held_email_viewset():
    from .viewsets import held_email_viewset

    return held_email_viewset


@hooks.register("construct_homepage_panels")
def add_undelivered_emails_panel(request, panels):
    from .dashboard import UndeliveredEmailsPanel, add_work_panels

    add_work_panels(request, panels, [UndeliveredEmailsPanel])


register_snippet(TermInEnglishViewSet)


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


@hooks.register("on_serve_page")
def restrictions_follow_translations(callback):
    """Ask a reader to pass a restriction set on a translation of the page (or of an ancestor)
    as Wagtail asks for the page's own: see website.core.privacy."""
    from django.utils.cache import add_never_cache_headers

    from wagtail.models import PageViewRestriction
    from wagtail.wagtail_hooks import require_wagtail_login

    from .privacy import view_restrictions

    def inner(page, request, serve_args, serve_kwargs):
        restrictions = view_restrictions(page)
        for restriction in restrictions:
            if restriction.accept_request(request):
                continue
            if restriction.restriction_type == PageViewRestriction.PASSWORD:
                from wagtail.forms import PasswordViewRestrictionForm

                form = PasswordViewRestrictionForm(
                    instance=restriction, initial={"return_url": request.get_full_path()}
                )
                action_url = reverse(
                    "wagtailcore_authenticate_with_password", args=[restriction.id, page.id]
                )
                response = page.serve_password_required_response(request, form, action_url)
            else:
                response = require_wagtail_login(next=request.get_full_path())
            add_never_cache_headers(response)
            return response
        response = callback(page, request, serve_args, serve_kwargs)
        if restrictions:
            add_never_cache_headers(response)
        return response

    return inner


@hooks.register("register_admin_urls")
def register_privacy_to_translations_url():
    return [
        path(
            "pages/<int:pk>/privacy-to-translations/",
            translation_privacy.PrivacyToTranslationsView.as_view(),
            name="privacy_to_translations",
        )
    ]


@hooks.register("before_edit_page")
def say_privacy_across_languages(request, page):
    translation_privacy.tell_editor(request, page)


@hooks.register("insert_global_admin_css")
def report_charts_css():
    return format_html(
        '<link rel="stylesheet" href="{}"><link rel="stylesheet" href="{}">',
        static("core/admin/charts.css"),
        static("core/admin/cjk.css"),
    )
