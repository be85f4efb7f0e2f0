"""Plain views that are not pages."""

import base64
import logging

from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from wagtail.admin.views.reports import PageReportView
from wagtail.models import Page

from . import counting
from .resilience import body_limit, too_large
from .spreadsheets import SafeSpreadsheetMixin
from .translations import translation_statuses

logger = logging.getLogger(__name__)

# A transparent 1×1 GIF.
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


@never_cache
@require_safe
def view_beacon(request, kind, pk):
    """Count one view of a public page (website/core/counting.py says why it is an image).

    The answer is the same image whether the view was counted or not (a robot, a draft, an
    unknown id), so the beacon cannot be used to learn what exists. `never_cache` makes every
    view reach the server; the counted page itself stays in the page cache.
    """
    if counting.is_reader(request):
        counting.count(kind, pk)
    response = HttpResponse(PIXEL, content_type="image/gif")
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
def healthz(request):
    """Answer 200 while the database answers, 503 otherwise, for load balancers and probes."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        logger.warning("health check: database unavailable: %s", exc)
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def request_too_large(request):
    """The web server's 413 (deploy/nginx.conf: `error_page 413`), answered by the site in the
    reader's language with the limit of the address that was refused, instead of nginx's English
    page. The web server passes the refused request's address and announced size."""
    original = request.headers.get("X-Original-URI", "/").split("?", 1)[0]
    try:
        length = int(request.headers.get("X-Original-Content-Length") or "")
    except ValueError:
        length = None
    language = translation.get_language_from_path(original)
    with translation.override(language or translation.get_language()):
        return too_large(length, body_limit(original))


class TranslationReportView(SafeSpreadsheetMixin, PageReportView):
    """Admin report: pages missing a translation or whose translation is older than the source."""

    page_title = _("Translations")
    header_icon = "globe"
    index_url_name = "translation_report"
    index_results_url_name = "translation_report_results"
    results_template_name = "core/translation_report_results.html"
    any_permission_required = ["add", "change", "publish"]
    list_export = ["title", "url_path", "missing_languages", "outdated_languages"]
    export_headings = {
        "missing_languages": _("Missing translations"),
        "outdated_languages": _("Outdated translations"),
    }

    def get_queryset(self):
        self.statuses = {status.source.pk: status for status in translation_statuses()}
        return Page.objects.filter(pk__in=self.statuses).order_by("path")

    def decorate_paginated_queryset(self, object_list):
        for page in object_list:
            status = self.statuses[page.pk]
            page.missing_languages = ", ".join(loc.get_display_name() for loc in status.missing)
            page.outdated_languages = ", ".join(loc.get_display_name() for loc in status.outdated)
        return object_list


def _error_page(request, template_name, status):
    """The site's own layout in the reader's language; if the layout itself cannot be drawn
    (a forged Host header breaks everything that builds a URL), a bilingual page that needs
    nothing."""
    try:
        return render(request, template_name, status=status)
    except Exception:
        logger.warning("error page %s drawn without the layout", status, exc_info=True)
        return HttpResponse(render_to_string("error_plain.html", {"status": status}), status=status)


def bad_request(request, exception=None):
    return _error_page(request, "400.html", 400)


def csrf_failure(request, reason=""):
    """Django's own page speaks English and advises DEBUG=True; a reader needs to know that
    the form expired and what to do about it."""
    logger.info("csrf failure: %s", reason)
    return _error_page(request, "403_csrf.html", 403)
