"""schema.org JSON-LD and Open Graph for pages, for search engines and chat-app link previews.

A page type describes itself by defining either method; `{% seo_head %}` (seo_tags) writes
what they return into <head>:

    def get_json_ld(self, request):   # a dict (or list of dicts) of schema.org data
        return {"@context": "https://schema.org", "@type": "Event", ...}

    def get_og(self, request):        # Open Graph overrides: title, description, image, type
        return {"image": self.cover}

    og_type = "article"                # Open Graph type, when only that differs ("website")

A page type that defines neither is a WebPage of type "website". The apps' page types build
theirs in their own `structured_data` modules (reading: recommendations, clubs, shelves,
books; guides: guides) from the helpers here, so the foundation knows no app. Personal data
is never included: a recommender only as they allowed, a club's participants never.
"""

import json

from django.conf import settings
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

SCHEMA = "https://schema.org"

# As Django's json_script: nothing in the data can close the <script> element.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(data):
    text = json.dumps(data, ensure_ascii=False, default=str).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


def plain_text(value, words=60):
    """The text of a rich-text or plain value, without tags, cut to `words`."""
    return Truncator(strip_tags(str(value or "")).strip()).words(words) if value else ""


def language_tag(page):
    """The page's language as a BCP 47 tag (zh-Hans, en)."""
    code = page.locale.language_code
    head, _sep, tail = code.partition("-")
    return f"{head}-{tail.title()}" if tail else head


def image_url(image, request, spec="fill-1200x630"):
    """An absolute URL of a rendition of a Wagtail image, or ""."""
    if not image:
        return ""
    try:
        url = image.get_rendition(spec).url
    except Exception:  # a missing or unreadable original must not break the page head
        return ""
    return request.build_absolute_uri(url) if request else url


def web_page(page, request):
    return {
        "@context": SCHEMA,
        "@type": "WebPage",
        "name": page.seo_title or page.title,
        "description": plain_text(page.search_description),
        "url": page.get_full_url(request),
        "inLanguage": language_tag(page),
    }


def json_ld(page, request):
    method = getattr(page, "get_json_ld", None)
    if callable(method):
        return method(request)
    return web_page(page, request)


def site_name():
    with translation.override(translation.get_language() or settings.LANGUAGE_CODE):
        return str(settings.WAGTAIL_SITE_NAME)


def _default_description(page):
    for name in ("search_description", "intro", "summary", "text", "introduction", "theme"):
        value = plain_text(getattr(page, name, ""), 40)
        if value:
            return value
    return ""


def _default_image(page):
    for name in ("cover", "image", "photo"):
        image = getattr(page, name, None)
        if image is not None and hasattr(image, "get_rendition"):
            return image
    book = getattr(page, "book", None)
    return getattr(book, "cover", None)


def open_graph(page, request):
    """Open Graph properties: title, description, image, url, type, locale (and alternates)."""
    og = {
        "title": page.seo_title or page.title,
        "description": _default_description(page),
        "url": page.get_full_url(request),
        "type": getattr(page, "og_type", "website"),
        "site_name": site_name(),
        "image": _default_image(page),
    }
    method = getattr(page, "get_og", None)
    if callable(method):
        og.update({k: v for k, v in (method(request) or {}).items() if v is not None})
    if og["image"] is not None and not isinstance(og["image"], str):
        og["image"] = image_url(og["image"], request)
    og["locale"] = language_tag(page).replace("-", "_")
    return og
