"""The data migrations that bring files stored by earlier versions up to today's rules."""

import importlib
import io

import pytest
from PIL import Image

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages

from reading.models import Submission
from tests.factories import ArchiveItemFactory
from tests.factories.archive import note_image_bytes
from tests.factories.campaigns import SubmissionFactory

pytestmark = pytest.mark.django_db
SCRIPT = b"<script>alert(1)</script>"


def migration(name):
    return importlib.import_module(f"reading.migrations.{name}")


def with_comment():
    out = io.BytesIO()
    Image.new("RGB", (60, 40), "white").save(out, "JPEG", comment=SCRIPT)
    return out.getvalue()


def overwrite(storage, name, data):
    storage.delete(name)
    assert storage.save(name, ContentFile(data)) == name


def test_old_renditions_and_display_images_lose_their_comment():
    item = ArchiveItemFactory(data=note_image_bytes("old", seed=950))
    rendition = item.display_image.get_rendition("max-800x1100")
    # as an earlier version stored them (the storage itself now strips renditions on the way in)
    overwrite(default_storage, item.display_image.file.name, with_comment())
    renditions = storages["renditions"]
    renditions.delete(rendition.file.name)
    with open(renditions.path(rendition.file.name), "wb") as handle:
        handle.write(with_comment())
    migration("0013_strip_metadata_from_existing_public_images").forwards(apps, None)
    for storage, name in (
        (default_storage, item.display_image.file.name),
        (renditions, rendition.file.name),
    ):
        with storage.open(name, "rb") as handle:
            data = handle.read()
        assert SCRIPT not in data and data.startswith(b"\xff\xd8")


def test_old_submission_copies_are_renamed_to_their_proven_format():
    submission = SubmissionFactory(note_file=ContentFile(note_image_bytes("copy"), name="x.png"))
    old_name = submission.note_file.name.replace(".png", ".html")
    overwrite(default_storage, old_name, note_image_bytes("copy"))
    Submission.objects.filter(pk=submission.pk).update(note_file=old_name)
    migration("0012_submission_copies_under_their_proven_format").rename_copies(apps, None)
    name = Submission.objects.get(pk=submission.pk).note_file.name
    assert name.endswith(".png") and default_storage.exists(name)
    assert not default_storage.exists(old_name)
