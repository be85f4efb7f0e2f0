"""A book's e-book becomes a list of platforms: each existing link is kept as its first one."""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


def copy_ebooks(apps, schema_editor):
    Book = apps.get_model("reading", "Book")
    BookEbook = apps.get_model("reading", "BookEbook")
    rows = [
        BookEbook(
            book_id=book.pk,
            sort_order=0,
            platform=book.ebook_platform,
            platform_en=book.ebook_platform_en,
            url=book.ebook_url,
            access_note=book.ebook_access_note,
            access_note_en=book.ebook_access_note_en,
        )
        for book in Book.objects.exclude(ebook_url="").iterator(chunk_size=2000)
    ]
    BookEbook.objects.bulk_create(rows, batch_size=2000)


def copy_back(apps, schema_editor):
    Book = apps.get_model("reading", "Book")
    BookEbook = apps.get_model("reading", "BookEbook")
    for ebook in BookEbook.objects.order_by("book_id", "-sort_order", "-pk").iterator():
        Book.objects.filter(pk=ebook.book_id).update(
            ebook_platform=ebook.platform,
            ebook_platform_en=ebook.platform_en,
            ebook_url=ebook.url,
            ebook_access_note=ebook.access_note,
            ebook_access_note_en=ebook.access_note_en,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("reading", "0018_attendance_codes"),
    ]

    operations = [
        migrations.CreateModel(
            name="BookEbook",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "platform",
                    models.CharField(blank=True, max_length=200, verbose_name="e-book platform"),
                ),
                (
                    "platform_en",
                    models.CharField(
                        blank=True,
                        help_text="Shown on English pages.",
                        max_length=200,
                        verbose_name="e-book platform (English)",
                    ),
                ),
                ("url", models.URLField(max_length=1000, verbose_name="e-book link")),
                (
                    "access_note",
                    models.CharField(
                        blank=True,
                        help_text="For example: campus network or VPN.",
                        max_length=300,
                        verbose_name="access note",
                    ),
                ),
                (
                    "access_note_en",
                    models.CharField(
                        blank=True,
                        help_text="Shown on English pages.",
                        max_length=300,
                        verbose_name="access note (English)",
                    ),
                ),
                (
                    "book",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="ebooks",
                        to="reading.book",
                    ),
                ),
            ],
            options={
                "verbose_name": "e-book platform",
                "verbose_name_plural": "e-book platforms",
                "ordering": ["sort_order"],
                "abstract": False,
                "constraints": [
                    models.UniqueConstraint(
                        fields=("book", "url"), name="reading_bookebook_unique_url"
                    )
                ],
            },
        ),
        migrations.RunPython(copy_ebooks, copy_back),
        migrations.RemoveField(
            model_name="book",
            name="ebook_access_note",
        ),
        migrations.RemoveField(
            model_name="book",
            name="ebook_access_note_en",
        ),
        migrations.RemoveField(
            model_name="book",
            name="ebook_platform",
        ),
        migrations.RemoveField(
            model_name="book",
            name="ebook_platform_en",
        ),
        migrations.RemoveField(
            model_name="book",
            name="ebook_url",
        ),
    ]
