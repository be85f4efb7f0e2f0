"""A BagIt package of the archive for long-term preservation elsewhere.

Layout of the payload (data/): one folder per note, NOTE/original.EXT (the bytes as archived),
NOTE/transcription.txt (corrected, else the OCR draft, when there is one) and NOTE/dc.xml (a
simple Dublin Core record). bagit writes the manifests with SHA-256 and validates the bag.
The `export_archive` command and the admin's export (a background job) both call `write_bag`.

The bag holds every note, private ones too (it is for preservation, not publication); each
record says whether the note is public today by the rule every public channel asks
(`ArchiveItem.objects.public()`), so that the receiving system can keep private notes dark.
"""

import shutil
import tempfile
from pathlib import Path

import bagit
from lxml import etree

from django.utils import timezone
from django.utils.translation import gettext as _

from reading.models import ArchiveItem
from reading.models.archive import EXTENSIONS
from website.search.cjk import has_cjk

DC = "http://purl.org/dc/elements/1.1/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"


class ExportError(Exception):
    """The bag cannot be written; the message says why, in the reader's language."""


PUBLIC = "Access: public (shown on the library's site)"
RESTRICTED = "Access: restricted (not for public display)"


def dublin_core(item, public=None):
    """`public`: whether the note is public now (asked of the database when not given)."""
    if public is None:
        public = item.is_public
    root = etree.Element(f"{{{OAI_DC}}}dc", nsmap={"oai_dc": OAI_DC, "dc": DC})

    def add(name, value):
        if value:
            etree.SubElement(root, f"{{{DC}}}{name}").text = str(value)

    add("title", item.original_filename or f"Note {item.pk}")
    add("identifier", f"sha256:{item.sha256}")
    add("type", "Text")
    add("type", "StillImage")
    add("format", item.mime_type)
    add("date", item.added_at.date().isoformat())
    add("language", "zh" if has_cjk(item.text) else "en")
    add("rights", item.rights_statement)
    add("rights", PUBLIC if public else RESTRICTED)
    add("description", item.text)
    recommendation = getattr(item, "recommendation", None)
    if recommendation is not None:
        add("relation", getattr(recommendation, "title", str(recommendation)))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_bag(target, progress=None):
    """Write and validate the bag at `target` (a new or empty folder); returns the number of
    notes. `progress(done, total)` is told after each note."""
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise ExportError(
            _("%(target)s exists and is not empty; give a new folder.") % {"target": target}
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    # built beside the target and moved into place only once bagit has validated it
    staging = Path(tempfile.mkdtemp(prefix=".archive-bag-", dir=target.parent))
    total = ArchiveItem.objects.count()
    count = 0
    public = set(ArchiveItem.objects.public().values_list("pk", flat=True))
    try:
        for item in ArchiveItem.objects.order_by("pk").iterator():
            folder = staging / f"note-{item.pk:06d}"
            folder.mkdir()
            try:
                with (
                    item.original.open("rb") as source,
                    open(folder / f"original.{EXTENSIONS[item.file_format]}", "wb") as out,
                ):
                    shutil.copyfileobj(source, out)
            except FileNotFoundError as exc:
                raise ExportError(
                    _("The original of #%(pk)s is missing; run verify_archive.") % {"pk": item.pk}
                ) from exc
            if item.text:
                (folder / "transcription.txt").write_text(item.text + "\n", "utf-8")
            (folder / "dc.xml").write_bytes(dublin_core(item, item.pk in public))
            count += 1
            if progress is not None:
                progress(count, total)
        bag = bagit.make_bag(
            str(staging),
            {
                "Source-Organization": "Library reading promotion: handwritten-note archive",
                "External-Description": f"{count} archived recommendation notes",
                "Bagging-Date": timezone.now().date().isoformat(),
            },
            checksums=["sha256"],
        )
        bag.validate()
        # the originals must be the archived bytes: compare with the database's checksums
        for item in ArchiveItem.objects.order_by("pk"):
            name = f"data/note-{item.pk:06d}/original.{EXTENSIONS[item.file_format]}"
            if bag.entries[name]["sha256"] != item.sha256:
                raise ExportError(
                    _("#%(pk)s changed on disk; run verify_archive.") % {"pk": item.pk}
                )
        if target.exists():
            target.rmdir()
        shutil.move(str(staging), str(target))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return count
