"""Site-wide search over every public kind: pages of the reader's language and the records
the apps declare (website/search/kinds.py), counted together and paged as one list.

Each kind is searched and counted in the backend; a page of results slices only the kinds it
shows, so the queries a request makes depend on the number of kinds, never on the number of
results or on the size of the library's catalogue.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wagtail.models import Locale, Page

from website.core.privacy import for_readers

from .cjk import query_text, text_lang
from .excerpts import excerpt
from .kinds import registry

PER_PAGE = 20
MAX_QUERY_LENGTH = 200
PAGES_KEY = "pages"


class Part:
    """One kind's results within the combined list: its hits, its count, how to show them."""

    def __init__(self, key, label, hits, count, show):
        self.key, self.label, self.hits, self.count, self.show = key, label, hits, count, show


class CombinedHits:
    """The kinds' results one after the other, as one sequence a Paginator can page.

    `count()` is the sum of the counts the backend gave; a slice takes from each kind only
    the rows that fall in it, so a page of results costs one query per kind it touches.
    """

    def __init__(self, parts):
        self.parts = [part for part in parts if part.count]

    def count(self):
        return sum(part.count for part in self.parts)

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice):
            raise TypeError("CombinedHits only supports slices")
        start, stop = key.start or 0, key.stop if key.stop is not None else self.count()
        found = []
        offset = 0
        for part in self.parts:
            low, high = max(start - offset, 0), min(stop - offset, part.count)
            if low < high:
                found.extend((part, hit) for hit in part.hits[low:high])
            offset += part.count
        return found


def _page_part(query, rewritten, type_filter):
    """Live public pages of the reader's language, with a count per page type."""
    pages = for_readers(Page.objects.all()).filter(locale=Locale.get_active())
    hits = pages.search(rewritten, operator="and", order_by_relevance=True)
    facets = []
    for ct_id, n in hits.facet("content_type_id").items():
        model = ContentType.objects.get_for_id(ct_id).model_class() if n else None
        if model is not None:
            key = model._meta.label_lower
            facets.append(
                {"key": key, "label": model._meta.verbose_name_plural, "count": n, "ct": ct_id}
            )
    chosen = next((f for f in facets if f["key"] == type_filter), None)
    if chosen is not None:
        hits = pages.filter(content_type=chosen["ct"]).search(rewritten, operator="and")
        count = chosen["count"]
    else:
        count = sum(f["count"] for f in facets)
    show = type_filter in ("", PAGES_KEY) or chosen is not None
    return Part(PAGES_KEY, "", hits, count, show), facets  # labelled by page type


def _describe_pages(pages, request):
    """Specific pages in one query per page type, then each type's describer."""
    specific = Page.objects.filter(pk__in=[page.pk for page in pages]).specific().in_bulk()
    by_type = {}
    for page in pages:
        page = specific.get(page.pk, page)
        by_type.setdefault(type(page), []).append(page)
    described = {}
    for model, group in by_type.items():
        describer = registry.describer_for(model)
        loaded = describer.load(group, request)
        for page in group:
            result = describer.describe(page, request, loaded)
            result.kind_label = model._meta.verbose_name
            result.kind_key = model._meta.label_lower.replace(".", "-")
            described[page.pk] = result
    return [described[page.pk] for page in pages if page.pk in described]


def _describe(part, objects, request):
    if part.key == PAGES_KEY:
        return _describe_pages(objects, request)
    kind = registry.get(part.key)
    results = []
    loaded = kind.load(objects)
    for obj in objects:
        result = kind.describe(obj, loaded)
        result.kind_label = kind.get_model()._meta.verbose_name
        result.kind_key = kind.key.replace(".", "-")
        results.append(result)
    return results


def _results(object_list, query, request):
    """The results of one page of the list, in its order, each with its excerpt."""
    groups = []
    language = get_language() or ""
    for part, hit in object_list:
        if not groups or groups[-1][0] is not part:
            groups.append((part, []))
        groups[-1][1].append(hit)
    shown = []
    for part, objects in groups:
        results = _describe(part, objects, request)
        for result in results:
            result.excerpt = excerpt(result.text, query)
            result.lang = result.lang or text_lang(result.title, language)
        shown.extend(results)
    return shown


def search(request):
    query = (request.GET.get("q") or "").strip()[:MAX_QUERY_LENGTH]
    type_filter = (request.GET.get("type") or "").strip()[:100]
    context = {
        "search_query": query,
        "type_filter": type_filter,
        "results_page": None,
        "results": [],
        "facets": [],
        "total": 0,
        "error": None,
    }
    rewritten = query_text(query) if query else ""
    if query and not rewritten:
        context["error"] = _("Please type a word to search for.")
    elif rewritten:
        page_part, page_facets = _page_part(query, rewritten, type_filter)
        parts = [page_part]
        for kind in registry.kinds():
            hits = kind.search(query, rewritten)
            parts.append(
                Part(kind.key, kind.label, hits, hits.count(), type_filter in ("", kind.key))
            )
        # Guide records first (a database or a tool is found by its name, as a best bet),
        # then pages, then books and notes: the registry's order, pages placed at 50.
        parts.sort(key=lambda part: _part_order(part))
        facets = [
            {"key": part.key, "label": part.label, "count": part.count}
            for part in parts
            if part.count and part.key != PAGES_KEY
        ]
        if not any(f["key"] == type_filter for f in facets + page_facets):
            type_filter = ""
            context["type_filter"] = ""
            for part in parts:
                part.show = True
        context["facets"] = _ordered_facets(parts, facets, page_facets)
        context["total"] = sum(part.count for part in parts)
        paginator = Paginator(CombinedHits([part for part in parts if part.show]), PER_PAGE)
        results_page = paginator.get_page(request.GET.get("page"))
        context["results_page"] = results_page
        context["results"] = _results(results_page.object_list, query, request)
    return TemplateResponse(request, "search/search.html", context)


def _part_order(part):
    if part.key == PAGES_KEY:
        return (50, "")
    return (registry.get(part.key).order, part.key)


def _ordered_facets(parts, facets, page_facets):
    """The type links in the order the results come, page types where the pages are."""
    ordered = []
    by_key = {f["key"]: f for f in facets}
    for part in parts:
        if part.key == PAGES_KEY:
            ordered.extend(sorted(page_facets, key=lambda f: -f["count"]))
        elif part.key in by_key:
            ordered.append(by_key[part.key])
    return ordered
