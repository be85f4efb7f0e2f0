"""What a reader or librarian uploads is stored as what its bytes are, and what the public sees
of it carries pixels only: no extension of the uploader's choosing, no JPEG comment (where a
script can hide and survive re-encoding), no EXIF or XMP."""

import io

import pytest
from PIL import Image

from django.core.files.uploadedfile import SimpleUploadedFile

from reading.models import Submission
from reading.uploads import archive_upload
from tests.factories.campaigns import campaign_in_both_languages

SCRIPT = b"<script>alert(document.cookie)</script>"


def png():
    out = io.BytesIO()
    Image.new("RGB", (80, 60), "white").save(out, "PNG")
    return out.getvalue()


def jpeg_with_metadata():
    """A JPEG whose comment holds a script and whose EXIF names a camera."""
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x0110] = "Reader's phone"  # Model
    Image.new("RGB", (400, 300), "white").save(out, "JPEG", comment=SCRIPT, exif=exif)
    return out.getvalue()


@pytest.fixture
def campaign(home):
    return campaign_in_both_languages(home)[0]


def form_data():
    return {
        "name": "李华",
        "role": "student",
        "school": "工学院",
        "email": "lihua@mail.example.edu",
        "name_display": "full",
        "isbn": "",
        "title": "三体",
        "author": "刘慈欣",
        "text": "宏大的宇宙观让我第一次意识到文明与科学的脆弱和珍贵。",
        "consent_text": "on",
        "consent_note": "on",
        "website": "",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("filename", [".htaccess", "note.html", "note.exe", "NOTE.PHP"])
def test_a_submission_copy_is_stored_under_its_proven_format(client, campaign, filename):
    note = SimpleUploadedFile(filename, png(), content_type="text/html")
    client.post(f"/zh-hans/campaigns/{campaign.pk}/recommend/", {**form_data(), "note_file": note})
    name = Submission.objects.get().note_file.name
    assert name.endswith(".png") and name.count(".") == 1


@pytest.mark.django_db
def test_display_image_and_renditions_carry_no_comment_or_exif():
    item, _created = archive_upload(jpeg_with_metadata(), filename="note.jpg", queue_ocr=False)
    display = item.display_image
    rendition = display.get_rendition("max-800x1100")
    for field_file in (display.file, rendition.file):
        with field_file.storage.open(field_file.name, "rb") as handle:
            data = handle.read()
        assert SCRIPT not in data
        with Image.open(io.BytesIO(data)) as image:
            assert "comment" not in image.info and "exif" not in image.info
            assert "xmp" not in image.info


@pytest.mark.django_db
@pytest.mark.parametrize("spec", ["fill-120x90", "width-100|format-webp", "width-100|format-png"])
def test_renditions_of_any_image_carry_no_comment_or_exif(spec):
    from django.core.files.base import ContentFile

    from wagtail.images import get_image_model

    image = get_image_model().objects.create(
        title="Reading room", file=ContentFile(jpeg_with_metadata(), name="room.jpg")
    )
    rendition = image.get_rendition(spec)
    with rendition.file.storage.open(rendition.file.name, "rb") as handle:
        data = handle.read()
    assert SCRIPT not in data and b"Reader's phone" not in data
    with Image.open(io.BytesIO(data)) as decoded:
        decoded.load()
        assert not {"comment", "exif", "xmp"} & set(decoded.info)


def test_stripping_keeps_the_colour_profile_and_the_pixels():
    from website.core.image_metadata import strip

    out = io.BytesIO()
    profile = b"\x00" * 128  # any bytes: kept as they are
    Image.new("RGB", (40, 30), "red").save(out, "JPEG", comment=SCRIPT, icc_profile=profile)
    clean = strip(out.getvalue())
    assert SCRIPT not in clean
    with Image.open(io.BytesIO(clean)) as image:
        assert image.info.get("icc_profile") == profile
        assert image.getpixel((5, 5))[0] > 200
