"""Counting readers' views of public pages without knowing who the reader is.

Public pages are served from the page cache (website/core/cache.py), so a page's own view
does not run for most readers. Every counted page therefore carries a 1×1 image, the beacon
(`{% view_beacon %}` in base.html), whose address names the kind and the id of what is shown;
the beacon's view (`website.core.views.view_beacon`) counts it. Only the day, the kind, the id
and the source (the page, or a shelf label's QR code) are stored (`ViewCount`).

The foundation names no app: each app declares the kinds it wants counted in its own
`counted.py` (found at start-up like `oai.py` and `search_kinds.py`)::

    from website.core.counting import CountedKind, register

    register(CountedKind(
        key="shelf",
        model="reading.ShelfPage",
        label=_("Shelf"),
        public=lambda: ShelfPage.objects.for_readers(),   # the app's own "what is public"
    ))

`public` is the app's one rule for what a reader may see; a beacon naming anything outside it
(a draft, a private page, a note without consent, an id that does not exist) counts nothing,
and answers exactly as for a counted view, so the beacon tells nobody what exists.

Requests from crawlers, link checkers, monitors and browsers prefetching a link are not
counted: they are not readers.
"""

import re
from dataclasses import dataclass

from django.apps import apps
from django.utils import timezone

BOT_USER_AGENT = re.compile(
    r"bot|crawl|spider|slurp|archiver|curl|wget|python-|httpclient|http-client|okhttp|"
    r"go-http|java/|libwww|scrapy|headless|phantomjs|lighthouse|pingdom|uptime|monitor|"
    r"check|preview|facebookexternalhit|embedly|feedfetcher|yandex|baiduspider|"
    r"bytespider|sogou|360spider|petalbot|semrush|ahrefs",
    re.IGNORECASE,
)


def is_bot(request):
    """True for requests that are not a person reading: no or a robot's User-Agent, prefetch."""
    agent = request.headers.get("User-Agent", "").strip()
    if not agent or BOT_USER_AGENT.search(agent):
        return True
    purpose = (request.headers.get("Sec-Purpose") or request.headers.get("Purpose") or "").lower()
    return "prefetch" in purpose or "prerender" in purpose


def is_reader(request):
    """A person's GET: not a HEAD (a link checker's), not a robot, not a prefetch."""
    return request.method == "GET" and not is_bot(request)


def today():
    return timezone.localdate()


@dataclass(frozen=True)
class CountedKind:
    """A kind of public object whose views are counted."""

    key: str  # in the beacon's address and the stored rows: never change it
    model: str  # "app_label.ModelName"; a page type counts its pages of that type only
    label: object  # a lazy, translated name ("Shelf", "书架")
    public: object  # callable() -> queryset of the objects a reader may see
    order: int = 50  # where the kind stands in the report
    describe: object = None  # callable(obj) -> the name the report shows, if not its title

    def get_model(self):
        return apps.get_model(self.model)

    def url(self, obj):
        """The object's public address, for the report's links."""
        get_url = getattr(obj, "get_url", None)
        return get_url() if get_url else obj.get_absolute_url()

    def title(self, obj):
        if self.describe is not None:
            return self.describe(obj)
        return getattr(obj, "title", None) or str(obj)


KINDS = {}


def register(kind):
    KINDS[kind.key] = kind
    return kind


def kinds():
    """The counted kinds in the report's order."""
    return sorted(KINDS.values(), key=lambda kind: (kind.order, kind.key))


def kind_of(obj):
    """The counted kind of `obj` (a page of a counted type, a record), or None."""
    if obj is None:
        return None
    model = getattr(obj, "specific_class", None) or type(obj)
    label = model._meta.label_lower
    for kind in KINDS.values():
        if kind.model.lower() == label:
            return kind
    return None


def count(key, object_id, source="page"):
    """Count one view of the object `key`/`object_id` if it is public; True if counted."""
    from website.core.models import ViewCount

    kind = KINDS.get(key)
    if kind is None or not kind.public().filter(pk=object_id).exists():
        return False
    ViewCount.count(kind.key, object_id, today(), source)
    return True


def objects(pairs):
    """{(key, object_id): object} for the (kind, id) pairs, one query per kind, whether or
    not the objects are still public (the report names what was viewed)."""
    wanted = {}
    for key, object_id in pairs:
        if key in KINDS:
            wanted.setdefault(key, set()).add(object_id)
    found = {}
    for key, ids in wanted.items():
        model = KINDS[key].get_model()
        queryset = model.objects.filter(pk__in=ids)
        if hasattr(model, "get_url_parts"):  # a page: its URL needs its site and locale
            queryset = queryset.select_related("locale")
        for obj in queryset:
            found[(key, obj.pk)] = obj
    return found
