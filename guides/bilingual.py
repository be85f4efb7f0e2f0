"""Records that carry their text in both languages.

Databases, videos, web tools, subjects and librarian profiles are shared by the Chinese and
the English guides. Wagtail's snippet translation would make each record two records (one per
locale) that editors must keep in step and that guides of each language choose separately;
a change of URL would then have to be made twice. Instead a record holds `name_zh` and
`name_en` side by side on one form, is chosen once, and each page shows the reader's language,
falling back to the other when one is empty.
"""

from django.utils import translation


def active_language():
    """ "en" for English readers, "zh" for everybody else (the library's default)."""
    return "en" if (translation.get_language() or "").startswith("en") else "zh"


class BilingualMixin:
    def in_language(self, field, language=None):
        language = language or active_language()
        other = "zh" if language == "en" else "en"
        return getattr(self, f"{field}_{language}", "") or getattr(self, f"{field}_{other}", "")

    def text_language(self, field):
        """The HTML lang of the text `in_language(field)` returns (the fallback may differ)."""
        language = active_language()
        if getattr(self, f"{field}_{language}", ""):
            return "en" if language == "en" else "zh-Hans"
        return "zh-Hans" if language == "en" else "en"
