"""The demo's view counts (reading/demo/views.py): months of figures and QR scans, only for
what is public, added once."""

import pytest

from reading.demo import views as views_demo
from tests.factories import ShelfIndexPageFactory, ShelfPageFactory
from website.core.models import ViewCount

pytestmark = pytest.mark.django_db


def test_the_demo_counts_views_and_scans_once(home):
    index = ShelfIndexPageFactory(parent=home)
    shelf = ShelfPageFactory(parent=index, title="科学家传记")
    draft = ShelfPageFactory(parent=index, live=False)
    views_demo.build()
    rows = ViewCount.objects.filter(kind="shelf")
    assert rows.filter(object_id=shelf.pk, source="page").count() > 100
    assert rows.filter(object_id=shelf.pk, source="qr").exists()
    assert not rows.filter(object_id=draft.pk).exists()
    months = {day.replace(day=1) for day in rows.values_list("date", flat=True)}
    assert len(months) >= 6
    total = ViewCount.objects.count()
    views_demo.build()
    assert ViewCount.objects.count() == total
