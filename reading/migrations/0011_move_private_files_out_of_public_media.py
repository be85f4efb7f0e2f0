"""Private files (originals, submission copies, documents, staged imports, the archive's display
images and renditions) move from MEDIA_ROOT, which the web server serves to anyone, to
PRIVATE_MEDIA_ROOT (website/core/storage.py). Their names stay the same, so no row changes.
On S3 nothing is moved here: README, "Past one machine", says how to move the keys."""

from django.core.files.storage import default_storage
from django.db import migrations

from website.core.storage import MediaFileSystemStorage, move_private_files


def on_the_filesystem():
    return isinstance(default_storage, MediaFileSystemStorage)


def forwards(apps, schema_editor):
    if on_the_filesystem():
        move_private_files()


def backwards(apps, schema_editor):
    if on_the_filesystem():
        move_private_files(back=True)


class Migration(migrations.Migration):
    dependencies = [
        ("reading", "0010_stream_block_labels"),
        ("wagtaildocs", "0001_initial"),
        ("wagtailimages", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=True)]
