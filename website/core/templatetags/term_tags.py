"""`{{ tag|tag_label }}`: a subject's or a theme's name in the reader's language."""

from django import template

from website.core.terms import tag_label as label_of

register = template.Library()


@register.filter
def tag_label(tag):
    return label_of(tag)
