"""An index mixin that every searchable page and record uses to be found in Chinese."""

from django.core.exceptions import FieldDoesNotExist

from wagtail.search import index

from .cjk import index_text


class ChineseSearchMixin:
    """Adds `cjk_search_text` built from the model's own search fields.

    Models list `cjk_search_field()` in their `search_fields`; the text is derived from the
    other SearchFields so a new field is searchable in Chinese without more code.
    """

    def cjk_search_text(self):
        parts = []
        for field in self.search_fields:
            if not isinstance(field, index.SearchField) or field.field_name == "cjk_search_text":
                continue
            try:
                model_field = self._meta.get_field(field.field_name)
            except FieldDoesNotExist:
                model_field = None
            value = field.get_value(self)
            if value is None:
                continue
            if isinstance(value, (list, tuple)):
                # SearchField.get_value already applied get_searchable_content (StreamField).
                parts.extend(str(v) for v in value)
            elif model_field is not None and hasattr(model_field, "get_searchable_content"):
                parts.extend(str(v) for v in model_field.get_searchable_content(value))
            else:
                parts.append(str(value))
        return index_text(" ".join(parts))


def cjk_search_field():
    return index.SearchField("cjk_search_text")
