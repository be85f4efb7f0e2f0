"""Demo notes for the archive: four scans of handwritten notes on the library's letter paper
(from the OCR evaluation set, reduced in size), archived as a librarian would archive them.

Two are corrected and may be shown publicly, one is corrected but private (its recommender
did not agree), and one still has only its OCR draft. OCR runs through the task queue as it
would for an upload. Running the builder again adds nothing: the archive skips known checksums.
"""

from functools import partial
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from reading import tasks
from reading.models import ArchiveItem
from tests.factories import ArchiveItemFactory

NOTES_DIR = Path(__file__).resolve().parent / "notes"

NOTES = [
    {
        "file": "d002.jpg",
        "consent_public": True,
        "transcription": (
            "推荐《鼠疫》，在今天读来格外有现实意义。\n"
            "《瓦尔登湖》提醒我在喧嚣的校园里保留一份安静。\n"
            "——外国语学院教师 梁子涵\n"
            "2025年2月14日"
        ),
    },
    {
        "file": "d015.jpg",
        "consent_public": True,
        "transcription": "Man's Search for Meaning is a small book with a very big message.",
    },
    {
        "file": "d004.jpg",
        "consent_public": False,
        "transcription": (
            "This biography of 钱学森 made me proud of Chinese scientists.\n"
            "推荐人：刘丽华（经济与管理学院2021级博士生）\n"
            "2021年3月7日"
        ),
    },
    {"file": "d001.jpg", "consent_public": True, "transcription": ""},
]


def build():
    from website.home import demo

    editor = get_user_model().objects.filter(username=demo.DEMO_EDITOR).first()
    for note in NOTES:
        data = (NOTES_DIR / note["file"]).read_bytes()
        if ArchiveItem.objects.filter(sha256=_sha256(data)).exists():
            continue
        item = ArchiveItemFactory(
            data=data,
            filename=note["file"],
            added_by=editor,
            consent_public=note["consent_public"],
        )
        if note["transcription"]:
            item.transcription = note["transcription"]
            item.mark_checked(editor)
            item.save()
        # as for an upload: OCR after the commit (a worker, or at once in the quick start)
        transaction.on_commit(partial(tasks.queue_ocr, item.pk))


def _sha256(data):
    import hashlib

    return hashlib.sha256(data).hexdigest()
