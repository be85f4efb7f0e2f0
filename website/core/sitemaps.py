"""A sitemap of every published page in every language, each entry naming its translations.

Wagtail's own sitemap walks the default site's root only, which holds the Chinese tree; the
English tree is a sibling of it. This one covers the site root and its translations, and adds
`<xhtml:link rel="alternate" hreflang>` between translations (Django's sitemap template
writes `alternates`), computed for a whole sitemap page in one query.

Pages keep overriding `get_sitemap_urls()` as Wagtail documents (e.g. a routable page adding
its sub-URLs); alternates are added to the entry whose location is the page's own URL.
"""

from django.conf import settings

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from .privacy import for_readers


def hreflang(language_code):
    head, _sep, tail = language_code.partition("-")
    return f"{head}-{tail.title()}" if tail else head


class TranslatedSitemap(Sitemap):
    i18n = False  # the pages carry their own language; Django must not multiply them

    def items(self):
        site = self.get_wagtail_site()
        roots = site.root_page.get_translations(inclusive=True)
        queryset = Page.objects.none()
        for root in roots:
            queryset |= Page.objects.descendant_of(root, inclusive=True)
        return (
            for_readers(queryset)
            .select_related("locale")
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        keys = {p.translation_key for p in pages}
        siblings = {}
        for other in (
            for_readers(Page.objects.filter(translation_key__in=keys))
            .select_related("locale")
            .order_by("locale__language_code")
        ):
            siblings.setdefault(other.translation_key, []).append(other)
        urls, last_mods = [], set()
        default_language = settings.LANGUAGE_CODE
        for item in pages:
            versions = siblings.get(item.translation_key, [])
            alternates = []
            if len(versions) > 1:
                for version in versions:
                    location = version.get_full_url(self.request)
                    if not location:
                        continue
                    language = version.locale.language_code
                    alternates.append({"lang_code": hreflang(language), "location": location})
                    if language == default_language:
                        alternates.append({"lang_code": "x-default", "location": location})
            own = item.get_full_url(self.request)
            for info in item.get_sitemap_urls(self.request):
                if alternates and info.get("location") == own:
                    info = {**info, "alternates": alternates}
                urls.append(info)
                last_mods.add(info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
