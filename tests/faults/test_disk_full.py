"""The media disk fills up while a scan or a photo is being written: the person gets a clear
answer (507), and neither a truncated file nor a record without its file is left behind."""

import errno
import io
from pathlib import Path

import pytest
from PIL import Image

from django.conf import settings
from django.core.files.base import ContentFile
from django.test import override_settings

from website.core.storage import MediaFileSystemStorage


class DiskFullStorage(MediaFileSystemStorage):
    """Writes the first half of each file, then fails as a full disk does."""

    def _save(self, name, content):
        data = content.read()
        half = ContentFile(data[: len(data) // 2])

        def chunks(chunk_size=None):
            yield half.read()
            raise OSError(errno.ENOSPC, "No space left on device")

        half.chunks = chunks
        return super()._save(name, half)


DISK_FULL = {
    "default": {"BACKEND": f"{__name__}.DiskFullStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def _media_files():
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def _scan(colour="white"):
    out = io.BytesIO()
    Image.new("RGB", (400, 300), colour).save(out, "PNG")
    out.name = "note-001.png"
    out.seek(0)
    return out


def test_the_media_storage_leaves_no_partial_file(tmp_path):
    storage = DiskFullStorage(location=tmp_path)
    with pytest.raises(OSError) as error:
        storage.save("notes/scan.png", ContentFile(b"x" * 10_000))
    assert error.value.errno == errno.ENOSPC
    assert list(tmp_path.rglob("*.*")) == []
    whole = MediaFileSystemStorage(location=tmp_path)
    assert whole.save("notes/scan.png", ContentFile(b"abc")) == "notes/scan.png"
    assert whole.save("notes/scan.png", ContentFile(b"def")) != "notes/scan.png"
    assert (tmp_path / "notes" / "scan.png").read_bytes() == b"abc"
    assert sorted(p.name for p in (tmp_path / "notes").iterdir())[0] == "scan.png"
    assert not [p for p in (tmp_path / "notes").iterdir() if p.name.startswith(".partial")]


# Transactional: a failed save poisons the test's own wrapping transaction, not the site's.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_scan_uploaded_in_the_admin_when_the_disk_is_full(client, editor):
    from django.urls import reverse

    from reading.models import ArchiveItem
    from reading.viewsets.archive import archive_viewset

    url = reverse(archive_viewset.get_url_name("add"))
    client.force_login(editor)
    before = _media_files()
    with override_settings(STORAGES=DISK_FULL):
        response = client.post(url, {"files": [_scan()]})
    assert response.status_code == 507
    assert "Storage full" in response.text
    assert ArchiveItem.objects.count() == 0
    assert _media_files() == before

    # Space freed: the same scan is archived, whole, at the first try.
    response = client.post(url, {"files": [_scan()]})
    assert response.status_code == 302
    item = ArchiveItem.objects.get()
    assert item.original.read() == _scan().read()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_photo_of_a_note_sent_with_a_recommendation_when_the_disk_is_full(client, home):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from reading.models import Submission
    from tests.factories.campaigns import campaign_in_both_languages

    campaign = campaign_in_both_languages(home)[0]
    before = _media_files()
    data = {
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
        "note_file": SimpleUploadedFile("note.png", _scan().read(), content_type="image/png"),
    }
    with override_settings(STORAGES=DISK_FULL):
        response = client.post(f"/zh-hans/campaigns/{campaign.pk}/recommend/", data)
    assert response.status_code == 507
    assert Submission.objects.count() == 0
    assert _media_files() == before
