"""Site-wide search over every published page of the reader's language, grouped by type."""

from collections import OrderedDict

from django.apps import apps
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from wagtail.models import Locale, Page

from website.core.privacy import for_readers

from .cjk import query_text

PER_PAGE = 20
MAX_QUERY_LENGTH = 200


def _type_key(page):
    model = page.specific_class or Page
    return f"{model._meta.app_label}.{model._meta.model_name}"


def _type_counts(hits):
    """Facets for the result types, in the order of their best hit."""
    counts = OrderedDict()
    for hit in hits:
        key = _type_key(hit)
        if key not in counts:
            model = hit.specific_class or Page
            counts[key] = {"model": key, "label": model._meta.verbose_name_plural, "count": 0}
        counts[key]["count"] += 1
    return list(counts.values())


def _archive_notes(rewritten):
    """Handwritten notes whose recommenders agreed to show them: not pages, so their own group.

    Looked up by name: the site-wide search must not import the reading app.
    """
    try:
        model = apps.get_model("reading", "ArchiveItem")
    except LookupError:
        return []
    return model.objects.search_public(rewritten, PER_PAGE)


def search(request):
    query = (request.GET.get("q") or "").strip()[:MAX_QUERY_LENGTH]
    type_filter = (request.GET.get("type") or "").strip()
    results_page = None
    groups = []
    error = None
    archive_notes = []

    if query:
        pages = for_readers(Page.objects.all()).filter(locale=Locale.get_active())
        rewritten = query_text(query)
        if not rewritten:
            error = _("Please type a word to search for.")
        else:
            hits = list(pages.search(rewritten, operator="and"))
            archive_notes = _archive_notes(rewritten)
            groups = _type_counts(hits)
            if type_filter:
                hits = [hit for hit in hits if _type_key(hit) == type_filter]
            paginator = Paginator(hits, PER_PAGE)
            try:
                results_page = paginator.page(request.GET.get("page") or 1)
            except (PageNotAnInteger, EmptyPage):
                results_page = paginator.page(1)
            specific = {
                page.pk: page
                for page in Page.objects.filter(
                    pk__in=[hit.pk for hit in results_page.object_list]
                ).specific()
            }
            results_page.object_list = [specific.get(hit.pk, hit) for hit in results_page]

    grouped = OrderedDict()
    if results_page is not None:
        for page in results_page.object_list:
            grouped.setdefault(page._meta.verbose_name_plural, []).append(page)

    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": query,
            "type_filter": type_filter,
            "results_page": results_page,
            "grouped_results": grouped,
            "groups": groups,
            "error": error,
            "archive_notes": archive_notes,
        },
    )
