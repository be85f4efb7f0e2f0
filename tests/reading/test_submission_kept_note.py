"""A note photo sent with a recommendation form that comes back with an error is kept: for the
same form session only, as a thumbnail, replaceable and removable, for a limited time."""

import io
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from PIL import Image

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from reading.models import PendingNote, Submission
from tests.factories import SubmissionFactory
from tests.factories.campaigns import campaign_in_both_languages
from tests.reading.test_submission_form import data, url


def jpeg(colour="white", size=(300, 400)):
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG")
    return out.getvalue()


def photo(content=None, name="my note.jpg"):
    return SimpleUploadedFile(name, content or jpeg(), content_type="image/jpeg")


@pytest.fixture
def campaign(home):
    return campaign_in_both_languages(home)[0]


def refused_with_photo(client, campaign, content=None, **fields):
    """Post with the text left empty and a photo; returns the response and the kept photo."""
    response = client.post(
        url(campaign, "en"), {**data(text="", **fields), "note_file": photo(content)}
    )
    assert response.status_code == 400
    return response, PendingNote.objects.order_by("-pk").first()


@pytest.mark.django_db
def test_photo_survives_a_failed_submit_and_goes_with_the_submission(client, campaign):
    original = jpeg("#f3e9d2")
    response, kept = refused_with_photo(client, campaign, original)
    assert kept is not None and bytes(kept.data) == original
    assert response["Cache-Control"] == "private, no-store"
    thumbnail_url = f"/en/campaigns/kept-notes/{kept.token}.jpg"
    assert thumbnail_url in response.text
    assert f'name="pending_note" value="{kept.token}"' in response.text
    assert "is kept: you need not choose it again" in response.text

    thumbnail = client.get(thumbnail_url)
    assert thumbnail.status_code == 200 and thumbnail["Content-Type"] == "image/jpeg"
    assert "no-store" in thumbnail["Cache-Control"]
    assert Image.open(io.BytesIO(thumbnail.content)).size[1] <= 480

    # Posted again without choosing the file again.
    again = client.post(url(campaign, "en"), {**data(), "pending_note": kept.token})
    assert again.status_code == 302
    submission = Submission.objects.get()
    with submission.note_file.open("rb") as handle:
        assert handle.read() == original
    assert submission.note_content_type == "image/jpeg"
    assert not PendingNote.objects.exists()  # given to the submission, not kept twice

    confirmation = client.get(again["Location"])
    assert "Your note arrived" in confirmation.text
    note_url = f"/en/campaigns/submissions/{submission.token}/note.jpg"
    assert note_url in confirmation.text
    assert client.get(note_url)["Content-Type"] == "image/jpeg"


@pytest.mark.django_db
def test_another_session_cannot_see_or_take_the_photo(client, campaign):
    _, kept = refused_with_photo(client, campaign)
    stranger = Client()
    assert stranger.get(f"/en/campaigns/kept-notes/{kept.token}.jpg").status_code == 404
    stranger.get(url(campaign, "en"))  # a session of its own
    assert stranger.get(f"/zh-hans/campaigns/kept-notes/{kept.token}.jpg").status_code == 404
    taken = stranger.post(url(campaign, "en"), {**data(), "pending_note": kept.token})
    assert taken.status_code == 400 and "Please choose it again" in taken.text
    assert not Submission.objects.exists()
    assert PendingNote.objects.filter(pk=kept.pk).exists()  # still the owner's


@pytest.mark.django_db
def test_the_photo_is_never_under_the_public_media_url(client, campaign, settings):
    original = jpeg("#123456", size=(301, 399))
    refused_with_photo(client, campaign, original)
    stored = [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]
    assert all(path.read_bytes() != original for path in stored)


@pytest.mark.django_db
def test_a_new_photo_replaces_the_kept_one(client, campaign):
    _, first = refused_with_photo(client, campaign, jpeg("red"))
    second_bytes = jpeg("blue")
    response = client.post(
        url(campaign, "en"),
        {**data(text=""), "pending_note": first.token, "note_file": photo(second_bytes)},
    )
    assert response.status_code == 400
    second = PendingNote.objects.get()  # the first is gone
    assert second.token != first.token and bytes(second.data) == second_bytes
    client.post(url(campaign, "en"), {**data(), "pending_note": second.token})
    with Submission.objects.get().note_file.open("rb") as handle:
        assert handle.read() == second_bytes


@pytest.mark.django_db
def test_a_refused_replacement_keeps_the_earlier_photo(client, campaign):
    _, kept = refused_with_photo(client, campaign)
    fake = SimpleUploadedFile("note.jpg", b"<html>not a photo</html>", content_type="image/jpeg")
    response = client.post(
        url(campaign, "en"), {**data(), "pending_note": kept.token, "note_file": fake}
    )
    assert response.status_code == 400 and "really a HTML file" in response.text
    assert f"/en/campaigns/kept-notes/{kept.token}.jpg" in response.text
    assert PendingNote.objects.get() == kept


@pytest.mark.django_db
def test_the_reader_may_remove_the_kept_photo(client, campaign):
    _, kept = refused_with_photo(client, campaign, consent_note="on")
    response = client.post(
        url(campaign, "en"),
        {**data(consent_note="on"), "pending_note": kept.token, "remove_note": "on"},
    )
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert not submission.note_file and not submission.consent_note
    assert not PendingNote.objects.exists()


@pytest.mark.django_db
def test_removing_it_on_a_refused_post_drops_it_at_once(client, campaign):
    _, kept = refused_with_photo(client, campaign)
    response = client.post(
        url(campaign, "en"), {**data(text=""), "pending_note": kept.token, "remove_note": "on"}
    )
    assert response.status_code == 400 and "kept-notes" not in response.text
    assert not PendingNote.objects.exists()


@pytest.mark.django_db
def test_a_bad_file_is_not_kept(client, campaign):
    fake = SimpleUploadedFile("note.jpg", b"\xff\xd8\xff\xe0 truncated", content_type="image/jpeg")
    response = client.post(url(campaign, "en"), {**data(text=""), "note_file": fake})
    assert response.status_code == 400 and not PendingNote.objects.exists()


@pytest.mark.django_db
def test_the_catalogue_look_up_without_javascript_keeps_the_photo(client, campaign):
    response = client.post(url(campaign, "en"), {**data(), "lookup": "1", "note_file": photo()})
    kept = PendingNote.objects.get()
    assert response.status_code == 200 and kept.token in response.text
    assert not Submission.objects.exists()


@pytest.mark.django_db
def test_a_pdf_scan_is_kept_with_a_thumbnail(client, campaign):
    out = io.BytesIO()
    Image.new("RGB", (200, 280), "white").save(out, "PDF")
    upload = SimpleUploadedFile("note.pdf", out.getvalue(), content_type="application/pdf")
    client.post(url(campaign, "en"), {**data(text=""), "note_file": upload})
    kept = PendingNote.objects.get()
    assert kept.content_type == "application/pdf"
    thumbnail = client.get(f"/en/campaigns/kept-notes/{kept.token}.jpg")
    assert thumbnail.status_code == 200 and thumbnail.content.startswith(b"\xff\xd8")


@pytest.mark.django_db
def test_a_photo_whose_time_is_up_is_asked_for_again(client, campaign, settings):
    settings.RECOMMENDATION_PENDING_NOTE_SECONDS = 3600
    _, kept = refused_with_photo(client, campaign)
    PendingNote.objects.filter(pk=kept.pk).update(created_at=timezone.now() - timedelta(hours=2))
    assert client.get(f"/en/campaigns/kept-notes/{kept.token}.jpg").status_code == 404
    response = client.post(url(campaign, "en"), {**data(), "pending_note": kept.token})
    assert response.status_code == 400
    assert "no longer kept (we keep it for 1 hours)" in response.text
    assert not Submission.objects.exists()
    out = StringIO()
    call_command("purge_pending_notes", stdout=out)
    assert "removed 1" in out.getvalue() and not PendingNote.objects.exists()


@pytest.mark.django_db
def test_keeping_a_photo_removes_the_expired_ones(client, campaign):
    _, old = refused_with_photo(client, campaign)
    PendingNote.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=2))
    refused_with_photo(Client(), campaign)
    assert not PendingNote.objects.filter(pk=old.pk).exists()
    assert PendingNote.objects.count() == 1


@pytest.mark.django_db
def test_the_status_page_note_thumbnail_needs_the_private_link(client, campaign):
    submission = SubmissionFactory(campaign=campaign, note_content_type="image/jpeg")
    submission.note_file.save("note.jpg", photo().file, save=True)
    assert (
        client.get(f"/zh-hans/campaigns/submissions/{submission.token}/note.jpg").status_code == 200
    )
    assert client.get("/zh-hans/campaigns/submissions/not-the-token/note.jpg").status_code == 404
    without = SubmissionFactory(campaign=campaign)
    assert client.get(f"/zh-hans/campaigns/submissions/{without.token}/note.jpg").status_code == 404


@pytest.mark.django_db
def test_asked_for_changes_the_reader_sees_and_may_remove_their_note(client, campaign):
    submission = SubmissionFactory(
        campaign=campaign, status="changes", language="en", note_content_type="image/jpeg"
    )
    submission.note_file.save("note.jpg", photo().file, save=True)
    form = client.get(f"/en/campaigns/submissions/{submission.token}/")
    assert f"/en/campaigns/submissions/{submission.token}/note.jpg" in form.text
    assert "Replace it with another photo" in form.text
    posted = {**data(), "remove_note": "on"}
    response = client.post(f"/en/campaigns/submissions/{submission.token}/", posted)
    assert response.status_code == 302
    submission.refresh_from_db()
    assert not submission.note_file and submission.status == "pending"


@pytest.mark.django_db
def test_keeping_a_photo_leaves_the_page_cache_alone(client, campaign):
    from website.core.cache import current_version

    before = current_version()
    refused_with_photo(client, campaign)
    assert current_version() == before


@pytest.mark.django_db
def test_asked_for_changes_a_new_photo_survives_a_refused_edit(client, campaign):
    submission = SubmissionFactory(campaign=campaign, status="changes", language="en")
    edit = f"/en/campaigns/submissions/{submission.token}/"
    new_photo = jpeg("#abcdef", size=(120, 160))
    refused = client.post(edit, {**data(text=""), "note_file": photo(new_photo)})
    kept = PendingNote.objects.get()
    assert refused.status_code == 400 and kept.token in refused.text
    assert client.post(edit, {**data(), "pending_note": kept.token}).status_code == 302
    submission.refresh_from_db()
    with submission.note_file.open("rb") as handle:
        assert handle.read() == new_photo
    assert submission.status == "pending" and not PendingNote.objects.exists()


@pytest.mark.django_db
def test_one_session_keeps_a_few_photos_not_a_store(client, campaign):
    for _ in range(5):  # five forms refused without posting the kept token back
        refused_with_photo(client, campaign)
    assert PendingNote.objects.count() == 3


@pytest.mark.django_db
def test_an_address_may_keep_only_so_many_photos(campaign, settings):
    settings.RECOMMENDATION_KEPT_NOTE_MAX_PER_WINDOW = 2
    statuses = []
    for _ in range(3):
        response = Client().post(url(campaign, "en"), {**data(text=""), "note_file": photo()})
        statuses.append(response.status_code)
    assert statuses == [400, 400, 400]
    assert PendingNote.objects.count() == 2
    assert "We could not keep your photo this time" in response.text
