"""Demo notes for the archive, archived as a librarian would archive them.

Two handwritten notes are drawn at build time on the library's letter paper (one in Chinese,
one in English) for published recommendations whose recommenders agreed to show them, so that
a reader meets the system's signature: the recommendation with its scan and transcription. Four
more scans come from the OCR evaluation set: two corrected and public, one corrected but private
(its recommender did not agree), one with only its OCR draft. OCR runs through the task queue as
it would for an upload. Running the builder again adds nothing: the archive skips known
checksums.
"""

from functools import partial
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from reading import tasks
from reading.demo.letter_paper import draw_note
from reading.models import ArchiveItem, RecommendationPage
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


# recommendation slug (in reading/demo/campaigns.py): the note as its recommender wrote it
HANDWRITTEN = {
    "to-live-lin": (
        "zh",
        "余华用最平静的语言写最深的苦难。读完《活着》，你会重新理解“活着”这两个字的分量。\n"
        "推荐给每一位正在为选择而焦虑的同学。\n"
        "——人文社会科学学院 林静\n"
        "2019年4月23日",
    ),
    "kuhn-hart": (
        "en",
        'Everyone uses Kuhn\'s word "paradigm", but few have read the book. '
        "It will change what you think scientific progress is.\n"
        "Read it slowly, with a pencil.\n"
        "- Emily Hart, Lecturer in English\n"
        "23 April 2023",
    ),
}


def handwritten_notes(editor):
    """Draw, archive and show the notes of the recommendations in HANDWRITTEN."""
    for seed, (slug, (script, text)) in enumerate(HANDWRITTEN.items()):
        page = RecommendationPage.objects.filter(slug=slug, locale__language_code="zh-hans").first()
        if page is None:
            continue
        data = draw_note(text, script, seed=seed)
        item = ArchiveItem.objects.filter(sha256=_sha256(data)).first()
        if item is None:
            item = ArchiveItemFactory(
                data=data,
                filename=f"siku-{slug}.jpg",
                added_by=editor,
                consent_public=True,
                recommendation=page,
                transcription=text,
            )
            item.mark_checked(editor)
            item.save()
            transaction.on_commit(partial(tasks.queue_ocr, item.pk))
        for version in RecommendationPage.objects.filter(translation_key=page.translation_key):
            if not version.show_note:
                version.show_note = True
                version.save_revision(user=editor).publish()


def build():
    from website.home import demo

    editor = get_user_model().objects.filter(username=demo.DEMO_EDITOR).first()
    handwritten_notes(editor)
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
