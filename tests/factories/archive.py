"""Archived notes built the way the archive builds them (through `archive_upload`), so that the
original, its checksum and the display image are real."""

import io

import factory
from PIL import Image, ImageDraw

from reading.models import ArchiveItem


def note_image_bytes(text="note", size=(320, 200), file_format="PNG", seed=0):
    """A small image of a note; `seed` changes a pixel so that each has its own checksum."""
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    draw.text((10, 10), text, fill="black")
    image.putpixel((size[0] - 1, size[1] - 1), (seed % 256, (seed // 256) % 256, 0))
    out = io.BytesIO()
    image.save(out, file_format)
    return out.getvalue()


class ArchiveItemFactory(factory.django.DjangoModelFactory):
    """`data=` gives the original's bytes (default: a generated PNG), `filename=` its name."""

    data = factory.Sequence(lambda n: note_image_bytes(f"note {n}", seed=n))
    filename = factory.Sequence(lambda n: f"note-{n}.png")
    added_by = None

    class Meta:
        model = ArchiveItem

    @classmethod
    def _create(cls, model_class, *args, data=None, filename=None, added_by=None, **fields):
        from reading.uploads import archive_upload

        status_fields = {
            name: fields.pop(name)
            for name in list(fields)
            if name.startswith("ocr_") or name in {"transcription", "corrected_at", "corrected_by"}
        }
        item, _created = archive_upload(
            data, user=added_by, filename=filename, queue_ocr=False, **fields
        )
        if status_fields:
            for name, value in status_fields.items():
                setattr(item, name, value)
            item.save()
        return item
