"""A reader's handwriting is kept once: the archive's copy after acceptance, and a rejected
submission's file only for the set number of days."""

import datetime
import io

import pytest
from PIL import Image

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from reading import moderation
from reading.models import ArchiveItem, Submission
from tests.factories import SubmissionFactory, UserFactory
from tests.factories.campaigns import campaign_in_both_languages

pytestmark = pytest.mark.django_db


def _png(seed=0):
    out = io.BytesIO()
    image = Image.new("RGB", (60, 40), "white")
    image.putpixel((0, 0), (seed, 0, 0))
    image.save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def campaign(home):
    return campaign_in_both_languages(home)[0]


@pytest.fixture
def librarian(db):
    return UserFactory(username="outreach", is_staff=True, is_superuser=True)


def _submission(campaign, seed=0, **fields):
    submission = SubmissionFactory(campaign=campaign, note_content_type="image/png", **fields)
    submission.note_file.save("note.png", ContentFile(_png(seed)))
    return submission


def test_accepting_moves_the_note_into_the_archive(
    campaign, librarian, django_capture_on_commit_callbacks
):
    submission = _submission(campaign, consent_note=True)
    name = submission.note_file.name
    assert name.startswith("submissions/") and default_storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        moderation.accept(submission, librarian)
    submission.refresh_from_db()
    item = ArchiveItem.objects.get()
    assert submission.archived_note == item
    assert not submission.note_file
    assert not default_storage.exists(name)
    assert default_storage.exists(item.original.name)


def test_the_librarian_still_sees_the_accepted_note_from_the_archive(
    client, campaign, librarian, django_capture_on_commit_callbacks
):
    submission = _submission(campaign, consent_note=False)
    with django_capture_on_commit_callbacks(execute=True):
        moderation.accept(submission, librarian)
    client.force_login(librarian)
    response = client.get(f"/admin/reading/submissions/note/{submission.pk}/", follow=True)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == ArchiveItem.objects.get().read_original()


def test_a_failed_acceptance_keeps_the_submitted_file(campaign, librarian, monkeypatch):
    submission = _submission(campaign, consent_note=True)
    name = submission.note_file.name

    def broken(*args, **kwargs):
        raise RuntimeError("mail server and database both down")

    monkeypatch.setattr("reading.moderation.Submission.save", broken)
    with pytest.raises(RuntimeError):
        moderation.accept(submission, librarian)
    assert default_storage.exists(name)
    assert Submission.objects.get(pk=submission.pk).note_file.name == name


def test_rejected_files_are_removed_after_the_set_days(campaign, librarian, settings):
    settings.SUBMISSION_REJECTED_FILE_DAYS = 30
    old = _submission(campaign, seed=1)
    recent = _submission(campaign, seed=2)
    pending = _submission(campaign, seed=3)
    for submission in (old, recent):
        moderation.reject(submission, librarian, "not a recommendation")
    Submission.objects.filter(pk=old.pk).update(
        decided_at=timezone.now() - datetime.timedelta(days=31)
    )
    old_name, recent_name = old.note_file.name, recent.note_file.name
    call_command("purge_personal_data", stdout=io.StringIO())
    assert not default_storage.exists(old_name)
    assert Submission.objects.get(pk=old.pk).note_file.name == ""
    assert Submission.objects.get(pk=old.pk).text  # the record of what was received stays
    assert default_storage.exists(recent_name)
    assert default_storage.exists(pending.note_file.name)


def test_a_file_already_gone_is_not_an_error(campaign, librarian, settings):
    settings.SUBMISSION_REJECTED_FILE_DAYS = 0
    submission = _submission(campaign)
    moderation.reject(submission, librarian, "no")
    default_storage.delete(submission.note_file.name)
    Submission.objects.filter(pk=submission.pk).update(
        decided_at=timezone.now() - datetime.timedelta(days=1)
    )
    out = io.StringIO()
    call_command("purge_personal_data", stdout=out)
    assert "1 rejected submission file(s) removed" in out.getvalue()
    assert Submission.objects.get(pk=submission.pk).note_file.name == ""
