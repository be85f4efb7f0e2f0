"""The reading kinds whose views are counted (website/core/counting.py), each with the one
rule of what a reader may see of it: live, unrestricted pages (`for_readers`), notes that are
public (`ArchiveItem.objects.public()`: consented, and their recommendation readable), and
every book record, whose page the site serves to anyone (reading/views/books.py)."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from reading.models import (
    ArchiveItem,
    Book,
    CampaignPage,
    ClubPage,
    RecommendationPage,
    ShelfPage,
)
from website.core.counting import CountedKind, register

CAMPAIGN = register(
    CountedKind(
        key="campaign",
        model="reading.CampaignPage",
        label=_("Campaign"),
        public=lambda: CampaignPage.objects.for_readers(),
        order=10,
    )
)
RECOMMENDATION = register(
    CountedKind(
        key="recommendation",
        model="reading.RecommendationPage",
        label=_("Recommendation"),
        public=lambda: RecommendationPage.objects.for_readers(),
        order=20,
    )
)
SHELF = register(
    CountedKind(
        key="shelf",
        model="reading.ShelfPage",
        label=_("Shelf"),
        public=lambda: ShelfPage.objects.for_readers(),
        order=30,
    )
)
CLUB = register(
    CountedKind(
        key="club",
        model="reading.ClubPage",
        label=_("Reading club"),
        public=lambda: ClubPage.objects.for_readers(),
        order=40,
    )
)
NOTE = register(
    CountedKind(
        key="note",
        model="reading.ArchiveItem",
        label=_("Handwritten note"),
        public=lambda: ArchiveItem.objects.public(),
        order=50,
        # not the file's name, which may be the writer's
        describe=lambda note: gettext("Handwritten note %(number)s") % {"number": note.pk},
    )
)
BOOK = register(
    CountedKind(
        key="book",
        model="reading.Book",
        label=_("Book"),
        public=lambda: Book.objects.all(),
        order=60,
    )
)
