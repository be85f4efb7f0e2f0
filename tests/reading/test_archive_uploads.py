"""Every file a librarian can give the archive has a defined answer: archived as it is, or
refused with a reason, and nothing already archived changes."""

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from reading.models import ArchiveItem, OcrStatus
from reading.uploads import UploadRefused, archive_upload, inspect
from tests.factories import ArchiveItemFactory
from tests.factories.archive import note_image_bytes

pytestmark = pytest.mark.django_db


def jpeg_bytes(size=(300, 200)):
    out = io.BytesIO()
    Image.new("RGB", size, "white").save(out, "JPEG")
    return out.getvalue()


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb_png(width=100_000, height=100_000):
    """A PNG of a few hundred bytes that claims ten billion pixels."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    body = zlib.compress(b"\x00" * 1000)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", body)
        + png_chunk(b"IEND", b"")
    )


def pdf_bytes(pages=1):
    import pypdfium2

    pdf = pypdfium2.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(595, 842)
    out = io.BytesIO()
    pdf.save(out)
    pdf.close()
    return out.getvalue()


def empty_pdf():
    """A well-formed PDF whose page tree has no pages."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def refused(data, name="scan.jpg"):
    before = list(ArchiveItem.objects.values_list("pk", "sha256"))
    files_before = snapshot_media()
    with pytest.raises(UploadRefused) as caught:
        archive_upload(SimpleUploadedFile(name, data), filename=name)
    assert list(ArchiveItem.objects.values_list("pk", "sha256")) == before
    assert snapshot_media() == files_before
    return caught.value


def snapshot_media():
    root = Path(default_storage.location)
    return {str(path): path.read_bytes() for path in root.rglob("*") if path.is_file()}


@pytest.fixture
def existing():
    """An item already in the archive, which no refusal may touch."""
    return ArchiveItemFactory()


def test_original_is_stored_byte_for_byte_under_its_checksum(editor):
    data = jpeg_bytes()
    item, created = archive_upload(SimpleUploadedFile("../../我的 扫描.jpg", data), user=editor)
    assert created
    assert item.ocr_status == OcrStatus.WAITING
    assert item.original.name == (
        f"archive/originals/{item.sha256[:2]}/{item.sha256[2:4]}/{item.sha256}.jpg"
    )
    assert default_storage.open(item.original.name).read() == data
    assert item.original_filename == "我的 扫描.jpg"
    assert (item.file_format, item.byte_size, item.width, item.height, item.page_count) == (
        "jpeg",
        len(data),
        300,
        200,
        1,
    )
    assert item.added_by == editor
    assert item.display_image.collection.name == "Archived notes"
    assert item.display_image.file.name != item.original.name


def test_same_bytes_are_archived_once(existing):
    data = existing.read_original()
    again, created = archive_upload(SimpleUploadedFile("another-name.png", data))
    assert not created
    assert again.pk == existing.pk
    assert ArchiveItem.objects.count() == 1


def test_format_comes_from_the_bytes_not_the_name():
    item, _created = archive_upload(SimpleUploadedFile("photo.jpg", note_image_bytes()))
    assert item.file_format == "png"
    assert item.original.name.endswith(".png")


def test_tiff_with_two_pages_and_a_pdf_are_accepted():
    frames = [Image.new("L", (200, 300), 255), Image.new("L", (200, 300), 0)]
    out = io.BytesIO()
    frames[0].save(out, "TIFF", save_all=True, append_images=frames[1:])
    tiff, _ = archive_upload(out.getvalue(), filename="two.tif")
    assert (tiff.file_format, tiff.page_count) == ("tiff", 2)
    pdf, _ = archive_upload(pdf_bytes(pages=3), filename="three.pdf")
    assert (pdf.file_format, pdf.page_count) == ("pdf", 3)
    assert pdf.display_image is not None


def test_zero_byte_file_is_refused(existing):
    assert refused(b"").code == "empty"


def test_truncated_jpeg_is_refused(existing):
    data = jpeg_bytes((800, 600))
    error = refused(data[: len(data) // 2])
    assert error.code == "damaged"


def test_pdf_without_pages_is_refused(existing):
    assert refused(empty_pdf(), "note.pdf").code == "no_pages"


def test_damaged_pdf_is_refused(existing):
    assert refused(b"%PDF-1.4\nthis is not a pdf", "note.pdf").code == "damaged"


@pytest.mark.parametrize(
    ("data", "found"),
    [
        (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>', "SVG"),
        (b"<!DOCTYPE html><html><script>alert(1)</script></html>", "HTML"),
        (b"GIF89a" + b"\x00" * 50, "GIF"),
    ],
)
def test_a_file_claiming_to_be_an_image_is_refused(existing, data, found):
    error = refused(data, "scan.jpg")
    assert error.code == "format"
    assert found in error.reason


def test_unknown_bytes_are_refused(existing):
    assert refused(b"just some text", "scan.png").code == "format"


def test_decompression_bomb_is_refused_without_decoding(existing):
    error = refused(bomb_png(), "bomb.png")
    assert error.code == "pixels"
    assert "100000" in error.reason


def test_sixty_megabyte_file_is_refused_unread(existing):
    big = SimpleUploadedFile("huge.jpg", b"\xff\xd8\xff" + b"\x00" * (60 * 1024 * 1024))
    error = refused(big.read(), "huge.jpg")
    assert error.code == "too_big"
    assert "60" in error.reason


def test_size_limit_comes_from_settings(settings):
    settings.ARCHIVE_MAX_UPLOAD_BYTES = 1000
    with pytest.raises(UploadRefused) as caught:
        inspect(jpeg_bytes((400, 400)), "a.jpg")
    assert caught.value.code == "too_big"


def test_failed_database_write_leaves_no_file(monkeypatch):
    def broken_save(self, *args, **kwargs):
        raise RuntimeError("database went away")

    files_before = snapshot_media()
    monkeypatch.setattr(ArchiveItem, "save", broken_save)
    with pytest.raises(RuntimeError):
        archive_upload(jpeg_bytes((123, 45)), filename="x.jpg")
    assert snapshot_media() == files_before
