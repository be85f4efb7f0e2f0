"""A librarian imports the catalogue and reads the reports, clicked as she clicks them, in
both admin languages: Books → Actions → import, the preview of a second upload shows each
changed field old → new, "problems only" leaves the thousands of changes out; then the
reports menu's most-recommended books, themes and club participation, and Books → Actions
→ loan report, each with its charts (axes titled in her language). axe-core finds no
serious or critical violation on these screens, and none is wider than a phone."""

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from django.utils import timezone

from .admin_steps import librarian_in, log_in, screen_checker

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

WORDS = {
    "en": {
        "books": "Books",
        "actions": "Actions",
        "import": "Import from the catalogue",
        "preview": "Preview the import",
        "confirm": "Confirm and import",
        "cancel": "Cancel",
        "problems": "Problems only",
        "reports": "Reports",
        "most": "Most-recommended books",
        "themes": "Recommendation themes",
        "clubs": "Club participation",
        "loans": "Loan report",
        "axes": {
            "most": ["Month recommended", "The ten most-recommended books"],
            "themes": ["The ten themes most recommended"],
            "clubs": ["Month of the discussion", "Places taken", "Attended"],
            "loans": ["Loans per period", "2023-09"],
        },
    },
    "zh-hans": {
        "books": "图书",
        "actions": "动作",
        "import": "从目录导入",
        "preview": "预览导入",
        "confirm": "确认导入",
        "cancel": "取消",
        "problems": "只看问题",
        "reports": "报告",
        "most": "最受推荐的图书",
        "themes": "推荐主题",
        "clubs": "读书会参与情况",
        "loans": "借阅报表",
        "axes": {
            "most": ["推荐月份", "推荐最多的十本书"],
            "themes": ["推荐最多的十个主题"],
            "clubs": ["研讨月份", "已报名", "出席"],
            "loans": ["各期借阅量", "2023-09"],
        },
    },
}


def figures_to_read(home):
    """Recommendations over three months, two clubs with attendance, loans of two terms."""
    from tests.factories import (
        BookFactory,
        ClubIndexPageFactory,
        ClubPageFactory,
        ClubSignupFactory,
        LoanFactory,
        RecommendationPageFactory,
    )
    from tests.factories.campaigns import campaign_in_both_languages

    campaign = campaign_in_both_languages(home)[0]
    books = [BookFactory(title=title) for title in ("三体", "活着", "乡土中国")]
    for month, book, theme in ((3, books[0], "科幻"), (3, books[1], "人生"), (5, books[0], "科幻")):
        RecommendationPageFactory(
            parent=campaign, book=book, themes=[theme], recommended_on=date(2026, month, 2)
        )
    for book in books:
        LoanFactory(book=book, period="2023-09", loans=4)
        LoanFactory(book=book, period="2024-02", loans=9)
    index = ClubIndexPageFactory(parent=home)
    when = datetime(2026, 9, 15, 19, tzinfo=timezone.get_current_timezone())
    club = ClubPageFactory(
        parent=index,
        title="共读《乡土中国》",
        reading_starts=(when - timedelta(days=10)).date(),
        reading_ends=(when - timedelta(days=1)).date(),
        discussion_starts=when,
        discussion_ends=when + timedelta(hours=2),
        signup_opens=when - timedelta(days=30),
        signup_closes=when - timedelta(days=11),
    )
    for position, attended in enumerate([True, True, False], start=1):
        ClubSignupFactory(club=club, position=position, attended=attended)
    ClubPageFactory(parent=index, title="共读《给青年的十二封信》")


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_librarian_imports_with_old_and_new_values_and_reads_the_charts(
    axe_page, site, home, language
):
    from reading.models import Book

    words = WORDS[language]
    page = axe_page
    figures_to_read(home)
    librarian_in(language)
    failures = {}
    check = screen_checker(page, failures)

    def open_book_action(name):
        page.locator(".sidebar-main-menu").get_by_role("link", name=words["books"]).click()
        page.wait_for_url("**/admin/snippets/reading/book/")
        page.get_by_role("button", name=words["actions"], exact=True).first.click()
        page.get_by_role("link", name=name).click()

    def upload(name):
        page.set_input_files("input[type=file]", str(FIXTURES / name))
        page.get_by_role("button", name=words["preview"]).click()
        page.wait_for_load_state()

    log_in(page, site, "librarian")

    # The first import, previewed and confirmed.
    open_book_action(words["import"])
    page.wait_for_url("**/admin/snippets/reading/book/import/")
    upload("alma_books.csv")
    page.get_by_role("button", name=words["confirm"]).click()
    page.wait_for_load_state()
    book = Book.objects.get(mms_id="991000000105466")
    book.call_number = "I247/OLD"
    book.save()

    # The same file again: the changed call number reads old → new.
    open_book_action(words["import"])
    upload("alma_books.csv")
    expect(page.locator(".count-updated")).to_have_text("1")
    expect(page.locator("del", has_text="I247/OLD")).to_be_visible()
    expect(page.locator("ins", has_text="I247.55/L712")).to_be_visible()
    check("import preview")
    book.refresh_from_db()
    assert book.call_number == "I247/OLD"  # a preview stores nothing

    # She cancels that one and tries a file with rejected rows: "problems only" shows them
    # without the changes.
    page.get_by_role("button", name=words["cancel"], exact=True).click()
    page.wait_for_load_state()
    upload("alma_rejects.csv")
    page.get_by_role("link", name=words["problems"]).click()
    page.wait_for_url("**show=problems")
    expect(page.locator(".import-rejected").first).to_be_visible()
    assert page.locator(".import-changes").count() == 0
    check("import problems only")

    # The reports, from the menu, each with its charts.
    for key in ("most", "themes", "clubs"):
        page.locator(".sidebar-main-menu").get_by_role("button", name=words["reports"]).click()
        page.get_by_role("link", name=words[key]).click()
        page.wait_for_load_state()
        charts = page.locator("figure.report-chart svg[role=img]")
        expect(charts.first).to_be_visible()
        text = " ".join(page.locator("figure.report-chart").all_text_contents())
        for label in words["axes"][key]:
            assert label in text, (key, label)
        check(key)

    open_book_action(words["loans"])
    page.wait_for_url("**/loan-report/")
    chart = page.locator("figure.report-chart")
    for label in words["axes"]["loans"]:
        expect(chart).to_contain_text(label)
    assert chart.locator("rect").count() == 2  # two terms
    check("loan report")

    assert not page.watcher.server_errors, page.watcher.server_errors
    assert not failures, "\n\n".join(f"{screen}\n{text}" for screen, text in failures.items())
