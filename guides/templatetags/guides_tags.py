from django import template
from django.urls import reverse

from guides.resources import kind_of

register = template.Library()


@register.simple_tag
def go_url(record, guide=None):
    """The counting redirect for a record, remembering the guide the click came from."""
    kind = kind_of(record)
    if kind is None or record is None:
        return ""
    url = reverse("go:resource", kwargs={"kind": kind, "pk": record.pk})
    guide_id = getattr(guide, "pk", None)
    return f"{url}?g={guide_id}" if guide_id else url


@register.simple_tag
def bilingual(record, field):
    """The record's `field` in the reader's language, falling back to the other language."""
    return record.in_language(field)


@register.simple_tag
def text_lang(record, field):
    return record.text_language(field)
