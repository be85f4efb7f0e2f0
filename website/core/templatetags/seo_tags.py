"""`{% seo_head %}`: canonical and hreflang links, Open Graph, JSON-LD and feed links.

base.html calls it in <head>; page types customise it through `get_json_ld(request)` and
`get_og(request)` (see website/core/structured_data.py)."""

import json

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe

from website import feeds
from website.core import structured_data
from website.core.sitemaps import hreflang

register = template.Library()

# As Django's json_script: nothing in the data can close the <script> element.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(data):
    text = json.dumps(data, ensure_ascii=False, default=str).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


@register.inclusion_tag("seo/head.html", takes_context=True)
def seo_head(context):
    request = context.get("request")
    page = context.get("page")
    data = {"feeds": []}
    for name, feed_class in feeds.registered:
        try:
            data["feeds"].append((reverse(f"feeds:{name}"), feed_class.title))
        except NoReverseMatch:
            continue
    if page is None or not getattr(page, "pk", None) or not hasattr(page, "get_full_url"):
        return data
    data["canonical"] = page.get_full_url(request)
    alternates = []
    translations = page.get_translations(inclusive=True).live().select_related("locale")
    for version in translations:
        url = version.get_full_url(request)
        if url:
            alternates.append((hreflang(version.locale.language_code), url))
            if version.locale.language_code == "zh-hans":
                alternates.append(("x-default", url))
    data["alternates"] = alternates if len(alternates) > 2 else []
    data["og"] = structured_data.open_graph(page, request)
    data["json_ld"] = json_ld_script(structured_data.json_ld(page, request))
    return data
