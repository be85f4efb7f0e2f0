"""The demo archive builds from the factories and a second run adds nothing."""

import pytest

from reading.demo import archive as demo
from reading.models import ArchiveItem

pytestmark = pytest.mark.django_db


def test_demo_archive_is_idempotent(home, monkeypatch):
    queued = []
    monkeypatch.setattr("reading.tasks.queue_ocr", queued.append)
    demo.build()
    demo.build()
    assert ArchiveItem.objects.count() == len(demo.NOTES)
    assert ArchiveItem.objects.filter(consent_public=True).count() == 3
    assert ArchiveItem.objects.exclude(transcription="").count() == 3
    assert all(item.display_image_id for item in ArchiveItem.objects.all())
