"""The outreach librarian's day in the admin, clicked as she clicks it, in both admin
languages: the dashboard says a recommendation waits, the queue opens it by its title, the
decision button shows progress, the note's OCR state turns to "draft ready" without a reload
(OCR runs apart from the request: the test plays the worker), the text is corrected beside a
zoomable scan and the note is then found under "checked"; eight scans are uploaded, each
with its progress and then its OCR state. axe-core finds no serious or critical violation on
these screens."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from django.core.files.base import ContentFile

from .test_accessibility import _describe, run_axe

# the page asks for the OCR state every 2 seconds; allow a loaded machine a few rounds
POLL_TIMEOUT = 15_000

SCANS = 8  # the batch a librarian brings back from one reading event

NOTE = Path(__file__).resolve().parents[1] / "fixtures" / "notes" / "line-zh.png"
PASSWORD = "correct horse battery staple"

WORDS = {
    "en": {
        "decision": "Save the decision",
        "ready": "Draft ready",
        "waiting": "Waiting for OCR",
        "correct": "Correct the transcription beside the scan",
        "upload": "Upload notes",
        "archive": "Archive the files",
        "archive_menu": "Note archive",
        "save": "Save",
    },
    "zh-hans": {
        "decision": "保存审核决定",
        "ready": "草稿已生成",
        "waiting": "等待 OCR",
        "correct": "对照扫描件校对文字",
        "upload": "上传手写推荐语",
        "archive": "存档这些文件",
        "archive_menu": "手写推荐语存档",
        "save": "保存",
    },
}


@pytest.fixture
def queued_tasks(settings):
    """A queue nobody works: OCR waits until the test runs it, as a worker would later."""
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.dummy.DummyBackend",
            "QUEUES": settings.TASK_QUEUES,
        }
    }


def play_the_worker():
    """Run the OCR of every note that waits (what `db_worker` does in production)."""
    from reading.models import ArchiveItem
    from reading.tasks import run_ocr

    for pk in ArchiveItem.objects.pending().values_list("pk", flat=True):
        run_ocr(pk)


def axe_clean(page, screen, failures):
    violations = run_axe(page)
    if violations:
        failures[screen] = _describe(violations)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_librarian_moderates_corrects_and_uploads(
    axe_page, site, home, queued_tasks, language, tmp_path
):
    from wagtail.users.models import UserProfile

    from reading.models import ArchiveItem, ReviewStatus, Submission
    from tests.factories import SubmissionFactory, UserFactory
    from tests.factories.archive import note_image_bytes
    from tests.factories.campaigns import campaign_in_both_languages

    words = WORDS[language]
    page = axe_page
    campaign, _campaign_en = campaign_in_both_languages(home)
    submission = SubmissionFactory(
        campaign=campaign,
        campaign_title=campaign.title,
        title="三体",
        author="刘慈欣",
        consent_note=True,
        text="这本书让我理解了科学家的坚持。",
    )
    submission.note_file.save("note.png", ContentFile(NOTE.read_bytes()))
    editor = UserFactory(username="editor", is_staff=True, is_superuser=True)
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = language
    profile.save()
    failures = {}

    # Log in: the dashboard says one recommendation waits.
    page.goto(site.url + "/admin/login/")
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/admin/")
    assert page.locator("html").get_attribute("lang") == language
    waiting = page.locator("#waiting-submissions-section .work-count__link")
    expect(waiting.locator(".work-count__number")).to_have_text("1")
    expect(page.locator(".sidebar-menu-item a[data-waiting='1']")).to_be_visible()
    axe_clean(page, "dashboard", failures)

    # The count opens the queue; the book's title opens the submission.
    waiting.click()
    page.wait_for_url("**/admin/reading/submissions/?status=pending")
    axe_clean(page, "queue", failures)
    page.get_by_role("link", name="三体 / 刘慈欣").click()
    page.wait_for_url(f"**/admin/reading/submissions/moderate/{submission.pk}/")
    axe_clean(page, "moderation", failures)

    # Accept with the long-running button; the note waits for OCR, which runs apart.
    page.check("input[name=decision][value=accept]")
    decide = page.get_by_role("button", name=words["decision"])
    expect(decide).to_have_attribute("data-controller", "w-progress")
    decide.click()
    page.wait_for_url(f"**/admin/reading/submissions/moderate/{submission.pk}/")
    submission.refresh_from_db()
    assert submission.status == Submission.Status.ACCEPTED
    state = page.locator("[data-ocr-item]")
    expect(state).to_have_text(words["waiting"])
    play_the_worker()
    expect(state).to_have_text(
        words["ready"], timeout=POLL_TIMEOUT
    )  # no reload: the page asked again by itself
    item = ArchiveItem.objects.get()

    # Correct the text beside the scan, zooming in with the buttons and the keyboard.
    page.get_by_role("link", name=words["correct"]).click()
    page.wait_for_url(f"**/admin/reading/archive/edit/{item.pk}/")
    # What the engine was unsure of comes first (or the word that it was sure throughout).
    item.refresh_from_db()
    expect(page.locator(".ocr-uncertain")).to_be_visible()
    if item.ocr_needs_care:
        expect(page.locator(".ocr-uncertain mark.ocr-unsure").first).to_be_visible()
    else:
        expect(page.locator(".ocr-all-sure")).to_be_visible()
    level = page.locator("[data-scan-level]")
    page.locator("[data-scan-zoom=in]").click()
    expect(level).to_have_text("150%")
    page.locator("[data-scan-viewport]").focus()
    page.keyboard.press("+")
    expect(level).to_have_text("225%")
    page.keyboard.press("0")
    expect(level).to_have_text("100%")
    axe_clean(page, "archive editor", failures)
    page.fill("textarea[name=transcription]", "这本书让我理解了科学家的坚持。")
    page.locator("footer").get_by_role("button", name=words["save"], exact=True).click()
    page.wait_for_url("**/admin/reading/archive/")
    item.refresh_from_db()
    assert item.review_status == ReviewStatus.CHECKED

    # The note is found under "checked".
    page.locator("#filters-drilldown button").first.click()
    page.locator("button[aria-controls=drilldown-id_work]").click()
    page.select_option("select#id_work", "checked")
    page.wait_for_url("**work=checked**")
    expect(page.locator(f"a[href$='/archive/edit/{item.pk}/']").first).to_be_visible()
    axe_clean(page, "archive list", failures)

    # Several scans at once: each shows its progress, then its OCR state.
    page.get_by_role("link", name=words["upload"]).first.click()
    page.wait_for_url("**/admin/reading/archive/new/")
    scans = []
    for n in range(SCANS):
        path = tmp_path / f"scan-{n}.png"
        path.write_bytes(note_image_bytes(f"note {n}", seed=7000 + n))
        scans.append(str(path))
    page.set_input_files("input[type=file]", scans)
    page.get_by_role("button", name=words["archive"]).click()
    rows = page.locator(".archive-upload-item")
    expect(rows).to_have_count(SCANS)
    for n in range(SCANS):
        row = rows.nth(n)
        expect(row.locator("progress")).to_have_attribute("value", "100", timeout=POLL_TIMEOUT)
        expect(row.locator("[data-ocr-item]")).to_have_text(words["waiting"])
    assert ArchiveItem.objects.count() == 1 + SCANS
    play_the_worker()
    for n in range(SCANS):
        expect(rows.nth(n).locator("[data-ocr-item]")).to_have_text(
            words["ready"], timeout=POLL_TIMEOUT
        )
    axe_clean(page, "upload", failures)

    assert not page.watcher.server_errors, page.watcher.server_errors
    assert not failures, "\n\n".join(f"{screen}\n{text}" for screen, text in failures.items())
