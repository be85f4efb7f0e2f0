"""Loans before and after a campaign or a shelf, beside the same subjects' other books (#17)."""

import datetime

import pytest

from reading import loan_effects
from reading.loan_effects import period_start
from reading.models import Loan
from tests.factories import (
    BookFactory,
    CampaignPageFactory,
    RecommendationPageFactory,
    ShelfPageFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "label, start",
    [
        ("2024", datetime.date(2024, 1, 1)),
        ("2024年", datetime.date(2024, 1, 1)),
        ("2024-09", datetime.date(2024, 9, 1)),
        ("2024.2", datetime.date(2024, 2, 1)),
        ("2023-2024", datetime.date(2023, 9, 1)),
        ("2023-2024 学年", datetime.date(2023, 9, 1)),
        ("spring term", None),
        ("2024-13", None),
        ("2023-2026", None),
    ],
)
def test_a_period_label_says_its_first_day(label, start):
    assert period_start(label) == start


def loans(book, before, during, after):
    for period, count in (("2023-09", before), ("2024-02", during), ("2024-09", after)):
        Loan.objects.create(book=book, period=period, loans=count)


def book(subject, **fields):
    made = BookFactory(**fields)
    made.subjects.add(subject)
    return made


@pytest.fixture
def campaign(home):
    return CampaignPageFactory(parent=home, title="影响我最深的一本书")


def test_a_campaign_compares_its_books_with_the_same_subjects_others(campaign):
    promoted = book("社会学", title="乡土中国")
    loans(promoted, before=4, during=9, after=10)
    RecommendationPageFactory(
        parent=campaign, book=promoted, recommended_on=datetime.date(2024, 4, 23)
    )
    peer = book("社会学", title="江村经济")
    loans(peer, before=4, during=4, after=5)
    book("物理学", title="费曼物理学讲义")  # another subject: not a comparison
    [effect] = loan_effects.compare(loan_effects.campaign_groups([campaign]))
    assert (effect.promoted.books, effect.promoted.before, effect.promoted.after) == (1, 4, 10)
    assert effect.promoted.change == 6 and effect.promoted.change_percent == 150
    assert (effect.compared.books, effect.compared.before, effect.compared.after) == (1, 4, 5)
    assert effect.difference == 5 and effect.left_out == 0


def test_a_book_with_no_period_on_one_side_is_left_out(campaign):
    early = book("社会学", title="早就推荐的书")
    loans(early, 1, 1, 1)
    RecommendationPageFactory(
        parent=campaign, book=early, recommended_on=datetime.date(2019, 4, 23)
    )
    [effect] = loan_effects.compare(loan_effects.campaign_groups([campaign]))
    assert effect.left_out == 1 and effect.promoted.books == 0 and effect.difference is None


def test_a_book_promoted_elsewhere_is_no_comparison(campaign, home):
    promoted = book("社会学", title="乡土中国")
    loans(promoted, 4, 4, 8)
    RecommendationPageFactory(
        parent=campaign, book=promoted, recommended_on=datetime.date(2024, 4, 23)
    )
    shelved = book("社会学", title="江村经济")
    loans(shelved, 4, 4, 8)
    ShelfPageFactory(parent=home, books=[shelved])  # promoted by a shelf: not "anyway"
    [effect] = loan_effects.compare(loan_effects.campaign_groups([campaign]))
    assert effect.compared.books == 0 and effect.difference is None


def test_a_book_on_a_themed_shelf_by_its_tag_is_no_comparison_whatever_is_compared(campaign, home):
    """The dashboard compares one campaign, the loans report every campaign and shelf: the
    same campaign reads the same in both, so a book on a shelf only by the shelf's theme tag is
    never a comparison book, even when that shelf is not among those compared."""
    from taggit.models import Tag

    promoted = book("社会学", title="乡土中国")
    loans(promoted, 4, 4, 8)
    RecommendationPageFactory(
        parent=campaign, book=promoted, recommended_on=datetime.date(2024, 4, 23)
    )
    by_tag = book("社会学", title="江村经济")
    loans(by_tag, 4, 4, 8)
    shelf = ShelfPageFactory(parent=home, theme_tag=Tag.objects.get(name="社会学"))
    alone = loan_effects.compare(loan_effects.campaign_groups([campaign]))[0]
    together = loan_effects.compare(
        loan_effects.campaign_groups([campaign]) + loan_effects.shelf_groups([shelf])
    )[0]
    assert alone.compared.books == together.compared.books == 0


def test_a_shelf_splits_at_the_day_it_went_on_display(home):
    shown = book("科学家传记", title="钱学森传")
    loans(shown, before=2, during=3, after=6)
    shelf = ShelfPageFactory(parent=home, books=[shown], on_display_since=datetime.date(2024, 3, 1))
    [effect] = loan_effects.compare(loan_effects.shelf_groups([shelf]))
    assert (effect.promoted.before, effect.promoted.after) == (2, 6)
    # no display day given: the page's first publication, here today, after every period
    shelf.on_display_since = None
    shelf.save()
    [effect] = loan_effects.compare(loan_effects.shelf_groups([shelf]))
    assert effect.left_out == 1


def test_the_report_explains_itself_and_exports(client, campaign, home):
    promoted = book("社会学", title="乡土中国")
    loans(promoted, 4, 9, 10)
    RecommendationPageFactory(
        parent=campaign, book=promoted, recommended_on=datetime.date(2024, 4, 23)
    )
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    page = client.get("/admin/reports/loans-before-and-after/")
    assert page.status_code == 200
    assert (
        "影响我最深的一本书" in page.text
        and "+150\u00a0%" in page.text
        and "4.0\u00a0→\u00a010.0" in page.text
    )
    assert "left out" in page.text or "不计" in page.text
    export = client.get("/admin/reports/loans-before-and-after/", {"export": "csv"})
    body = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "影响我最深的一本书" in body and "10.0" in body


def test_the_report_is_refused_to_a_teacher_and_to_a_visitor(client):
    assert client.get("/admin/reports/loans-before-and-after/").status_code == 302
    client.force_login(UserFactory(is_staff=True))
    assert client.get("/admin/reports/loans-before-and-after/").status_code in (302, 403)


def test_the_report_costs_the_same_queries_for_more_books_and_campaigns(
    client, home, django_assert_max_num_queries
):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    def campaign_with(count):
        campaign = CampaignPageFactory(parent=home)
        for _ in range(count):
            promoted = book("社会学")
            loans(promoted, 1, 2, 3)
            RecommendationPageFactory(
                parent=campaign, book=promoted, recommended_on=datetime.date(2024, 4, 23)
            )
            loans(book("社会学"), 1, 1, 1)

    campaign_with(1)
    client.get("/admin/reports/loans-before-and-after/")
    with django_assert_max_num_queries(40) as few:
        client.get("/admin/reports/loans-before-and-after/")
    campaign_with(6)
    ShelfPageFactory(parent=home, books=[book("社会学")])
    # a few per kind of row (a shelf's list and tag books are read twice: once as a group, once
    # as what no comparison may hold), whatever the number of rows
    with django_assert_max_num_queries(len(few.captured_queries) + 6):
        client.get("/admin/reports/loans-before-and-after/")


def test_a_book_the_loan_imports_do_not_know_is_left_out(campaign):
    bought_later = book("社会学", title="置身事内")
    RecommendationPageFactory(
        parent=campaign, book=bought_later, recommended_on=datetime.date(2024, 4, 23)
    )
    loans(book("社会学", title="江村经济"), 1, 1, 1)  # so that the periods exist
    [effect] = loan_effects.compare(loan_effects.campaign_groups([campaign]))
    assert effect.left_out == 1 and effect.promoted.books == 0


def test_the_newest_period_is_the_one_that_starts_last(home):
    from reading import loan_reports

    book = BookFactory()
    for label in ("2024-9", "2024-10", "2023-2024 学年", "spring"):
        Loan.objects.create(book=book, period=label, loans=1)
    assert loan_reports.periods() == ["2024-10", "2024-9", "2023-2024 学年", "spring"]
