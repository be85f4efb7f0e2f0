"""The reports draw each count with a bar scaled to the largest on the page, the number kept
as text beside it (for screen readers and the CSV), the bar an SVG drawn by attributes so
that the admin's Content-Security-Policy has nothing to refuse."""

import re

import pytest

from django.urls import reverse

from tests.factories import BookFactory, LoanFactory, RecommendationPageFactory
from tests.factories.campaigns import campaign_in_both_languages
from website.core.columns import bar_percent


def bars(html):
    """(number, bar length) of each bar cell, in order."""
    return [
        (int(value), int(width))
        for value, width in re.findall(
            r'bar-cell__value">(\d+)</span><svg[^>]*><rect width="(\d+)"', html
        )
    ]


def test_a_bar_is_a_share_of_the_largest():
    assert bar_percent(30, 30) == 100
    assert bar_percent(8, 30) == 27
    assert bar_percent(1, 1000) == 1  # a count is never drawn as nothing
    assert bar_percent(0, 30) == 0
    assert bar_percent(0, 0) == 0


@pytest.mark.django_db
def test_most_recommended_books_and_themes_carry_bars(client, editor, home):
    campaign = campaign_in_both_languages(home)[0]
    popular = BookFactory(title="活着")
    for _ in range(4):
        RecommendationPageFactory(parent=campaign, book=popular, themes=["人生态度"])
    RecommendationPageFactory(parent=campaign, book=BookFactory(title="乡土中国"), themes=["社会"])
    client.force_login(editor)

    books = client.get("/admin/reports/recommended-books/").content.decode()
    themes = client.get("/admin/reports/recommendation-themes/").content.decode()

    assert bars(books) == [(4, 100), (1, 25)]
    assert (4, 100) in bars(themes) and (1, 25) in bars(themes)
    assert 'style="' not in books.split("<table", 1)[1].split("</table>", 1)[0]
    assert 'aria-hidden="true"' in books


@pytest.mark.django_db
def test_the_loan_report_draws_the_most_borrowed(client, editor):
    for title, loans in (("三体", 30), ("活着", 15), ("乡土中国", 3)):
        LoanFactory(book=BookFactory(title=title, copies=2), period="2024", loans=loans)
    client.force_login(editor)

    html = client.get(reverse("wagtailsnippets_reading_book:loan_report")).content.decode()

    assert bars(html) == [(30, 100), (15, 50), (3, 10)]
