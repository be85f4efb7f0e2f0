"""Which pages a reader may see: the one rule the site, its listings, search, the API, the
sitemap, the feeds, JSON-LD and OAI-PMH all ask.

Wagtail's own `public()` honours a view restriction (password, login, groups) on a page and
its descendants. A translation is the same content in another language, so a restriction on a
page applies to its translations too (and to theirs descendants): a page made private in
Chinese must not stay readable in English, and the other way round. Librarians restrict one
language; the rule carries it to every other.
"""

from django.db.models import Q

from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet


def private_roots():
    """The paths below which nothing is public: every restricted page and its translations."""
    keys = PageViewRestriction.objects.values("page__translation_key")
    return list(Page.objects.filter(translation_key__in=keys).values_list("path", flat=True))


def private_q(prefix=""):
    """A Q matching the pages (through `prefix`, e.g. "recommendation__") that are private."""
    q = Q()
    for path in private_roots():
        q |= Q(**{f"{prefix}path__startswith": path})
    return q if q else Q(pk__in=[])


def for_readers(queryset):
    """Live pages that no restriction covers, in any of their languages."""
    return queryset.live().exclude(private_q())


def is_readable(page):
    """The same rule for one page (one query for the restrictions)."""
    return page.live and not view_restrictions(page).exists()


def view_restrictions(page):
    """Every restriction that applies to `page`: on it or an ancestor, or on a translation of
    either. The serve hook asks a reader to pass these, as Wagtail does for a page's own."""
    ancestors = Page.objects.ancestor_of(page, inclusive=True)
    return PageViewRestriction.objects.filter(
        page__translation_key__in=ancestors.values("translation_key")
    ).select_related("page")


class ReaderPageQuerySet(PageQuerySet):
    def for_readers(self):
        """What a reader may see of these pages (see the module docstring)."""
        return for_readers(self)


class ReaderPageManager(PageManager.from_queryset(ReaderPageQuerySet)):
    """The manager of every page type readers see: `Model.objects.for_readers()`."""
