"""The blocks a guide is built from.

A guide is a StreamField of sections; each section's body is a stream of the blocks below.
Books, databases, videos and web tools are chosen records (SnippetChooserBlock), never copies,
so a record edited once changes in every guide, and Wagtail's reference index knows which
guides use which record. Lists of records are resolved in bulk by Wagtail (one query per kind
of record for the whole guide), which keeps a long guide's cost flat.
"""

import copy

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from website.blocks import LinkBlock


class GuideRichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault(
            "features", ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]
        )
        super().__init__(**kwargs)

    class Meta:
        label = pgettext_lazy("block", "Text")
        icon = "pilcrow"
        template = "guides/blocks/rich_text.html"
        help_text = _("Text with headings, lists and links.")
        preview_value = "<p>图书馆提供英文词典、英文小说专架和分级读物。</p>"


class _ResourceListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=pgettext_lazy("block", "Heading"),
        required=False,
        max_length=120,
        help_text=_("Optional heading above the list."),
    )
    intro = blocks.TextBlock(
        label=pgettext_lazy("block", "Introduction"),
        required=False,
        help_text=_("Optional sentence under the heading."),
    )

    def clean(self, value):
        value = super().clean(value)
        items = [item for item in value.get("items") or [] if item is not None]
        ids = [getattr(item, "pk", None) for item in items]
        if len(ids) != len(set(ids)):
            raise StructBlockValidationError(
                block_errors={"items": ValidationError(_("The same record is listed twice."))}
            )
        return value


class BookChooserBlock(SnippetChooserBlock):
    """A chosen book, read with its e-book platforms, which its holdings box lists."""

    def bulk_to_python(self, values):
        books = self.model_class.objects.prefetch_related("ebooks").in_bulk(values)
        # a book listed twice is two objects, as Wagtail's own ChooserBlock returns it
        return [copy.copy(books[pk]) if pk in books else None for pk in values]


class BookListBlock(_ResourceListBlock):
    items = blocks.ListBlock(
        BookChooserBlock("reading.Book"),
        label=pgettext_lazy("block", "Books"),
        min_num=1,
        help_text=_("Books from the catalogue records; each shows print and e-book together."),
    )

    class Meta:
        label = pgettext_lazy("block", "Book list")
        icon = "doc-full"
        template = "guides/blocks/book_list.html"
        help_text = _("A list of books with their print copies and e-books.")
        preview_value = {"heading": "英文词典与分级读物", "items": []}


class DatabaseListBlock(_ResourceListBlock):
    items = blocks.ListBlock(
        SnippetChooserBlock("guides.Database"),
        label=pgettext_lazy("block", "Databases"),
        min_num=1,
        help_text=_("Databases, in the order readers should try them."),
    )

    class Meta:
        label = pgettext_lazy("block", "Database list")
        icon = "site"
        template = "guides/blocks/database_list.html"
        help_text = _("A list of databases with their access and a counted link.")
        preview_value = {"heading": "英文学习数据库", "items": []}


class VideoListBlock(_ResourceListBlock):
    items = blocks.ListBlock(
        SnippetChooserBlock("guides.Video"),
        label=pgettext_lazy("block", "Videos"),
        min_num=1,
        help_text=_("Training videos; uploaded ones play on the page."),
    )
    embed = blocks.BooleanBlock(
        label=pgettext_lazy("block", "Play on the page"),
        required=False,
        default=False,
        help_text=_("Play the videos on the page instead of linking to them."),
    )

    class Meta:
        label = pgettext_lazy("block", "Video list")
        icon = "media"
        template = "guides/blocks/video_list.html"
        help_text = _("A list of training videos.")
        preview_value = {"heading": "培训视频", "items": [], "embed": False}


class WebToolListBlock(_ResourceListBlock):
    items = blocks.ListBlock(
        SnippetChooserBlock("guides.WebTool"),
        label=pgettext_lazy("block", "Web tools"),
        min_num=1,
        help_text=_("Web sites, apps, browser extensions and desktop tools."),
    )

    class Meta:
        label = pgettext_lazy("block", "Web tool list")
        icon = "cogs"
        template = "guides/blocks/webtool_list.html"
        help_text = _("A list of web tools, sites and apps.")
        preview_value = {"heading": "英语学习网站和 App", "items": []}


class LinksBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=pgettext_lazy("block", "Heading"),
        required=False,
        max_length=120,
        help_text=_("Optional heading above the links."),
    )
    links = blocks.ListBlock(
        LinkBlock(),
        label=pgettext_lazy("block", "Links"),
        min_num=1,
        help_text=_("Links, in this order."),
    )

    class Meta:
        label = pgettext_lazy("block", "Links")
        icon = "link"
        template = "guides/blocks/links.html"
        help_text = _("Plain links to pages that are not records (a course page, a PDF).")
        preview_value = {
            "heading": "相关链接",
            "links": [{"title": "图书馆主页", "url": "https://lib.example.edu/"}],
        }


class GuideImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=pgettext_lazy("block", "Image"), help_text=_("The picture."))
    alt_text = blocks.CharBlock(
        label=pgettext_lazy("block", "Description"),
        required=False,
        max_length=250,
        help_text=_("What the picture shows, for readers who cannot see it."),
    )
    decorative = blocks.BooleanBlock(
        label=pgettext_lazy("block", "Decorative"),
        required=False,
        help_text=_("Tick if the picture adds nothing to the text."),
    )
    caption = blocks.CharBlock(
        label=pgettext_lazy("block", "Caption"),
        required=False,
        max_length=250,
        help_text=_("Optional caption."),
    )

    def clean(self, value):
        value = super().clean(value)
        if not value.get("decorative") and not (value.get("alt_text") or "").strip():
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        _("Describe the picture, or tick 'decorative' if it adds nothing.")
                    )
                }
            )
        return value

    class Meta:
        label = pgettext_lazy("block", "Image")
        icon = "image"
        template = "guides/blocks/image.html"
        help_text = _("A picture with a description and an optional caption.")
        preview_value = {"alt_text": "", "decorative": True, "caption": "图书馆"}


class CatalogueSearchBlock(blocks.StructBlock):
    """A search box that sends the reader's words to the library catalogue.

    The catalogue's address is the site setting CATALOGUE_SEARCH_URL with a {query}
    placeholder, so moving to another discovery system changes one setting, not every guide.
    """

    heading = blocks.CharBlock(
        label=pgettext_lazy("block", "Heading"),
        required=False,
        max_length=120,
        help_text=_("For example: Find more books."),
    )
    placeholder = blocks.CharBlock(
        label=pgettext_lazy("block", "Hint in the box"),
        required=False,
        max_length=120,
        help_text=_("Greyed-out text in the empty box, for example: English graded readers."),
    )
    prefill = blocks.CharBlock(
        label=pgettext_lazy("block", "Words added"),
        required=False,
        max_length=120,
        help_text=_("Words added before the reader's own, for example: Excel."),
    )

    class Meta:
        label = pgettext_lazy("block", "Catalogue search")
        icon = "search"
        template = "guides/blocks/catalogue_search.html"
        help_text = _("A search box into the library catalogue.")
        preview_value = {"heading": "检索馆藏", "placeholder": "English graded readers"}


def catalogue_search_url():
    return getattr(settings, "CATALOGUE_SEARCH_URL", "")


class BoxInnerBlock(blocks.StreamBlock):
    text = GuideRichTextBlock()
    books = BookListBlock()
    databases = DatabaseListBlock()
    videos = VideoListBlock()
    webtools = WebToolListBlock()
    links = LinksBlock()
    image = GuideImageBlock()
    catalogue_search = CatalogueSearchBlock()


class BoxBlock(blocks.StructBlock):
    """A box groups blocks under a heading, as LibGuides' boxes do; boxes do not nest."""

    heading = blocks.CharBlock(
        label=pgettext_lazy("block", "Heading"), max_length=120, help_text=_("The box's heading.")
    )
    body = BoxInnerBlock(
        label=pgettext_lazy("block", "Content"), help_text=_("What the box holds.")
    )

    class Meta:
        label = pgettext_lazy("block", "Box")
        icon = "placeholder"
        template = "guides/blocks/box.html"
        help_text = _("A box that groups blocks under a heading.")
        preview_value = {
            "heading": "语法检测工具",
            "body": [("text", "<p>Grammarly 检查拼写、语法和用词。</p>")],
        }


class SectionBodyBlock(BoxInnerBlock):
    box = BoxBlock()


class SectionBlock(blocks.StructBlock):
    """One tab of a guide."""

    title = blocks.CharBlock(
        label=pgettext_lazy("block", "Tab label"),
        max_length=60,
        help_text=_("The tab's label: short, 1–4 words."),
    )
    anchor = blocks.CharBlock(
        label=pgettext_lazy("block", "Anchor"),
        required=False,
        max_length=60,
        help_text=_("Optional address of the tab (#grammar); made from the title if empty."),
    )
    body = SectionBodyBlock(
        label=pgettext_lazy("block", "Content"), help_text=_("The section's content.")
    )

    def clean(self, value):
        value = super().clean(value)
        anchor = (value.get("anchor") or "").strip()
        if anchor and slugify(anchor) != anchor:
            raise StructBlockValidationError(
                block_errors={
                    "anchor": ValidationError(
                        _("Use only lower-case letters, digits and hyphens (for example: %(s)s).")
                        % {"s": slugify(anchor) or "grammar"}
                    )
                }
            )
        return value

    class Meta:
        label = pgettext_lazy("block", "Section")
        icon = "folder-open-inverse"
        template = "guides/blocks/section.html"
        help_text = _("A section of the guide, shown as a tab.")
        preview_value = {
            "title": "纸质馆藏",
            "body": [("text", "<p>英文词典、英文小说专架、分级读物。</p>")],
        }


class SectionsBlock(blocks.StreamBlock):
    section = SectionBlock()

    def clean(self, value):
        value = super().clean(value)
        seen = {}
        errors = {}
        for position, child in enumerate(value):
            anchor = section_anchor(child.value, position)
            if anchor in seen:
                errors[position] = ValidationError(
                    _("Two sections have the same address: give one of them another anchor.")
                )
            seen[anchor] = position
        if errors:
            raise blocks.StreamBlockValidationError(block_errors=errors)
        return value

    class Meta:
        icon = "list-ul"
        help_text = _("The guide's tabs, in order.")


def section_anchor(section_value, position):
    """The fragment id of a section: the editor's anchor, or one made from the title."""
    anchor = (section_value.get("anchor") or "").strip()
    if anchor:
        return anchor
    slug = slugify(section_value.get("title") or "", allow_unicode=True)
    return slug or f"section-{position + 1}"


GUIDE_SECTION_BLOCKS = SectionsBlock
