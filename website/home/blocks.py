"""The home page's featured sections. Each may name what it features; what it leaves empty
fills itself with what is newest (`website/home/sections.py`)."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from website.home import sections


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


class LatestRecommendationsBlock(FeaturedSectionBlock):
    heading = heading_block(_("Leave empty for “New recommendations”."))
    recommendations = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="reading.RecommendationPage"),
        label=_("recommendations to feature first"),
        min_num=0,
        default=[],
        help_text=_("Optional: these come first; the newest recommendations fill the rest."),
    )
    count = blocks.IntegerBlock(
        label=_("how many"),
        default=6,
        min_value=1,
        max_value=12,
        help_text=_("How many recommendations the section shows in all."),
    )

    class Meta:
        label = _("New recommendations")
        icon = "openquote"
        template = "home/blocks/latest_recommendations.html"
        help_text = _("The latest recommendations, with their quotes and handwritten notes.")
        preview_value = {"heading": "", "recommendations": [], "count": 3}

    def feature(self, locale, value):
        chosen = value.get("recommendations") or []
        return {
            "recommendations": sections.latest_recommendations(
                locale, chosen=chosen, count=value.get("count")
            )
        }


class UpcomingClubBlock(FeaturedSectionBlock):
    heading = heading_block(_("Leave empty for “Join a reading club”."))
    club = blocks.PageChooserBlock(
        page_type="reading.ClubPage",
        label=_("club"),
        required=False,
        help_text=_("Optional: otherwise the next club open for sign-up with seats left."),
    )

    class Meta:
        label = _("Upcoming reading club")
        icon = "group"
        template = "home/blocks/upcoming_club.html"
        help_text = _("A reading club readers can still join, with the seats left.")
        preview_value = {"heading": "", "club": None}

    def feature(self, locale, value):
        return {"club": sections.upcoming_club(locale, chosen=value.get("club"))}


class FeaturedShelfBlock(FeaturedSectionBlock):
    heading = heading_block(_("Leave empty for “On the shelf”."))
    shelf = blocks.PageChooserBlock(
        page_type="reading.ShelfPage",
        label=_("shelf"),
        required=False,
        help_text=_("Optional: otherwise the most recently published shelf."),
    )

    class Meta:
        label = _("Themed shelf")
        icon = "list-ul"
        template = "home/blocks/featured_shelf.html"
        help_text = _("A themed shelf with its first covers and the number of books.")
        preview_value = {"heading": "", "shelf": None}

    def feature(self, locale, value):
        return {"shelf": sections.featured_shelf(locale, chosen=value.get("shelf"))}


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


FEATURED_BLOCKS = [
    ("recommendations", LatestRecommendationsBlock()),
    ("club", UpcomingClubBlock()),
    ("shelf", FeaturedShelfBlock()),
    ("guide_search", GuideSearchBlock()),
]

# what an empty "featured" field shows: every section, filled with what is newest
DEFAULT_FEATURED = [{"type": name, "value": {}} for name, _block in FEATURED_BLOCKS]
