"""The home page's featured sections. Each may name what it features; what it leaves empty
fills itself with what is newest. The apps define their own sections on
`FeaturedSectionBlock` (reading: `reading/home_sections.py`); the foundation's own is the
guide search box."""

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from wagtail import blocks


def heading_block(help_text):
    """Every section's optional heading; left empty, the section's template says its own."""
    return blocks.CharBlock(label=_("heading"), max_length=120, required=False, help_text=help_text)


class FeaturedSectionBlock(blocks.StructBlock):
    """A section that features something of the home page's language: `feature(locale,
    value)` returns what its template shows (the editor's choice, else the newest)."""

    def feature(self, locale, value):
        return {}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        page = (parent_context or {}).get("page")
        if page is not None:
            context.update(self.feature(page.locale, value))
        return context


class GuideSearchBlock(FeaturedSectionBlock):
    heading = heading_block(_("Leave empty for “Find a guide, a database, a book”."))
    placeholder = blocks.CharBlock(
        label=_("example search"),
        max_length=80,
        required=False,
        help_text=_("Shown in the empty box, e.g. “EndNote, 知网, academic English”."),
    )

    class Meta:
        label = _("Guide search")
        icon = "search"
        template = "home/blocks/guide_search.html"
        help_text = _("A search box for guides, databases, books and recommendations.")
        preview_value = {"heading": "", "placeholder": "EndNote, CNKI"}


def featured_blocks():
    """The sections settings name (`HOME_FEATURED_SECTIONS`: name, dotted path of a block
    class), so that the apps' sections reach the home page without the foundation naming
    them, as the URL conf includes their URLs."""
    return [(name, import_string(path)()) for name, path in settings.HOME_FEATURED_SECTIONS]


FEATURED_BLOCKS = featured_blocks()

# what an empty "featured" field shows: every section, filled with what is newest
DEFAULT_FEATURED = [{"type": name, "value": {}} for name, _block in FEATURED_BLOCKS]
