"""Public images carry pixels, not metadata.

A re-encoded image keeps more than its pixels: Pillow copies a JPEG's comment (where a script
can hide and survive into every rendition), Willow copies EXIF (a phone, a place, a time), and
XMP or IPTC can name a person. `strip()` removes them from JPEG, PNG and WebP bytes without
decoding the image, so nothing is lost of its quality; what the image needs to look right stays
(JFIF, the ICC colour profile, Adobe's colour transform, PNG's gamma and palette).
Renditions are written through `MetadataFreeStorageMixin`
(settings.WAGTAILIMAGES_RENDITION_STORAGE); Willow has already turned their pixels upright.
"""

import struct

from django.core.files.base import ContentFile

JPEG_KEPT_APP = {0xE0, 0xEE}  # APP0 JFIF, APP14 Adobe (colour transform)
PNG_DROPPED = {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"}
WEBP_DROPPED = {b"EXIF", b"XMP "}


def strip(data):
    """The same image without comment, EXIF, XMP or IPTC; other bytes are returned as they are."""
    if data.startswith(b"\xff\xd8"):
        return _strip_jpeg(data)
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return _strip_png(data)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _strip_webp(data)
    return data


def _strip_jpeg(data):
    out = [data[:2]]
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            return data  # not a layout we know: leave it whole rather than break it
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == 0xDA:  # start of scan: the compressed image follows, kept as it is
            out.append(data[position:])
            return b"".join(out)
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:
            out.append(data[position : position + 2])
            position += 2
            continue
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        segment = data[position : position + 2 + length]
        position += 2 + length
        if marker == 0xFE:  # comment
            continue
        is_profile = marker == 0xE2 and segment[4:16] == b"ICC_PROFILE\x00"
        if 0xE0 <= marker <= 0xEF and marker not in JPEG_KEPT_APP and not is_profile:
            continue
        out.append(segment)
    return data


def _strip_png(data):
    out = [data[:8]]
    position = 8
    while position + 12 <= len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        end = position + 12 + length
        if kind not in PNG_DROPPED:
            out.append(data[position:end])
        position = end
        if kind == b"IEND":
            return b"".join(out)
    return data


def _strip_webp(data):
    chunks = []
    position = 12
    while position + 8 <= len(data):
        kind = data[position : position + 4]
        (length,) = struct.unpack("<I", data[position + 4 : position + 8])
        end = position + 8 + length + (length & 1)
        chunk = data[position:end]
        if kind == b"VP8X":  # the flags that announce EXIF (0x08) and XMP (0x04)
            chunk = chunk[:8] + bytes([chunk[8] & ~0x0C]) + chunk[9:]
        if kind not in WEBP_DROPPED:
            chunks.append(chunk)
        position = end
    body = b"WEBP" + b"".join(chunks)
    return b"RIFF" + struct.pack("<I", len(body)) + body


class MetadataFreeStorageMixin:
    """A storage whose saved images lose their metadata on the way in (renditions)."""

    def _save(self, name, content):
        content.seek(0)
        data = content.read()
        clean = strip(data)
        if clean is not data:
            content = ContentFile(clean)
        else:
            content.seek(0)
        return super()._save(name, content)
