"""Which pages a reader may see: the one rule the site, its listings, search, the API, the
sitemap, the feeds, JSON-LD and OAI-PMH all ask.

Wagtail's own `public()` honours a view restriction (password, login, groups) on a page and
its descendants. A translation is the same content in another language, so a restriction on
a page's original (the first page of its translation group, the one the others were
translated from) applies to every translation and their descendants: a page made private in
Chinese does not stay readable in English. A restriction on a translation covers that
translation alone, so that an unfinished English version can be kept private while the
original stays public.
"""

from django.db.models import Min, Q

from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet


def originals_of(keys):
    """{translation_key: pk of the group's original} (the lowest id, as in reading.seats)."""
    rows = (
        Page.objects.filter(translation_key__in=keys)
        .order_by()  # the default order (path) would split every group
        .values("translation_key")
        .annotate(first=Min("pk"))
    )
    return {row["translation_key"]: row["first"] for row in rows}


def private_roots():
    """The paths below which nothing is public: every restricted page, and every translation
    of a restricted original."""
    restricted = list(
        PageViewRestriction.objects.values_list("page_id", "page__translation_key", "page__path")
    )
    if not restricted:
        return []
    originals = originals_of({key for _pk, key, _path in restricted})
    keys = {key for pk, key, _path in restricted if originals.get(key) == pk}
    paths = {path for _pk, _key, path in restricted}
    paths.update(Page.objects.filter(translation_key__in=keys).values_list("path", flat=True))
    return sorted(paths)


def private_q(prefix=""):
    """A Q matching the pages (through `prefix`, e.g. "recommendation__") that are private."""
    q = Q()
    for path in private_roots():
        q |= Q(**{f"{prefix}path__startswith": path})
    return q if q else Q(pk__in=[])


def for_readers(queryset):
    """Live pages that no restriction covers (see the module docstring)."""
    return queryset.live().exclude(private_q())


def view_restrictions(page):
    """Every restriction that applies to `page`: on it or an ancestor (as Wagtail has it), or
    on the original of one of their translation groups. The serve hook asks a reader to pass
    these, as Wagtail does for the page's own."""
    ancestors = list(
        Page.objects.ancestor_of(page, inclusive=True).values_list("pk", "translation_key")
    )
    own = {pk for pk, _key in ancestors}
    keys = {key for _pk, key in ancestors}
    restrictions = list(
        PageViewRestriction.objects.filter(page__translation_key__in=keys).select_related("page")
    )
    if not restrictions:
        return []
    originals = originals_of(keys)
    return [
        r
        for r in restrictions
        if r.page_id in own or originals.get(r.page.translation_key) == r.page_id
    ]


class ReaderPageQuerySet(PageQuerySet):
    def for_readers(self):
        """What a reader may see of these pages (see the module docstring)."""
        return for_readers(self)


class ReaderPageManager(PageManager.from_queryset(ReaderPageQuerySet)):
    """The manager of every page type readers see: `Model.objects.for_readers()`."""
