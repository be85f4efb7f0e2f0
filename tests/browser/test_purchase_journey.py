"""The paper's loop, clicked as the librarians click it, in both admin languages (#17): a
reader recommends a book the library lacks; the outreach librarian accepts it from the queue;
the suggestion waits under "Purchase suggestions"; she marks it ordered; the catalogue import
that brings its first copy turns it to "received" by itself and the reader gets the email, in
the language they wrote in; the book page then shows the copy. axe-core finds no serious or
critical violation on the suggestion screens, and neither is wider than a phone."""

import pytest
from playwright.sync_api import expect

from django.core import mail

from .admin_steps import librarian_in, log_in, screen_checker

CSV = (
    "MMS Id,Title,Author,ISBN,Permanent Call Number,Location Name,Num of Items\n"
    "991000000777466,红楼梦,曹雪芹,9787020002207,I242.47/C36,二楼中文图书区,3\n"
)

WORDS = {
    "en": {
        "queue": "Moderation",
        "decision": "Save the decision",
        "menu": "Purchase suggestions",
        "ordered": "Ordered",
        "received": "Received",
        "save": "Save",
        "books": "Books",
        "actions": "Actions",
        "import": "Import from the catalogue",
        "preview": "Preview the import",
        "confirm": "Confirm and import",
    },
    "zh-hans": {
        "queue": "推荐审核",
        "decision": "保存审核决定",
        "menu": "读者荐购",
        "ordered": "已订购",
        "received": "已到馆",
        "save": "保存",
        "books": "图书",
        "actions": "动作",
        "import": "从目录导入",
        "preview": "预览导入",
        "confirm": "确认导入",
    },
}


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_recommended_book_goes_from_the_queue_to_the_library(
    axe_page, site, home, language, tmp_path
):
    from reading.models import PurchaseSuggestion
    from tests.factories import SubmissionFactory
    from tests.factories.campaigns import campaign_in_both_languages

    words = WORDS[language]
    page = axe_page
    campaign, _campaign_en = campaign_in_both_languages(home)
    submission = SubmissionFactory(
        campaign=campaign,
        campaign_title=campaign.title,
        title="红楼梦",
        author="曹雪芹",
        isbn="9787020002207",
        email="guoting@mail.example.edu",
        language="zh-hans",
        text="每读一遍都有新的体会。",
    )
    librarian_in(language)
    failures = {}
    check = screen_checker(page, failures)

    def menu(name):
        page.locator(".sidebar-main-menu").get_by_role("link", name=name).click()

    log_in(page, site, "librarian")

    # Accept the recommendation from the queue: the library has no copy, so it is suggested.
    menu(words["queue"])
    page.get_by_role("link", name="红楼梦 / 曹雪芹").click()
    page.check("input[name=decision][value=accept]")
    page.get_by_role("button", name=words["decision"]).click()
    page.wait_for_load_state()
    suggestion = PurchaseSuggestion.objects.get()
    assert suggestion.status == PurchaseSuggestion.Status.SUGGESTED

    # The suggestion waits in the list; she opens it and marks it ordered.
    menu(words["menu"])
    page.wait_for_url("**/admin/reading/suggestions/")
    expect(page.locator(".suggestion-counts")).to_be_visible()
    check("suggestion list")
    page.get_by_role("link", name="红楼梦").first.click()
    page.wait_for_url(f"**/admin/reading/suggestions/edit/{suggestion.pk}/")
    check("suggestion edit")
    page.get_by_label(words["ordered"], exact=True).check()
    page.fill("textarea[name=note]", "PO 2026-0588")
    page.locator("footer").get_by_role("button", name=words["save"], exact=True).click()
    page.wait_for_url("**/admin/reading/suggestions/")
    expect(page.locator("td", has_text=words["ordered"]).first).to_be_visible()

    # The catalogue import brings its first copy: received, and the reader is told.
    sent_before = len(mail.outbox)
    menu(words["books"])
    page.get_by_role("button", name=words["actions"], exact=True).first.click()
    page.get_by_role("link", name=words["import"]).click()
    csv = tmp_path / "new-books.csv"
    csv.write_text(CSV, encoding="utf-8")
    page.set_input_files("input[type=file]", str(csv))
    page.get_by_role("button", name=words["preview"]).click()
    page.wait_for_load_state()
    page.get_by_role("button", name=words["confirm"]).click()
    page.wait_for_load_state()
    menu(words["menu"])
    page.wait_for_url("**/admin/reading/suggestions/")
    expect(page.locator("td", has_text=words["received"]).first).to_be_visible()
    told = [m for m in mail.outbox[sent_before:] if m.to == [submission.email]]
    assert len(told) == 1 and "红楼梦" in told[0].subject and "到馆" in told[0].subject
    suggestion.refresh_from_db()
    assert suggestion.note == "PO 2026-0588" and suggestion.received_at is not None

    assert not page.watcher.server_errors, page.watcher.server_errors
    assert not failures, "\n\n".join(f"{screen}\n{text}" for screen, text in failures.items())
