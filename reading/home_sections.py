"""What the home page features of reading: the newest recommendations with their notes, a
reading club with seats left, a themed shelf (`HOME_FEATURED_SECTIONS` in settings puts them
on the home page, beside the foundation's guide search box).

Editors may choose each one; what they leave empty fills itself from what is newest, so the
home page is never stale and never needs them to keep it alive. Every query here takes a
list, so the page costs the same number of queries for three recommendations or thirty.
"""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.images import get_image_model

from reading.models import ArchiveItem, ClubPage, ClubSignup, RecommendationPage, ShelfPage
from website.home.blocks import FeaturedSectionBlock, heading_block

NOTE_THUMBNAIL = "fill-240x300"
COVER_THUMBNAIL = "fill-72x102"


def public_notes():
    """Notes the home page may show as thumbnails: what the one rule makes public
    (`ArchiveItem.objects.public()`), of a recommendation, with an image to show."""
    return ArchiveItem.objects.public().filter(
        recommendation__isnull=False, display_image__isnull=False
    )


def _images():
    return get_image_model().objects.prefetch_renditions()


def latest_recommendations(locale, chosen=(), count=6):
    """The chosen recommendations in their order, then the newest, `count` in all, each
    with `home_note` (its public note or None). Four queries, whatever `count`."""
    live = (
        RecommendationPage.objects.live()
        .public()
        .filter(locale=locale)
        .select_related("recommender", "book")
        .prefetch_related(Prefetch("book__cover", queryset=_images()), "book__ebooks")
    )
    keys = [page.translation_key for page in chosen if page is not None]
    picked = {page.translation_key: page for page in live.filter(translation_key__in=keys)}
    pages = [picked[key] for key in keys if key in picked][:count]
    if len(pages) < count:
        newest = live.exclude(translation_key__in=keys).order_by("-recommended_on", "-pk")
        pages += list(newest[: count - len(pages)])
    shown = [page.translation_key for page in pages if page.show_note]
    notes = {}
    for note in (
        public_notes()
        .filter(recommendation__translation_key__in=shown)
        .select_related("recommendation")
        .prefetch_related(Prefetch("display_image", queryset=_images()))
        .order_by("pk")
    ):
        notes.setdefault(note.recommendation.translation_key, note)
    for page in pages:
        page.home_note = notes.get(page.translation_key) if page.show_note else None
    return pages


def upcoming_club(locale, chosen=None):
    """The chosen club, or the next one whose sign-up is open with seats left (else the next
    one at all), with `seats_left_cached` set. None when no club is coming."""
    now = timezone.now()
    clubs = ClubPage.objects.live().public().filter(locale=locale).select_related("locale")
    if chosen is not None:
        candidates = list(clubs.filter(translation_key=chosen.translation_key))
    else:
        candidates = list(clubs.filter(discussion_starts__gte=now).order_by("discussion_starts"))
    if not candidates:
        return None
    confirmed = ClubSignup.confirmed_counts([club.translation_key for club in candidates])
    for club in candidates:
        club.seats_left_cached = max(club.capacity - confirmed.get(club.translation_key, 0), 0)
    open_with_seats = [
        club
        for club in candidates
        if club.signup_state(now) == "open" and club.seats_left_cached > 0
    ]
    return (open_with_seats or candidates)[0]


def featured_shelf(locale, chosen=None):
    """The chosen shelf, or the most recently published one, with its count and first covers."""
    shelves = ShelfPage.with_book_count(
        ShelfPage.objects.live().public().filter(locale=locale)
    ).order_by("-first_published_at", "-pk")
    if chosen is not None:
        shelves = shelves.filter(translation_key=chosen.translation_key)
    shelf = shelves.first()
    if shelf is None:
        return None
    shelf.home_books = [book for book, _note in shelf.entries()[:5]]
    return shelf


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
        template = "reading/home/latest_recommendations.html"
        help_text = _("The latest recommendations, with their quotes and handwritten notes.")
        preview_value = {"heading": "", "recommendations": [], "count": 3}

    def feature(self, locale, value):
        chosen = value.get("recommendations") or []
        return {
            "recommendations": latest_recommendations(
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
        template = "reading/home/upcoming_club.html"
        help_text = _("A reading club readers can still join, with the seats left.")
        preview_value = {"heading": "", "club": None}

    def feature(self, locale, value):
        return {"club": upcoming_club(locale, chosen=value.get("club"))}


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
        template = "reading/home/featured_shelf.html"
        help_text = _("A themed shelf with its first covers and the number of books.")
        preview_value = {"heading": "", "shelf": None}

    def feature(self, locale, value):
        return {"shelf": featured_shelf(locale, chosen=value.get("shelf"))}
