"""A field for `api_fields` whose value is computed from the whole page.

Page types list what the JSON API serves of them in their own `api_fields` (Wagtail's
mechanism); a value that is not one model field (a shelf's books with their holdings, a
recommender as they allowed to be named) is `APIField(name, serializer=FromPage(function))`.
"""

from rest_framework.fields import Field


class FromPage(Field):
    """A read-only field computed from the whole page by `function(page)`."""

    def __init__(self, function, **kwargs):
        self.function = function
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        return self.function(page)


def names_in_language(queryset, locale):
    """People or subjects of a page by their name (and title) in the page's language."""
    english = locale.language_code.startswith("en")
    return [
        {
            "name": (item.name_en if english else item.name_zh) or item.name_zh,
            **(
                {"title": (item.title_en if english else item.title_zh) or item.title_zh}
                if hasattr(item, "title_zh")
                else {}
            ),
        }
        for item in queryset.all()
    ]
