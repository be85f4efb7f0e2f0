"""Template tags for the base layout: the language switcher, the menu, the site's name, its
stylesheets and the view beacon."""

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse, translate_url
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language

from wagtail.models import Locale, Page, Site

from website.core import counting, structured_data

register = template.Library()


def _page_in_language(page, locale):
    """The page itself in `locale`, else its nearest translated live ancestor."""
    for candidate in [page, *reversed(page.get_ancestors().filter(depth__gt=1))]:
        translation = candidate.get_translation_or_none(locale)
        if translation is not None and translation.live:
            return translation
    return None


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    request = context.get("request")
    page = context.get("page")
    current = get_language()
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    links = []
    for code, name in settings.LANGUAGES:
        url = None
        if isinstance(page, Page) and code in locales:
            target = _page_in_language(page, locales[code])
            if target is not None:
                url = target.get_url(request)
        if url is None and request is not None:
            url = translate_url(request.get_full_path(), code)
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return {"links": links}


@register.inclusion_tag("includes/nav.html", takes_context=True)
def main_menu(context):
    """The home page of the reader's language and its children marked "show in menus"."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return {"home": None, "items": []}
    home = site.root_page.localized
    items = home.get_children().live().in_menu().only("id", "title", "url_path", "locale_id")
    return {"home": home, "items": items, "request": request, "current": context.get("page")}


@register.simple_tag
def site_name():
    """The site's one name in the reader's language, as the header, titles and feeds show it."""
    return structured_data.site_name()


@register.simple_tag
def site_stylesheets():
    """Every public page links the same stylesheets (settings.SITE_STYLESHEETS), so a book card
    or a holdings table looks the same wherever an app's template puts it."""
    return format_html_join(
        "\n  ",
        '<link rel="stylesheet" href="{}">',
        ((static(p),) for p in settings.SITE_STYLESHEETS),
    )


@register.simple_tag(takes_context=True)
def view_beacon(context):
    """The 1×1 image that counts a view of the page's object (website/core/counting.py): the
    view's `counted` object (a book, a note) or the Wagtail page served itself, when its kind
    is counted. A form or a private page about a page (a campaign's recommendation form, a
    club's sign-up) names it `page` too, but is not served by it (no `self`), and counts
    nothing; nor does a preview, so an editor's preview carries no beacon."""
    request = context.get("request")
    if request is None or getattr(request, "is_preview", False):
        return ""
    obj = context.get("counted")
    if obj is None and context.get("page") is not None and context.get("self") is context["page"]:
        obj = context["page"]
    kind = counting.kind_of(obj)
    if kind is None:
        return ""
    src = reverse("view_beacon", args=[kind.key, obj.pk])
    return format_html('<img class="beacon" src="{}" alt="" width="1" height="1">', src)
