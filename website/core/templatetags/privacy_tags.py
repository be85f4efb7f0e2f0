"""`{% privacy_across_languages page as text %}`: the privacy modal's line on translations."""

from django import template

from website.core.translation_privacy import across_languages

register = template.Library()


@register.simple_tag
def privacy_across_languages(obj):
    return across_languages(obj)
