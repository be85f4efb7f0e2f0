"""The librarians' side: upload one or many scans, see them wait, correct beside the scan,
retry a failed OCR; bad files are refused with their reason, never a server error."""

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reading.models import ArchiveItem, OcrStatus
from tests.factories import ArchiveItemFactory, UserFactory
from tests.factories.archive import note_image_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def no_ocr(monkeypatch):
    """Uploads queue OCR; here the queue is only recorded, as with a real worker."""
    queued = []
    monkeypatch.setattr("reading.tasks.queue_ocr", queued.append)
    return queued


def upload(client, *files, **data):
    return client.post(reverse("reading_archive:add"), {"files": list(files), **data})


def test_upload_page_renders(admin_client):
    response = admin_client.get(reverse("reading_archive:add"))
    assert response.status_code == 200
    assert b"multiple" in response.content


def test_upload_several_files_returns_at_once_with_them_waiting(
    admin_client, editor, no_ocr, django_capture_on_commit_callbacks
):
    files = [
        SimpleUploadedFile(f"note{n}.png", note_image_bytes(f"n{n}", seed=n), "image/png")
        for n in range(3)
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(admin_client, *files, consent_public="on")
    assert response.status_code == 302
    items = list(ArchiveItem.objects.all())
    assert len(items) == 3
    assert {item.ocr_status for item in items} == {OcrStatus.WAITING}
    assert all(item.consent_public and item.added_by == editor for item in items)
    assert sorted(no_ocr) == sorted(item.pk for item in items)

    listing = admin_client.get(reverse("reading_archive:index") + "?ocr_status=waiting")
    assert listing.status_code == 200
    assert b"note0.png" in listing.content


def test_bad_files_are_refused_with_their_reason_and_good_ones_kept(admin_client, no_ocr):
    existing = ArchiveItemFactory()
    before = existing.read_original()
    good = SimpleUploadedFile("good.png", note_image_bytes("good", seed=77))
    empty = SimpleUploadedFile("empty.jpg", b"")
    svg = SimpleUploadedFile(
        "evil.jpg", b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", "image/jpeg"
    )
    response = upload(admin_client, good, empty, svg)
    assert response.status_code == 200
    html = response.content.decode()
    assert "evil.jpg" in html and "SVG" in html
    assert "empty.jpg" in html and "0 bytes" in html
    assert ArchiveItem.objects.count() == 2
    assert ArchiveItem.objects.filter(original_filename="good.png").exists()
    existing.refresh_from_db()
    assert existing.read_original() == before


def test_upload_without_a_file_asks_for_one(admin_client):
    response = upload(admin_client)
    assert response.status_code == 200
    assert ArchiveItem.objects.count() == 0


def test_list_filters_by_status(admin_client):
    ArchiveItemFactory(filename="waiting.png")
    ArchiveItemFactory(filename="failed.png", ocr_status=OcrStatus.FAILED, ocr_error="boom")
    response = admin_client.get(reverse("reading_archive:index"), {"ocr_status": "failed"})
    assert b"failed.png" in response.content
    assert b"waiting.png" not in response.content


def test_edit_shows_scan_beside_the_draft_and_records_the_corrector(admin_client, editor):
    item = ArchiveItemFactory(ocr_status=OcrStatus.DONE, ocr_draft="推荐《鼠疫》，在今天读来")
    url = reverse("reading_archive:edit", args=[item.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'class="archive-scan"' in html and "<img" in html
    assert "推荐《鼠疫》，在今天读来" in html  # the draft fills the text to correct
    response = admin_client.post(
        url,
        {
            "transcription": "推荐《鼠疫》，在今天读来格外有现实意义。",
            "rights_statement": item.rights_statement,
            "consent_public": "on",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.transcription == "推荐《鼠疫》，在今天读来格外有现实意义。"
    assert item.corrected_by == editor
    assert item.corrected_at is not None
    assert item.ocr_draft == "推荐《鼠疫》，在今天读来"


def test_failed_item_shows_reason_and_retry_queues_it(
    admin_client, no_ocr, django_capture_on_commit_callbacks
):
    item = ArchiveItemFactory(ocr_status=OcrStatus.FAILED, ocr_error="Tesseract is not installed")
    page = admin_client.get(reverse("reading_archive:edit", args=[item.pk]))
    assert b"Tesseract is not installed" in page.content
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("reading_archive:retry", args=[item.pk]))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.ocr_status == OcrStatus.WAITING
    assert item.ocr_error == ""
    assert no_ocr == [item.pk]
    assert admin_client.get(reverse("reading_archive:retry", args=[item.pk])).status_code == 405


def test_original_download_is_for_librarians_only(client, admin_client):
    item = ArchiveItemFactory()
    response = admin_client.get(reverse("reading_archive:original", args=[item.pk]))
    assert b"".join(response.streaming_content) == item.read_original()
    reader = UserFactory(is_staff=True)
    client.force_login(reader)
    assert client.get(reverse("reading_archive:original", args=[item.pk])).status_code in (302, 403)
    assert client.post(reverse("reading_archive:retry", args=[item.pk])).status_code in (302, 403)


def test_list_query_count_does_not_grow(admin_client, django_assert_max_num_queries):
    ArchiveItemFactory.create_batch(2)
    url = reverse("reading_archive:index")
    admin_client.get(url)
    with django_assert_max_num_queries(40) as small:
        admin_client.get(url)
    ArchiveItemFactory.create_batch(8)
    with django_assert_max_num_queries(len(small.captured_queries)):
        admin_client.get(url)


def test_inspect_view_shows_the_technical_metadata(admin_client):
    item = ArchiveItemFactory()
    response = admin_client.get(reverse("reading_archive:inspect", args=[item.pk]))
    assert response.status_code == 200
    assert item.sha256.encode() in response.content


def test_sixty_megabyte_upload_is_refused_by_the_view(admin_client, no_ocr):
    big = SimpleUploadedFile("huge.tif", b"II*\x00" + b"\x00" * (60 * 1024 * 1024))
    response = upload(admin_client, big)
    assert response.status_code == 200
    assert b"huge.tif" in response.content
    assert ArchiveItem.objects.count() == 0


def test_item_stuck_running_past_its_timeout_can_be_retried_from_the_admin(
    admin_client, no_ocr, django_capture_on_commit_callbacks
):
    """A worker that died mid-run leaves the item "running": after the timeout, the
    librarian sees why and a button that queues it again."""
    from django.utils import timezone

    from reading.tasks import stuck_after

    item = ArchiveItemFactory(
        ocr_status=OcrStatus.RUNNING,
        ocr_started_at=timezone.now() - stuck_after() - timezone.timedelta(minutes=1),
    )
    page = admin_client.get(reverse("reading_archive:edit", args=[item.pk]))
    html = page.content.decode()
    assert "its worker has probably stopped" in html
    assert reverse("reading_archive:retry", args=[item.pk]) in html
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("reading_archive:retry", args=[item.pk]))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.ocr_status == OcrStatus.WAITING
    assert no_ocr == [item.pk]


def test_item_running_within_its_timeout_is_not_queued_twice(admin_client, no_ocr):
    from django.utils import timezone

    item = ArchiveItemFactory(ocr_status=OcrStatus.RUNNING, ocr_started_at=timezone.now())
    page = admin_client.get(reverse("reading_archive:edit", args=[item.pk]))
    assert reverse("reading_archive:retry", args=[item.pk]) not in page.content.decode()
    admin_client.post(reverse("reading_archive:retry", args=[item.pk]))
    item.refresh_from_db()
    assert item.ocr_status == OcrStatus.RUNNING
    assert no_ocr == []


def test_an_original_whose_last_fixity_check_failed_is_downloaded_only_after_a_warning(
    admin_client,
):
    from django.utils import timezone

    from reading.models import FixityStatus

    item = ArchiveItemFactory()
    ArchiveItem.objects.filter(pk=item.pk).update(
        fixity_status=FixityStatus.CHANGED, last_verified_at=timezone.now()
    )
    edit = admin_client.get(reverse("reading_archive:edit", args=[item.pk])).content.decode()
    assert "no longer matches the checksum" in edit
    url = reverse("reading_archive:original", args=[item.pk])
    warning = admin_client.get(url)
    assert warning.status_code == 200
    assert warning["Content-Type"].startswith("text/html")
    assert "no longer matches the checksum" in warning.content.decode()
    assert f"{url}?confirmed=1" in warning.content.decode()
    anyway = admin_client.get(url, {"confirmed": "1"})
    assert b"".join(anyway.streaming_content) == item.read_original()


def test_an_original_that_passed_its_check_downloads_at_once_and_a_missing_one_says_so(
    admin_client,
):
    from reading.models import FixityStatus

    item = ArchiveItemFactory()
    ArchiveItem.objects.filter(pk=item.pk).update(fixity_status=FixityStatus.OK)
    url = reverse("reading_archive:original", args=[item.pk])
    assert b"".join(admin_client.get(url).streaming_content) == item.read_original()
    item.original.storage.delete(item.original.name)
    ArchiveItem.objects.filter(pk=item.pk).update(fixity_status=FixityStatus.MISSING)
    response = admin_client.get(url, {"confirmed": "1"})
    assert response.status_code == 404
    assert "cannot be read from storage" in response.content.decode()


def test_a_very_long_file_name_is_archived_under_a_shortened_name(admin_client, no_ocr):
    long_name = "读书笔记" * 70 + ".png"  # 284 characters: the image title would pass 255
    response = upload(
        admin_client, SimpleUploadedFile(long_name, note_image_bytes("long", seed=5), "image/png")
    )
    assert response.status_code == 302
    item = ArchiveItem.objects.get()
    assert len(item.original_filename) <= 255 and item.original_filename.endswith(".png")
    assert len(item.display_image.title) <= 255


def test_a_file_that_breaks_midway_is_refused_by_name_and_the_others_are_kept(
    admin_client, no_ocr, monkeypatch
):
    import reading.viewsets.archive as view_module

    real = view_module.archive_upload

    def flaky(uploaded, **kwargs):
        if uploaded.name == "broken.png":
            raise RuntimeError("storage went away")
        return real(uploaded, **kwargs)

    monkeypatch.setattr(view_module, "archive_upload", flaky)
    files = [
        SimpleUploadedFile("first.png", note_image_bytes("a", seed=1), "image/png"),
        SimpleUploadedFile("broken.png", note_image_bytes("b", seed=2), "image/png"),
        SimpleUploadedFile("third.png", note_image_bytes("c", seed=3), "image/png"),
    ]
    response = upload(admin_client, *files)
    assert response.status_code == 200
    html = response.content.decode()
    assert "broken.png" in html and "nothing of it was kept" in html
    assert "first.png" in html and "third.png" in html  # the message names what was kept
    assert set(ArchiveItem.objects.values_list("original_filename", flat=True)) == {
        "first.png",
        "third.png",
    }
