"""An index mixin that every searchable page and record uses to be found in Chinese."""

from html import unescape

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Manager
from django.utils.html import strip_tags

from wagtail.search import index

from .cjk import index_text


class ChineseSearchMixin:
    """Adds `cjk_search_text` built from the model's own search fields.

    Models list `cjk_search_field()` in their `search_fields`; the text is derived from the
    other SearchFields so a new field is searchable in Chinese without more code.
    """

    def cjk_search_text(self):
        return index_text(search_text(self, skip=("cjk_search_text",)))


def search_text(obj, skip=("title", "cjk_search_text")):
    """The text of an object's SearchFields, as the index sees it (by default without its title).

    The Chinese index (indexing.ChineseSearchMixin) and the result excerpts read the same
    fields, so what a reader is shown is what matched. Related fields (a book's subjects and
    their English forms) are followed, so that 社会学 finds a book tagged so in Chinese too.
    """
    parts = list(_texts(obj, obj.get_search_fields(), skip))
    return " ".join(unescape(strip_tags(part)) for part in parts if part)


def _texts(obj, search_fields, skip):
    for search_field in search_fields:
        if isinstance(search_field, index.RelatedFields):
            related = search_field.get_value(obj)
            if related is None:
                continue
            related = related.all() if isinstance(related, Manager) else [related]
            for item in related:
                yield from _texts(item, search_field.fields, skip)
            continue
        if not isinstance(search_field, index.SearchField) or search_field.field_name in skip:
            continue
        value = search_field.get_value(obj)
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            yield from (str(item) for item in value)
            continue
        try:
            model_field = obj._meta.get_field(search_field.field_name)
        except FieldDoesNotExist:  # a method or property, not a model field
            model_field = None
        if model_field is not None and hasattr(model_field, "get_searchable_content"):
            yield from (str(item) for item in model_field.get_searchable_content(value))
        else:
            yield str(value)


def cjk_search_field():
    return index.SearchField("cjk_search_text")
