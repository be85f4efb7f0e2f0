"""Demo view counts: six months of readers' views of the campaigns, recommendations, shelves,
clubs, notes and book pages, and scans of the shelves' QR labels, so that Reports → Views has
something to show on a fresh demo site (guides/demo.py adds the guides' month).

Made-up but plausible: the World Book Day campaign peaks in April-May and September, a shelf
is scanned a few times a week where it stands, English pages are read less. Every figure is
derived from the object's id, so two builds give the same numbers. Added once, only while no
reading kind has a figure; only what is public is counted, as the beacon would.
"""

from datetime import timedelta

from django.utils import timezone

from reading.counted import BOOK, CAMPAIGN, CLUB, NOTE, RECOMMENDATION, SHELF
from website.core.models import ViewCount

MONTHS = 6
WEIGHTS = {CAMPAIGN: 9, RECOMMENDATION: 2, SHELF: 6, CLUB: 5, NOTE: 2, BOOK: 1}
MAX_BOOKS = 40  # the books most shown: recommended or on a shelf


def _english(obj):
    locale = getattr(obj, "locale", None)
    return locale is not None and locale.language_code == "en"


def _figure(seed, day, weight):
    """A day's views: more on weekdays and in the reading months, with some noise."""
    weekday = 3 if day.weekday() < 5 else 1
    season = 2 if day.month in (4, 5, 9, 10) else 1
    noise = (seed * 7 + day.toordinal() * 13) % 5
    return max(weight * weekday * season // 3 + noise - 2, 0)


def build():
    keys = [kind.key for kind in WEIGHTS]
    if ViewCount.objects.filter(kind__in=keys).exists():
        return
    today = timezone.localdate()
    days = [today - timedelta(days=offset) for offset in range(MONTHS * 30)]
    rows = []
    for kind, weight in WEIGHTS.items():
        objects = kind.public()
        if kind is BOOK:
            objects = objects.presented_to_readers().order_by("pk")[:MAX_BOOKS]
        elif hasattr(objects, "select_related") and kind is not NOTE:
            objects = objects.select_related("locale")
        for obj in objects:
            own = max(weight // 3, 1) if _english(obj) else weight
            seed = obj.pk
            for day in days:
                if (seed + day.toordinal()) % (3 if kind in (NOTE, BOOK, RECOMMENDATION) else 1):
                    continue  # the quieter kinds are not read every day
                views = _figure(seed, day, own)
                if views:
                    rows.append(ViewCount(kind=kind.key, object_id=obj.pk, date=day, views=views))
                if kind is SHELF and (seed + day.toordinal()) % 3 == 0:
                    scans = (seed + day.day) % 4 + (0 if _english(obj) else 1)
                    if scans:
                        rows.append(
                            ViewCount(
                                kind=kind.key,
                                object_id=obj.pk,
                                date=day,
                                source=ViewCount.Source.QR,
                                views=scans,
                            )
                        )
    ViewCount.objects.bulk_create(rows, batch_size=2000)
