"""A librarian logs into the admin, accepts a recommendation from the queue, corrects the OCR
draft of its handwritten note beside the scan, and publishes the recommendation."""

from pathlib import Path

from django.core.files.base import ContentFile
from django.urls import reverse

NOTE = Path(__file__).resolve().parents[1] / "fixtures" / "notes" / "line-zh.png"
PASSWORD = "correct horse battery staple"


def _click_publish(page):
    publish = page.locator("button[name=action-publish]")
    if not publish.is_visible():
        page.locator(
            "footer [data-w-dropdown-target=toggle], footer .w-dropdown__toggle"
        ).first.click()
    publish.click()


def test_librarian_accepts_corrects_and_publishes(page, site, home):
    from reading.models import ArchiveItem, RecommendationPage, Submission
    from reading.viewsets.archive import archive_viewset
    from tests.factories import SubmissionFactory, UserFactory
    from tests.factories.campaigns import campaign_in_both_languages

    campaign, _campaign_en = campaign_in_both_languages(home)
    submission = SubmissionFactory(
        campaign=campaign,
        campaign_title=campaign.title,
        consent_note=True,
        text="这本书让我理解了科学家的坚持。",
    )
    submission.note_file.save("note.png", ContentFile(NOTE.read_bytes()))
    UserFactory(username="outreach", is_staff=True, is_superuser=True)

    # Accepting runs the OCR of the note in the request (tests use the immediate task backend).
    page.set_default_timeout(120_000)

    # Log in.
    page.goto(site.url + "/admin/login/")
    page.fill("input[name=username]", "outreach")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/admin/")

    # The queue shows the submission; open it and accept it.
    page.goto(site.url + reverse("reading_submissions:index"))
    assert "三体" in page.content()
    page.goto(site.url + reverse("reading_submissions:moderate", args=[submission.pk]))
    page.check("input[name=decision][value=accept]")
    page.locator("form[method=post] button[type=submit]:visible").last.click()
    # with a note, the moderation page stays open to follow the note's OCR
    page.wait_for_url(f"**/admin/reading/submissions/moderate/{submission.pk}/")
    submission.refresh_from_db()
    assert submission.status == Submission.Status.ACCEPTED
    recommendation = RecommendationPage.objects.get(pk=submission.recommendation_id)
    assert not recommendation.live

    # The note was archived and OCR gave a draft; correct it beside the scan.
    item = ArchiveItem.objects.get()
    assert item.ocr_status in {"done", "failed"}, item.ocr_status
    page.goto(site.url + reverse(archive_viewset.get_url_name("edit"), args=[item.pk]))
    transcription = page.locator("textarea[name=transcription]")
    if item.ocr_status == "done":
        assert transcription.input_value().strip() == item.ocr_draft.strip()
    transcription.fill("这本书让我理解了科学家的坚持。")
    page.locator("form:has(textarea[name=transcription]) button[type=submit]:visible").last.click()
    page.wait_for_load_state()
    item.refresh_from_db()
    assert item.transcription == "这本书让我理解了科学家的坚持。"
    assert item.corrected_by.username == "outreach"

    # Publish the draft recommendation.
    page.goto(site.url + reverse("wagtailadmin_pages:edit", args=[recommendation.pk]))
    _click_publish(page)
    page.wait_for_load_state()
    recommendation.refresh_from_db()
    assert recommendation.live

    # A reader sees it at once (the page cache was invalidated by the publication).
    reader = page.context.browser.new_page()
    try:
        response = reader.goto(site.url + recommendation.url)
        assert response.status == 200
        assert "这本书让我理解了科学家的坚持" in reader.content()
    finally:
        reader.close()
    assert not page.watcher.server_errors
    assert not page.watcher.csp_violations, page.watcher.csp_violations
