"""Submission copies are stored under the extension of the format their bytes prove; the copies
already stored under the reader's own extension (`.html`, `.exe`, none) are renamed."""

import posixpath

from django.core.files.storage import default_storage
from django.db import migrations

import reading.models.campaigns
import reading.uploads


def rename_copies(apps, schema_editor):
    Submission = apps.get_model("reading", "Submission")
    for submission in Submission.objects.exclude(note_file="").only("pk", "note_file").iterator():
        name = submission.note_file.name
        if not default_storage.exists(name):
            continue
        with default_storage.open(name, "rb") as handle:
            extension = reading.uploads.extension_of(handle)
        stem, current = posixpath.splitext(name)
        if current == f".{extension}":
            continue
        with default_storage.open(name, "rb") as handle:
            new_name = default_storage.save(f"{stem}.{extension}", handle)
        Submission.objects.filter(pk=submission.pk).update(note_file=new_name)
        default_storage.delete(name)


class Migration(migrations.Migration):
    dependencies = [
        ("reading", "0011_move_private_files_out_of_public_media"),
    ]

    operations = [
        migrations.AlterField(
            model_name="submission",
            name="note_file",
            field=reading.uploads.ProvenFormatFileField(
                blank=True,
                upload_to=reading.models.campaigns.submission_note_path,
                verbose_name="handwritten note",
            ),
        ),
        migrations.RunPython(rename_copies, migrations.RunPython.noop, elidable=True),
    ]
