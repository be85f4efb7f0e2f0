"""What an app declares to expose a kind of record over OAI-PMH.

A kind is a small class in the app's `oai.py`::

    from website.oai.kinds import PageKind
    from website.oai.registry import register

    @register
    class ShelfKind(PageKind):
        name = "shelf"                 # oai:<domain>:shelf/<pk>
        set_spec = "shelves"
        set_name = _("Themed shelves")
        model = "reading.ShelfPage"

        def dublin_core(self, obj, request):
            dc = super().dublin_core(obj, request)
            dc.add("type", "Collection")
            return dc

The provider does the protocol (verbs, dates, sets, paging, tokens, deleted records); the kind
says which objects are published and consented (`get_queryset`), when each last changed
(`datestamp_field`), which sets it is in, and how it reads as Dublin Core (and MARC21).
"""

import re

from django.apps import apps
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .dublin_core import DublinCore, clean_text


class Kind:
    name = None  # the identifier segment: oai:<domain>:<name>/<pk>
    set_spec = None  # the top-level set every record of this kind is in
    set_name = None
    set_description = ""
    model = None  # "app_label.ModelName"
    datestamp_field = "updated_at"
    formats = ("oai_dc",)  # add "marc21" and implement marc21()
    dc_type = "Text"
    # Models whose changes can expose or withdraw this kind's objects, e.g. a note's
    # recommendation; `affected_by(instance)` returns the objects concerned (see tombstones).
    watched_models = ()

    def affected_by(self, instance):
        return self.get_model().objects.none()

    # -- what is exposed -------------------------------------------------------------------
    def get_model(self):
        return apps.get_model(self.model)

    def get_queryset(self):
        """Only what is published and consented. Subclasses must narrow this."""
        raise NotImplementedError

    def filter_format(self, queryset, prefix):
        """The objects that can be disseminated in `prefix` (all of them, by default)."""
        return queryset

    # -- sets ------------------------------------------------------------------------------
    def get_subsets(self):
        """[(suffix, name)] for sets below `set_spec`, such as one per campaign."""
        return []

    def filter_subset(self, queryset, suffix):
        return queryset.none()

    def get_set_specs(self, obj):
        """The sets `obj` is in. Called after `prepare()`, so it should not query."""
        return [self.set_spec]

    # -- metadata --------------------------------------------------------------------------
    def prepare(self, objects, request):
        """Load, in a fixed number of queries, what the mappings of a page of objects read."""

    def dublin_core(self, obj, request):
        raise NotImplementedError

    def marc21(self, obj, request):
        """A pymarc Record, for kinds that list "marc21" in `formats`."""
        raise NotImplementedError

    def get_datestamp(self, obj):
        return getattr(obj, self.datestamp_field)

    def __repr__(self):
        return f"<{type(self).__name__} {self.name}>"


def _language_tag(language_code):
    """BCP 47 for xml:lang and dc:language: zh-Hans, en."""
    if not language_code:
        return None
    head, _sep, tail = language_code.partition("-")
    if tail:
        return f"{head}-{tail.title()}" if len(tail) == 4 else f"{head}-{tail.upper()}"
    return head


class PageKind(Kind):
    """A kind of Wagtail page. One record per page in the site's main language (Chinese),
    carrying its translations: titles and descriptions in each language, with `xml:lang`,
    and each translation's URL as an identifier."""

    datestamp_field = "last_published_at"
    select_related = ()
    # A view restriction (password, login, groups) withdraws the page and its descendants.
    watched_models = ("wagtailcore.PageViewRestriction",)

    def affected_by(self, instance):
        covered = restricted_q(instance)
        if covered is not None:
            return self.get_model().objects.filter(covered)
        return super().affected_by(instance)

    def get_queryset(self):
        from website.core.privacy import for_readers

        model = self.get_model()
        queryset = for_readers(model.objects.all()).filter(last_published_at__isnull=False)
        queryset = queryset.filter(locale__language_code=main_language()).select_related("locale")
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        return queryset

    def prepare(self, objects, request):
        from wagtail.models import Locale

        keys = [obj.translation_key for obj in objects]
        by_key = {}
        if keys:
            # The translations are of the same model: one query loads every field the mappings
            # read (a deferred `.specific()` would fetch each field of each page on its own).
            from website.core.privacy import for_readers

            translations = (
                for_readers(self.get_model().objects.all())
                .filter(translation_key__in=keys)
                .exclude(pk__in=[obj.pk for obj in objects])
            )
            locales = {locale.pk: locale for locale in Locale.objects.all()}
            for page in translations:
                page.locale = locales[page.locale_id]
                by_key.setdefault(page.translation_key, []).append(page)
        for obj in objects:
            obj.oai_translations = by_key.get(obj.translation_key, [])

    def versions(self, obj):
        """The page and its live translations, the main language first."""
        return [obj, *getattr(obj, "oai_translations", [])]

    def page_language(self, page):
        return _language_tag(page.locale.language_code)

    def page_url(self, page, request):
        return page.get_full_url(request)

    def description(self, page):
        return page.search_description

    def dublin_core(self, obj, request):
        dc = DublinCore()
        for page in self.versions(obj):
            lang = self.page_language(page)
            dc.add("title", page.title, lang=lang)
            dc.add("description", self.description(page), lang=lang, html=True)
            dc.add("identifier", self.page_url(page, request))
            dc.add("language", lang)
        dc.add("publisher", publisher_name())
        dc.add("date", obj.first_published_at.date().isoformat() if obj.first_published_at else "")
        dc.add("type", self.dc_type)
        dc.add("format", "text/html")
        add_in_each_language(dc, "rights", rights_statement())
        return dc


def restricted_path(instance):
    """The tree path a PageViewRestriction covers, or None for any other object."""
    from wagtail.models import PageViewRestriction

    if isinstance(instance, PageViewRestriction):
        return instance.page.path
    return None


def restricted_q(instance, prefix=""):
    """For a PageViewRestriction, a Q of the pages it withdraws (through `prefix`): the
    restricted page's subtree, and its translations' when it is their original (the rule of
    website.core.privacy); None for any other object."""
    path = restricted_path(instance)
    if path is None:
        return None
    from django.db.models import Q

    from wagtail.models import Page

    group = Page.objects.filter(translation_key=instance.page.translation_key)
    paths = [path]
    if group.order_by("pk").values_list("pk", flat=True).first() == instance.page_id:
        paths = list(group.values_list("path", flat=True))
    q = Q()
    for other in paths:
        q |= Q(**{f"{prefix}path__startswith": other})
    return q


def main_language():
    """The language code of the site's main locale (Chinese), without a query."""
    from wagtail.coreutils import get_supported_content_language_variant

    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def add_in_each_language(dc, element, lazy_text):
    """Interface text (such as a rights statement) in every site language, tagged."""
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            dc.add(element, str(lazy_text), lang=_language_tag(code))


def publisher_name():
    return clean_text(getattr(settings, "OAI_PUBLISHER", "") or repository_name())


def repository_name():
    with translation.override("en"):
        return str(getattr(settings, "OAI_REPOSITORY_NAME", "") or settings.WAGTAIL_SITE_NAME)


def rights_statement():
    return getattr(
        settings,
        "OAI_RIGHTS",
        _("Metadata may be reused freely (CC0); the linked content keeps its own rights."),
    )


_SET_SAFE = re.compile(r"^[A-Za-z0-9\-_.!~*'()]+$")


def set_suffix(slug, pk, prefix="c"):
    """A setSpec part for an object: its slug when the protocol allows it (ASCII letters,
    digits and a few marks), else a stable `<prefix><pk>` (a Chinese slug is not allowed)."""
    return slug if slug and _SET_SAFE.match(slug) else f"{prefix}{pk}"


def absolute_url(path, request=None):
    """`path` on the same site address as the pages' own URLs, so that a record's links agree
    whichever host the harvester happened to call."""
    from wagtail.models import Site

    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        return site.root_url + path
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def urls_in_each_language(obj, request=None):
    """`obj.get_absolute_url()` under each language prefix, as absolute URLs."""
    urls = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            urls.append(absolute_url(obj.get_absolute_url(), request))
    return urls


def language_tag(code):
    return _language_tag(code)
