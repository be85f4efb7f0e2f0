"""Accepting a scanned note into the archive: checked for what it is, then stored for good.

A file is judged by its bytes, never by its name or the type the browser claims: only JPEG,
PNG, TIFF and PDF are archived, within a size and a pixel limit (a small PNG can claim
billions of pixels and exhaust the server when decoded), and only when it decodes completely
(a truncated JPEG would be archived as a damaged original). `UploadRefused` carries a message
for the person who uploaded it. The campaign submission form uses the same checks.
"""

import hashlib
import io
import logging
import re
import struct
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

SIGNATURES = [
    (b"\xff\xd8\xff", "jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"%PDF-", "pdf"),
]
PDF_PAGE = re.compile(rb"/Type\s*/Page(?!s)")
PDF_NO_PAGES = re.compile(rb"/Count\s*0(?![0-9])")
PILLOW_FORMATS = {"jpeg": "JPEG", "png": "PNG", "tiff": "TIFF"}
# A stored file's extension is that of the format its bytes prove, never the uploader's own
FORMAT_EXTENSIONS = {"jpeg": "jpg", "png": "png", "tiff": "tif", "pdf": "pdf"}
UNKNOWN_EXTENSION = "bin"
DISPLAY_SIDE = 2000
# The archive list's thumbnail, made at upload so that a list of new notes never renders them
THUMBNAIL_SPEC = "max-96x128"
PDF_DISPLAY_DPI = 150


class UploadRefused(ValidationError):
    """The file cannot be archived; the message says why, in the uploader's language."""

    def __init__(self, message, code="invalid"):
        super().__init__(message, code=code)
        self.reason = message


@dataclass
class Inspection:
    data: bytes
    sha256: str
    file_format: str
    byte_size: int
    width: int | None
    height: int | None
    page_count: int
    original_filename: str


def max_bytes():
    return getattr(settings, "ARCHIVE_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)


def max_pixels():
    return getattr(settings, "ARCHIVE_MAX_PIXELS", 64_000_000)


def sniff(head):
    """The format the first bytes prove, or None."""
    for signature, name in SIGNATURES:
        if head.startswith(signature):
            return name
    return None


def extension_of(uploaded):
    """The extension for storing an upload: its proven format's, `bin` for anything else (a
    file that was never checked is then not served as HTML or run as a script by its name)."""
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    return FORMAT_EXTENSIONS.get(sniff(head), UNKNOWN_EXTENSION)


class ProvenFormatFieldFile(FieldFile):
    def save(self, name, content, save=True):
        super().save(f"upload.{extension_of(content)}", content, save)


class ProvenFormatFileField(models.FileField):
    """A file field that stores every file under the extension of the format its bytes prove,
    whatever name it came with (the upload_to function gets `upload.<ext>`)."""

    attr_class = ProvenFormatFieldFile


def _describe(head):
    """A short human name for common things that are not accepted (for the message)."""
    text = head[:512].lstrip().lower()
    if text.startswith((b"<?xml", b"<svg")) or b"<svg" in text:
        return "SVG"
    if text.startswith((b"<!doctype html", b"<html")) or b"<html" in text:
        return "HTML"
    for signature, name in [
        (b"GIF8", "GIF"),
        (b"RIFF", "WebP"),
        (b"BM", "BMP"),
        (b"PK\x03\x04", "ZIP"),
    ]:
        if head.startswith(signature):
            return name
    return None


def _read(uploaded):
    """The bytes of an uploaded file (or a path or bytes), refusing an oversized one unread."""
    limit = max_bytes()
    if isinstance(uploaded, bytes | bytearray):
        data = bytes(uploaded)
    else:
        size = getattr(uploaded, "size", None)
        if size is not None and size > limit:
            raise _too_big(size, limit)
        if hasattr(uploaded, "seek"):
            uploaded.seek(0)
        data = uploaded.read(limit + 1)
    if len(data) > limit:
        raise _too_big(len(data), limit)
    return data


def _too_big(size, limit):
    return UploadRefused(
        _("The file is %(size)s MB; the archive accepts files up to %(limit)s MB.")
        % {"size": round(size / 1024 / 1024, 1), "limit": round(limit / 1024 / 1024, 1)},
        code="too_big",
    )


NAME_LIMIT = 255  # the longest title or file name a column of the archive holds


def shorten(text, limit=NAME_LIMIT):
    """`text` cut to `limit` characters with "…" where it was cut, keeping a file name's
    extension: a very long uploaded name is kept recognisable and never overflows a column."""
    if len(text) <= limit:
        return text
    stem, dot, extension = text.rpartition(".")
    if dot and stem and len(extension) <= 10:
        return stem[: limit - len(extension) - 2] + "…." + extension
    return text[: limit - 1] + "…"


def inspect(uploaded, filename=None):
    """Check an upload and describe it; raise UploadRefused with the reason otherwise."""
    filename = filename or getattr(uploaded, "name", "") or ""
    data = _read(uploaded)
    if not data:
        raise UploadRefused(_("The file is empty (0 bytes)."), code="empty")
    file_format = sniff(data[:16])
    if file_format is None:
        found = _describe(data[:1024])
        if found:
            message = _(
                "“%(name)s” is really a %(found)s file, whatever its name says; the archive "
                "accepts JPEG, PNG, TIFF and PDF only."
            ) % {"name": filename, "found": found}
        else:
            message = _(
                "“%(name)s” is not a JPEG, PNG, TIFF or PDF file (judged by its contents, "
                "not its name)."
            ) % {"name": filename}
        raise UploadRefused(message, code="format")
    if file_format == "pdf":
        width, height, pages = _inspect_pdf(data)
    else:
        width, height, pages = _inspect_image(data, file_format)
    return Inspection(
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
        file_format=file_format,
        byte_size=len(data),
        width=width,
        height=height,
        page_count=pages,
        original_filename=shorten(filename.rsplit("/", 1)[-1]),
    )


def _too_many_pixels(width=None, height=None):
    if width is None:
        message = _(
            "The image claims more than the %(limit)s million pixels the archive accepts; it "
            "may be a decompression bomb."
        ) % {"limit": max_pixels() // 1_000_000}
    else:
        message = _(
            "The image claims %(width)s × %(height)s pixels, more than the %(limit)s million the "
            "archive accepts; it may be a decompression bomb."
        ) % {"width": width, "height": height, "limit": max_pixels() // 1_000_000}
    return UploadRefused(message, code="pixels")


def _inspect_image(data, file_format):
    damaged = UploadRefused(
        _("The image is damaged or incomplete and cannot be read in full."), code="damaged"
    )
    limit = max_pixels()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[PILLOW_FORMATS[file_format]]) as image:
                frames = getattr(image, "n_frames", 1)
                width, height = image.size
                for frame in range(frames):
                    image.seek(frame)
                    if image.size[0] * image.size[1] > limit:
                        raise _too_many_pixels(*image.size)
                    image.load()  # decode every byte: a truncated file fails here
    except UploadRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _too_many_pixels(*_claimed_size(data)) from exc
    except (OSError, SyntaxError, ValueError, EOFError, Image.UnidentifiedImageError) as exc:
        raise damaged from exc
    return width, height, frames


def _claimed_size(data):
    """Width and height from a PNG header (Pillow refuses to open a bomb at all), else None."""
    if data.startswith(b"\x89PNG") and data[12:16] == b"IHDR":
        return struct.unpack(">II", data[16:24])
    return (None, None)


def _inspect_pdf(data):
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        if PDF_NO_PAGES.search(data) and not PDF_PAGE.search(data):
            # PDFium will not open a document whose page tree is empty; say so plainly
            raise UploadRefused(_("The PDF has no pages."), code="no_pages") from exc
        raise UploadRefused(
            _("The PDF is damaged or protected by a password and cannot be opened."),
            code="damaged",
        ) from exc
    try:
        if len(pdf) == 0:
            raise UploadRefused(_("The PDF has no pages."), code="no_pages")
        page_width, page_height = pdf[0].get_size()
        scale = PDF_DISPLAY_DPI / 72
        width, height = round(page_width * scale), round(page_height * scale)
        if width * height > max_pixels():
            raise _too_many_pixels(width, height)
        return width, height, len(pdf)
    finally:
        pdf.close()


def display_bytes(inspection):
    """A JPEG of the first page for the web (the original is kept as it came)."""
    if inspection.file_format == "pdf":
        import pypdfium2

        pdf = pypdfium2.PdfDocument(inspection.data)
        try:
            image = pdf[0].render(scale=PDF_DISPLAY_DPI / 72).to_pil()
        finally:
            pdf.close()
    else:
        image = Image.open(io.BytesIO(inspection.data))
        image.seek(0)
        image = ImageOps.exif_transpose(image)
    image = image.convert("RGB")
    image.thumbnail((DISPLAY_SIDE, DISPLAY_SIDE))
    # Pixels only: Pillow would copy the scan's JPEG comment (where a script can hide) into the
    # public image, and EXIF or XMP can name a phone, a place or a person.
    image.info = {}
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88)
    return out.getvalue()


ARCHIVE_COLLECTION_NAME = "Archived notes"


def archive_collection():
    """The image collection of the display images, apart from the editors' own images so that
    only archive staff see it (reading.archive_images: a private note's scan is not for
    every editor)."""
    from wagtail.models import Collection

    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=ARCHIVE_COLLECTION_NAME).first()
    return existing or root.add_child(name=ARCHIVE_COLLECTION_NAME)


def _store_original(inspection, path):
    """Write the original bytes at `path`, unless the same bytes are already there."""
    if default_storage.exists(path):
        with default_storage.open(path, "rb") as handle:
            if hashlib.sha256(handle.read()).hexdigest() == inspection.sha256:
                return path, False
    return default_storage.save(path, ContentFile(inspection.data)), True


def archive_upload(uploaded, user=None, filename=None, queue_ocr=True, **fields):
    """Archive one file; returns (item, created). The same bytes already archived are not
    stored twice: the existing item is returned with created=False.

    Raises UploadRefused before anything is written. OCR is queued after the commit, so the
    request returns at once with the item waiting.
    """
    from wagtail.images import get_image_model

    from reading.models import ArchiveItem
    from reading.models.archive import original_path

    if "published_alone" not in fields:
        # A librarian who archives a consented scan that belongs to no recommendation
        # publishes it by itself; a note of a recommendation waits for that recommendation.
        fields["published_alone"] = bool(fields.get("consent_public")) and not (
            fields.get("recommendation") or fields.get("recommendation_id")
        )
    inspection = inspect(uploaded, filename)
    existing = ArchiveItem.objects.filter(sha256=inspection.sha256).first()
    if existing is not None:
        return existing, False

    path = original_path(inspection.sha256, inspection.file_format)
    stored_path, wrote = _store_original(inspection, path)
    display = None
    try:
        with transaction.atomic():
            display = get_image_model()(
                collection=archive_collection(),
                title=shorten(
                    _("Archived note %(name)s")
                    % {"name": inspection.original_filename or inspection.sha256[:12]}
                ),
                file=ContentFile(
                    display_bytes(inspection), name=f"note-{inspection.sha256[:16]}.jpg"
                ),
            )
            display.save()
            item = ArchiveItem(
                sha256=inspection.sha256,
                file_format=inspection.file_format,
                byte_size=inspection.byte_size,
                width=inspection.width,
                height=inspection.height,
                page_count=inspection.page_count,
                original_filename=inspection.original_filename,
                added_by=user if user is not None and user.is_authenticated else None,
                display_image=display,
                **fields,
            )
            item.original.name = stored_path
            item.save()
    except Exception:
        # nothing half-written: a new original without its record is removed again
        if wrote:
            default_storage.delete(stored_path)
        if display is not None and display.file:
            display.file.storage.delete(display.file.name)
        raise
    try:
        display.get_rendition(THUMBNAIL_SPEC)
    except Exception:  # the list makes it later; the archived note is what matters
        logger.exception("could not make the thumbnail of note %s", item.pk)
    logger.info("archived note", extra={"sha256": item.sha256, "format": item.file_format})
    if queue_ocr:
        from reading.tasks import queue_ocr as queue

        transaction.on_commit(lambda: queue(item.pk))
    return item, True
