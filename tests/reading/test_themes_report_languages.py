"""The themes report counts each theme once, not once per language (#14): an English page's
tag that is the English form of a Chinese theme is that theme, and a recommendation and its
translation are one recommendation."""

import csv
import io

import pytest

from tests.factories import (
    BookFactory,
    RecommendationPageFactory,
    TermInEnglishFactory,
    translate_page,
)
from tests.factories.campaigns import campaign_in_both_languages


def _english(page, themes):
    translation = translate_page(page, "en", text="In English.")
    translation.themes.set(themes)
    translation.save_revision().publish()
    return translation


def _rows(client):
    response = client.get("/admin/reports/recommendation-themes/", {"export": "csv"})
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    ).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))[1:]


@pytest.mark.django_db
def test_a_theme_and_its_english_form_are_one_row_counted_once(client, editor, home):
    campaign, _campaign_en = campaign_in_both_languages(home)
    TermInEnglishFactory(tag__name="科学史与科学家精神", name="History of science")
    TermInEnglishFactory(tag__name="科学史", name="History of science")  # a book subject
    santi, curie = BookFactory(title="三体"), BookFactory(title="居里夫人传")
    first = RecommendationPageFactory(parent=campaign, book=santi, themes=["科学史与科学家精神"])
    _english(first, ["History of science"])
    second = RecommendationPageFactory(parent=campaign, book=curie, themes=["科学史与科学家精神"])
    _english(second, ["History of science"])
    third = RecommendationPageFactory(
        parent=campaign, book=santi, themes=["人生态度", "科学史与科学家精神"]
    )
    _english(third, ["Outlook on life", "History of science"])
    client.force_login(editor)
    page = client.get("/admin/reports/recommendation-themes/")
    assert page.status_code == 200 and "In English" in page.text
    rows = _rows(client)
    # Three recommendations (each in two languages) on two books; 人生态度 has no English form
    # yet, so its English tag is a row of its own until a librarian gives it one.
    assert rows == [
        ["科学史与科学家精神", "History of science", "3", "2"],
        ["Outlook on life", "", "1", "1"],
        ["人生态度", "", "1", "1"],
    ]
    TermInEnglishFactory(tag__name="人生态度", name="Outlook on life")
    assert _rows(client)[1:] == [["人生态度", "Outlook on life", "1", "1"]]


@pytest.mark.django_db
def test_the_themes_report_costs_the_same_queries_whatever_the_themes(
    client, editor, home, django_assert_max_num_queries
):
    campaign, _campaign_en = campaign_in_both_languages(home)
    client.force_login(editor)
    client.get("/admin/reports/recommendation-themes/")
    for n in range(6):
        TermInEnglishFactory(tag__name=f"主题{n}", name=f"Theme {n}")
        page = RecommendationPageFactory(parent=campaign, themes=[f"主题{n}"])
        _english(page, [f"Theme {n}"])
    with django_assert_max_num_queries(20):
        response = client.get("/admin/reports/recommendation-themes/")
    table = response.text.split('id="listing-results"', 1)[1]  # the chart names them too
    assert table.count("Theme 5") == 1
