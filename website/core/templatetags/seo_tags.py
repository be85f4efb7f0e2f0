"""`{% seo_head %}`: canonical and hreflang links, Open Graph, JSON-LD and feed links.

base.html calls it in <head>; page types customise it through `get_json_ld(request)` and
`get_og(request)` (see website/core/structured_data.py)."""

from django import template
from django.urls import NoReverseMatch, reverse

from website import feeds
from website.core import structured_data
from website.core.sitemaps import hreflang

register = template.Library()


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
    data["json_ld"] = structured_data.json_ld_script(structured_data.json_ld(page, request))
    return data
