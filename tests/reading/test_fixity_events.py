"""Every fixity check is kept as an append-only event, so that a file found changed and later
restored leaves a trace; failures are emailed to the archive staff."""

from io import StringIO
from pathlib import Path

import pytest

from django.core import mail
from django.core.management import CommandError, call_command

from reading.fixity import verify
from reading.models import FixityEvent, FixityStatus
from reading.models.fixity import AppendOnly
from tests.factories import ArchiveItemFactory, UserFactory

pytestmark = pytest.mark.django_db


def storage_path(item):
    return Path(item.original.storage.path(item.original.name))


def run_check():
    with pytest.raises(CommandError):
        call_command("verify_archive", stdout=StringIO(), stderr=StringIO())


def test_a_changed_then_restored_file_leaves_its_trace(django_capture_on_commit_callbacks):
    item = ArchiveItemFactory()
    path = storage_path(item)
    original = path.read_bytes()
    path.write_bytes(b"tampered")
    run_check()
    path.write_bytes(original)
    call_command("verify_archive", stdout=StringIO())

    item.refresh_from_db()
    assert item.fixity_status == FixityStatus.OK
    history = list(item.fixity_events.order_by("checked_at", "pk"))
    assert [event.outcome for event in history] == [FixityStatus.CHANGED, FixityStatus.OK]
    changed = history[0]
    assert changed.algorithm == "SHA-256"
    assert changed.expected == item.sha256
    assert changed.found and changed.found != item.sha256
    assert changed.agent == "verify_archive"


def test_events_are_never_changed_or_deleted():
    event = verify(ArchiveItemFactory(), agent="test")
    event.outcome = FixityStatus.CHANGED
    with pytest.raises(AppendOnly):
        event.save()
    with pytest.raises(AppendOnly):
        event.delete()
    with pytest.raises(AppendOnly):
        FixityEvent.objects.update(outcome=FixityStatus.CHANGED)
    with pytest.raises(AppendOnly):
        FixityEvent.objects.all().delete()
    assert FixityEvent.objects.get().outcome == FixityStatus.OK


def test_the_evidence_outlives_a_deleted_item():
    item = ArchiveItemFactory()
    verify(item, agent="test")
    number = item.pk
    item.delete()
    event = FixityEvent.objects.get()
    assert event.item is None
    assert event.item_number == number


def test_a_failed_check_is_emailed_to_the_archive_staff(
    settings, django_capture_on_commit_callbacks
):
    settings.ARCHIVE_ALERT_EMAILS = ["preservation@library.example.edu"]
    UserFactory(username="archivist", is_superuser=True, email="archivist@library.example.edu")
    UserFactory(username="reader", email="reader@library.example.edu")
    missing = ArchiveItemFactory()
    storage_path(missing).unlink()
    with django_capture_on_commit_callbacks(execute=True):
        run_check()
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["archivist@library.example.edu", "preservation@library.example.edu"]
    body = mail.outbox[0].body
    assert f"#{missing.pk}" in body
    assert f"/{missing.pk}/" in body
    assert "文件缺失" in body  # in the site's language: the archivist set no other


def test_a_clean_check_sends_nothing(django_capture_on_commit_callbacks):
    UserFactory(username="archivist", is_superuser=True, email="archivist@library.example.edu")
    ArchiveItemFactory()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("verify_archive", stdout=StringIO())
    assert mail.outbox == []
