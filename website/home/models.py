from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from website.blocks import HOME_BLOCKS
from website.home.blocks import DEFAULT_FEATURED, FEATURED_BLOCKS
from website.search.indexing import ChineseSearchMixin, cjk_search_field


class HomePage(ChineseSearchMixin, Page):
    """The front door in each language: a welcome and the campaigns, shelves, clubs and
    guides the outreach librarians choose to feature."""

    intro = models.TextField(_("introduction"), blank=True)
    featured = StreamField(
        FEATURED_BLOCKS,
        blank=True,
        verbose_name=_("featured"),
        help_text=_(
            "The sections at the top, in this order. Leave empty to show them all, "
            "filled with what is newest."
        ),
    )
    body = StreamField(HOME_BLOCKS, blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("featured"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        cjk_search_field(),
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = None

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def featured_sections(self):
        """The editors' sections, or every section filled with what is newest."""
        if self.featured:
            return self.featured
        return self.featured.stream_block.to_python(DEFAULT_FEATURED)
