"""StreamField blocks every app shares."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail import blocks


class HeadingBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=pgettext_lazy("block", "Heading"),
        max_length=120,
        help_text=_("A short heading for this part."),
    )
    intro = blocks.TextBlock(
        label=pgettext_lazy("block", "Introduction"),
        required=False,
        help_text=_("One or two sentences under it."),
    )

    class Meta:
        label = pgettext_lazy("block", "Section heading")
        icon = "title"
        template = "blocks/heading_block.html"
        help_text = _("A section heading with an optional introduction.")
        preview_value = {"heading": "思库推荐", "intro": "The one book that influenced me most."}


class RichTextBlock(blocks.RichTextBlock):
    class Meta:
        label = pgettext_lazy("block", "Text")
        icon = "pilcrow"
        template = "blocks/rich_text_block.html"
        help_text = _("Formatted text with links and lists.")
        preview_value = "<p>Read with us.</p>"


class FeaturedPagesBlock(blocks.StructBlock):
    """A row of cards for pages the editors want readers to see first."""

    heading = blocks.CharBlock(
        label=pgettext_lazy("block", "Heading"),
        max_length=120,
        help_text=_("For example: Open campaigns."),
    )
    pages = blocks.ListBlock(
        blocks.PageChooserBlock(),
        label=pgettext_lazy("block", "Pages"),
        min_num=1,
        help_text=_("Campaigns, shelves, clubs or guides to feature, in this order."),
    )

    class Meta:
        label = pgettext_lazy("block", "Featured pages")
        icon = "pick"
        template = "blocks/featured_pages_block.html"
        help_text = _("Cards linking to featured campaigns, shelves, clubs and guides.")
        preview_value = {"heading": "Featured", "pages": []}


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label=pgettext_lazy("block", "Link text"),
        max_length=200,
        help_text=_("The link text readers see."),
    )
    url = blocks.URLBlock(
        label=pgettext_lazy("block", "Address"),
        help_text=_("The full address, starting with https://"),
    )
    description = blocks.TextBlock(
        label=pgettext_lazy("block", "Note"),
        required=False,
        help_text=_("Optional one-line note."),
    )

    class Meta:
        label = pgettext_lazy("block", "Link")
        icon = "link"
        template = "blocks/link_block.html"
        help_text = _("A link to a page outside this site.")
        preview_value = {"title": "Library home", "url": "https://example.edu/"}


HOME_BLOCKS = [
    ("heading", HeadingBlock()),
    ("text", RichTextBlock()),
    ("featured", FeaturedPagesBlock()),
    ("link", LinkBlock()),
]
