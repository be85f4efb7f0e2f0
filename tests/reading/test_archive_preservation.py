"""Fixity checks, the BagIt export and bulk import of a folder of scans."""

from io import StringIO
from pathlib import Path

import bagit
import pytest
from lxml import etree

from django.core.management import CommandError, call_command

from reading.models import ArchiveItem, FixityStatus, OcrStatus
from tests.factories import ArchiveItemFactory
from tests.factories.archive import note_image_bytes

pytestmark = pytest.mark.django_db


def storage_path(item):
    return Path(item.original.storage.path(item.original.name))


def test_verify_archive_passes_and_records_when(editor):
    items = ArchiveItemFactory.create_batch(2)
    out = StringIO()
    call_command("verify_archive", stdout=out)
    assert "2 verified, 0 changed, 0 missing" in out.getvalue()
    for item in items:
        item.refresh_from_db()
        assert item.fixity_status == FixityStatus.OK
        assert item.last_verified_at is not None


def test_verify_archive_reports_a_changed_and_a_missing_file():
    intact, changed, missing = ArchiveItemFactory.create_batch(3)
    storage_path(changed).write_bytes(b"tampered")
    storage_path(missing).unlink()
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("verify_archive", stdout=StringIO(), stderr=err)
    assert f"CHANGED #{changed.pk}" in err.getvalue()
    assert f"MISSING #{missing.pk}" in err.getvalue()
    statuses = dict(ArchiveItem.objects.values_list("pk", "fixity_status"))
    assert statuses == {
        intact.pk: FixityStatus.OK,
        changed.pk: FixityStatus.CHANGED,
        missing.pk: FixityStatus.MISSING,
    }
    assert not ArchiveItem.objects.filter(last_verified_at__isnull=True).exists()


def test_export_archive_writes_a_valid_bag(tmp_path):
    corrected = ArchiveItemFactory(
        ocr_status=OcrStatus.DONE, ocr_draft="草稿", transcription="《三体》让我仰望星空。"
    )
    untranscribed = ArchiveItemFactory()
    target = tmp_path / "bag"
    call_command("export_archive", str(target), stdout=StringIO())

    bag = bagit.Bag(str(target))
    bag.validate()
    assert "sha256" in bag.algorithms
    note = target / "data" / f"note-{corrected.pk:06d}"
    assert (note / "original.png").read_bytes() == corrected.read_original()
    assert (note / "transcription.txt").read_text("utf-8").strip() == "《三体》让我仰望星空。"
    dc = etree.parse(str(note / "dc.xml"))
    ns = {"dc": "http://purl.org/dc/elements/1.1/"}
    assert dc.findtext("dc:identifier", namespaces=ns) == f"sha256:{corrected.sha256}"
    assert dc.findtext("dc:description", namespaces=ns) == "《三体》让我仰望星空。"
    assert dc.findtext("dc:format", namespaces=ns) == "image/png"
    assert not (target / "data" / f"note-{untranscribed.pk:06d}" / "transcription.txt").exists()


def test_export_refuses_a_non_empty_folder_and_a_missing_original(tmp_path):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    with pytest.raises(CommandError):
        call_command("export_archive", str(tmp_path / "full"))
    item = ArchiveItemFactory()
    storage_path(item).unlink()
    with pytest.raises(CommandError):
        call_command("export_archive", str(tmp_path / "bag"), stdout=StringIO())
    assert not (tmp_path / "bag").exists()


def test_import_scans_archives_a_folder_skips_duplicates_and_reports_refusals(
    tmp_path, django_capture_on_commit_callbacks
):
    existing = ArchiveItemFactory()
    folder = tmp_path / "semester"
    (folder / "week2").mkdir(parents=True)
    (folder / "a.png").write_bytes(note_image_bytes("a", seed=1001))
    (folder / "week2" / "b.jpg").write_bytes(note_image_bytes("b", file_format="JPEG", seed=1002))
    (folder / "again.png").write_bytes(existing.read_original())
    (folder / "fake.jpg").write_bytes(b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    (folder / "readme.txt").write_text("not a scan")
    out, err = StringIO(), StringIO()
    with django_capture_on_commit_callbacks(execute=False), pytest.raises(CommandError):
        call_command("import_scans", str(folder), stdout=out, stderr=err)
    assert "2 archived, 1 already in the archive, 1 refused, of 4 files" in out.getvalue()
    assert "fake.jpg" in err.getvalue() and "SVG" in err.getvalue()
    assert ArchiveItem.objects.count() == 3
    assert set(
        ArchiveItem.objects.exclude(pk=existing.pk).values_list("ocr_status", flat=True)
    ) == {OcrStatus.WAITING}


def test_import_scans_attaches_to_a_campaign(tmp_path, home):
    from tests.factories import CampaignPageFactory

    campaign = CampaignPageFactory(parent=home, slug="one-book")
    (tmp_path / "n.png").write_bytes(note_image_bytes("n", seed=2001))
    call_command(
        "import_scans", str(tmp_path), "--campaign", "one-book", "--no-ocr", stdout=StringIO()
    )
    assert ArchiveItem.objects.get().campaign_id == campaign.pk
    with pytest.raises(CommandError):
        call_command("import_scans", str(tmp_path), "--campaign", "nope", stdout=StringIO())


def test_import_scans_refuses_a_missing_folder(tmp_path):
    with pytest.raises(CommandError):
        call_command("import_scans", str(tmp_path / "nothing"))
