"""The "is it one of these books?" answer: nothing is chosen for the reader but the record that
is the same book by the duplicate rules, and "another book" is respected when chosen."""

import re

import pytest

from reading.models import Submission
from tests.factories import BookFactory
from tests.factories.campaigns import campaign_in_both_languages
from tests.reading.test_submission_form import data, url


@pytest.fixture
def campaign(home):
    return campaign_in_both_languages(home)[0]


def checked_values(html):
    return [
        m.group(1)
        for m in re.finditer(r'<input type="radio" name="book" value="([^"]*)" checked>', html)
    ]


@pytest.mark.django_db
def test_the_same_book_is_chosen_and_another_book_is_not(client, campaign):
    same = BookFactory(title="三体", authors="刘慈欣")
    BookFactory(title="三体 II：黑暗森林", authors="刘慈欣")
    response = client.post(url(campaign, "en"), data(text=""))  # refused: the text is missing
    assert response.status_code == 400
    assert "None of these: it is another book" in response.text
    assert checked_values(response.text) == [str(same.pk)]


@pytest.mark.django_db
def test_mere_title_suggestions_leave_the_choice_to_the_reader(client, campaign):
    BookFactory(title="三体 II：黑暗森林", authors="刘慈欣")
    response = client.post(url(campaign, "en"), data(text="", author="Liu Cixin"))
    assert "三体 II" in response.text
    assert checked_values(response.text) == []


@pytest.mark.django_db
def test_the_readers_answer_is_kept_on_a_refused_post(client, campaign):
    BookFactory(title="三体", authors="刘慈欣")
    response = client.post(url(campaign, "en"), data(text="", book="another"))
    assert checked_values(response.text) == ["another"]


@pytest.mark.django_db
def test_another_book_is_not_linked_to_the_match(client, campaign):
    BookFactory(title="三体", authors="刘慈欣")
    assert client.post(url(campaign, "en"), data(book="another")).status_code == 302
    assert Submission.objects.get().book is None


@pytest.mark.django_db
def test_no_answer_links_the_same_book(client, campaign):
    same = BookFactory(title="三体", authors="刘慈欣")
    assert client.post(url(campaign, "en"), data()).status_code == 302
    assert Submission.objects.get().book == same


@pytest.mark.django_db
def test_an_unknown_book_choice_is_refused(client, campaign):
    response = client.post(url(campaign, "en"), data(book="999999"))
    assert response.status_code == 400 and not Submission.objects.exists()
    assert "no longer in the catalogue" in response.text


@pytest.mark.django_db
def test_the_match_api_says_which_record_is_the_same_book(client, campaign):
    same = BookFactory(title="三体", authors="刘慈欣")
    found = client.get("/en/campaigns/book-match/", {"q": "三体", "author": "刘慈欣"}).json()
    assert [(r["id"], r["same_book"]) for r in found["results"]] == [(same.pk, True)]
    BookFactory(title="红楼梦 (校注本)", authors="曹雪芹")
    loose = client.get("/en/campaigns/book-match/", {"q": "红楼梦"}).json()["results"]
    assert loose and not any(r["same_book"] for r in loose)
