"""What the home page features: the newest recommendations with their notes, a reading club
with seats left, a themed shelf, a guide search box.

Editors may choose each one (`website/home/blocks.py`); what they leave empty fills itself
from what is newest, so the home page is never stale and never needs them to keep it alive.
Every query here takes a list, so the page costs the same number of queries for three
recommendations or thirty. The home page is the one place outside the demo loader that
names the apps it features, by model label, as the URL conf does.
"""

from django.apps import apps
from django.db.models import Prefetch
from django.utils import timezone

from wagtail.images import get_image_model

NOTE_THUMBNAIL = "fill-240x300"
COVER_THUMBNAIL = "fill-72x102"


def _model(label):
    return apps.get_model(label)


def public_notes():
    """Notes the home page may show as thumbnails: what the one rule makes public
    (`ArchiveItem.objects.public()`), of a recommendation, with an image to show."""
    ArchiveItem = _model("reading.ArchiveItem")
    return ArchiveItem.objects.public().filter(
        recommendation__isnull=False, display_image__isnull=False
    )


def _images():
    return get_image_model().objects.prefetch_renditions()


def latest_recommendations(locale, chosen=(), count=6):
    """The chosen recommendations in their order, then the newest, `count` in all, each
    with `home_note` (its public note or None). Four queries, whatever `count`."""
    RecommendationPage = _model("reading.RecommendationPage")
    live = (
        RecommendationPage.objects.live()
        .public()
        .filter(locale=locale)
        .select_related("recommender", "book")
        .prefetch_related(Prefetch("book__cover", queryset=_images()))
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
    ClubPage = _model("reading.ClubPage")
    ClubSignup = _model("reading.ClubSignup")
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
    ShelfPage = _model("reading.ShelfPage")
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
