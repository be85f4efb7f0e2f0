"""Renditions made before website/core/image_metadata.py, and the archive's display images made
before reading.uploads dropped the scan's metadata, still carry a JPEG comment (a script can
hide there), EXIF or XMP: they are stripped in place, losslessly. Editors' own originals are
left as they were uploaded."""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.db import migrations

from website.core.image_metadata import strip


def _strip_stored(storage, name):
    """Rewrite one stored file without its metadata; returns its new size, or None."""
    if not name or not storage.exists(name):
        return None
    with storage.open(name, "rb") as handle:
        data = handle.read()
    clean = strip(data)
    if clean == data:
        return None
    storage.delete(name)
    saved = storage.save(name, ContentFile(clean))
    assert saved == name, (saved, name)
    return len(clean)


def forwards(apps, schema_editor):
    Rendition = apps.get_model("wagtailimages", "Rendition")
    Image = apps.get_model("wagtailimages", "Image")
    ArchiveItem = apps.get_model("reading", "ArchiveItem")
    renditions = storages["renditions"]
    for rendition in Rendition.objects.only("pk", "file").iterator():
        _strip_stored(renditions, rendition.file.name)
    displays = ArchiveItem.objects.exclude(display_image=None).values("display_image_id")
    for image in Image.objects.filter(pk__in=displays).only("pk", "file").iterator():
        size = _strip_stored(default_storage, image.file.name)
        if size is not None:
            # Wagtail recomputes an empty hash when it next needs it
            Image.objects.filter(pk=image.pk).update(file_size=size, file_hash="")


class Migration(migrations.Migration):
    dependencies = [
        ("reading", "0012_submission_copies_under_their_proven_format"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
