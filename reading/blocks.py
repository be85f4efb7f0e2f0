"""StreamField blocks of the reading pages: the column article's recommendation cards."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

from website.blocks import HeadingBlock, RichTextBlock


class RecommendationCardBlock(blocks.StructBlock):
    """One recommendation shown as a card: the book, the reader (as they allowed to be named)
    and an excerpt of their words, linking to the recommendation page in the reader's language."""

    recommendation = blocks.PageChooserBlock(
        label=pgettext_lazy("block", "Recommendation"),
        page_type="reading.RecommendationPage",
        help_text=_("The recommendation to feature."),
    )
    excerpt = blocks.TextBlock(
        label=pgettext_lazy("block", "Quotation"),
        required=False,
        help_text=_(
            "A passage to quote; leave empty to quote the beginning of the recommendation."
        ),
    )

    class Meta:
        icon = "openquote"
        template = "reading/campaigns/blocks/recommendation_card.html"
        help_text = _("A card for one recommendation: book, recommender and a quotation.")
        preview_value = {"recommendation": None, "excerpt": "这本书让我第一次理解了科学家的精神。"}
        label = pgettext_lazy("block", "Recommendation card")


class RecommendationCardsBlock(blocks.StructBlock):
    """Several recommendations side by side, e.g. "this month's five books"."""

    heading = blocks.CharBlock(
        label=pgettext_lazy("block", "Heading"),
        required=False,
        max_length=120,
        help_text=_("Optional heading above the cards."),
    )
    recommendations = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="reading.RecommendationPage"),
        label=pgettext_lazy("block", "Recommendations"),
        min_num=1,
        max_num=12,
        help_text=_("The recommendations to show, in this order."),
    )

    class Meta:
        icon = "list-ul"
        template = "reading/campaigns/blocks/recommendation_cards.html"
        help_text = _("A row of recommendation cards.")
        preview_value = {"heading": "本期推荐", "recommendations": []}
        label = pgettext_lazy("block", "Recommendation cards")

    def clean(self, value):
        value = super().clean(value)
        chosen = [page.pk for page in value["recommendations"] if page]
        if len(chosen) != len(set(chosen)):
            raise StructBlockValidationError(
                block_errors={
                    "recommendations": ValidationError(
                        _("Each recommendation may appear only once.")
                    )
                }
            )
        return value


class ColumnImageBlock(ImageBlock):
    """Wagtail's image block, whose image field Wagtail leaves labelled by its English name."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.child_blocks["image"].label = pgettext_lazy("block", "Image")

    class Meta:
        label = pgettext_lazy("block", "Image")
        icon = "image"
        template = "reading/campaigns/blocks/image.html"
        help_text = _(
            "A photograph, for example of the recommendation letter or the display shelf."
        )
        preview_value = None


class ColumnEmbedBlock(EmbedBlock):
    class Meta:
        label = pgettext_lazy("block", "Video or embed")
        icon = "media"
        template = "reading/campaigns/blocks/embed.html"
        help_text = _("A video by its address, for example a vlog on Bilibili.")
        preview_value = "https://vimeo.com/76979871"


COLUMN_BLOCKS = [
    ("heading", HeadingBlock()),
    ("text", RichTextBlock()),
    ("recommendation", RecommendationCardBlock()),
    ("recommendations", RecommendationCardsBlock()),
    ("image", ColumnImageBlock()),
    ("embed", ColumnEmbedBlock()),
]
