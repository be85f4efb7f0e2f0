"""Private files never sit under MEDIA_ROOT, which the web server serves to anyone: they are
kept under PRIVATE_MEDIA_ROOT and answered only by views that ask who wants them."""

from pathlib import Path

import pytest

from django.core.files.storage import default_storage

from tests.factories import UserFactory
from tests.website.private_files import SECRET, make_private_files
from website.core.storage import move_private_files

pytestmark = pytest.mark.django_db


@pytest.fixture
def files():
    return make_private_files()


def test_no_private_file_is_under_the_public_media_root(files, settings):
    for what, name in files.refused_names().items():
        assert not (Path(settings.MEDIA_ROOT) / name).exists(), what
        assert (Path(settings.PRIVATE_MEDIA_ROOT) / name).is_file(), what
        assert not default_storage.url(name).startswith(settings.MEDIA_URL), what


def test_public_images_stay_in_the_public_media(files, settings):
    for name in (files.public_image.file.name, files.public_rendition.file.name):
        assert (Path(settings.MEDIA_ROOT) / name).is_file()


def test_a_login_only_document_asks_for_a_login(client, files):
    response = client.get(files.document.url)
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(UserFactory())
    response = client.get(files.document.url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == SECRET


def test_a_hidden_note_image_is_not_found_by_readers(client, files):
    for image_file in (files.hidden_note.display_image.file, files.hidden_rendition.file):
        assert client.get(image_file.url).status_code == 404


def test_archive_staff_see_a_hidden_note_image(client, files):
    client.force_login(UserFactory(is_superuser=True))
    response = client.get(files.hidden_rendition.url)
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-cache"


def test_a_public_note_image_is_seen_by_readers(client, files):
    response = client.get(files.public_note_rendition.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"


def test_private_media_serves_no_other_private_file(client, files):
    client.force_login(UserFactory(is_superuser=True))
    for name in (files.hidden_note.original.name, files.submission.note_file.name):
        assert client.get(default_storage.url(name)).status_code == 404


def test_the_web_server_is_handed_the_file_when_it_can(client, files, settings):
    settings.PRIVATE_MEDIA_ACCEL_PREFIX = "/_private/"
    settings.SENDFILE_BACKEND = "website.core.sendfile"
    response = client.get(files.public_note_rendition.url)
    assert response["X-Accel-Redirect"] == "/_private/" + files.public_note_rendition.file.name
    assert response["Content-Type"] == "image/jpeg" and not response.content


def test_earlier_private_files_move_out_of_the_public_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    for name in ("documents/minutes.txt", "images/reading-room.fill-120x90.jpg"):
        path = settings.MEDIA_ROOT / name
        path.parent.mkdir(parents=True)
        path.write_bytes(b"x")
    assert move_private_files() == ["documents/minutes.txt"]
    assert (settings.PRIVATE_MEDIA_ROOT / "documents/minutes.txt").is_file()
    assert (settings.MEDIA_ROOT / "images/reading-room.fill-120x90.jpg").is_file()
    assert not (settings.MEDIA_ROOT / "documents/minutes.txt").exists()


def test_on_s3_private_files_go_under_their_prefix_and_the_apps_view():
    from website.core.s3_storage import S3MediaStorage

    storage = S3MediaStorage(bucket_name="library", querystring_auth=False)
    assert storage._normalize_name("documents/minutes.txt") == "private/documents/minutes.txt"
    assert storage._normalize_name("images/room.fill-120x90.jpg") == "images/room.fill-120x90.jpg"
    assert storage.url("documents/minutes.txt") == "/private-media/documents/minutes.txt"
