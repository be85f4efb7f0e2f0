"""The same book recommended again is noticed in every way: ISBN, another ISBN of the work,
normalised title and author (Chinese and English); at the form, in the queue, at acceptance."""

import pytest

from django.core import mail

from reading import duplicates, moderation
from reading.models import Book, RecommendationPage, Submission
from tests.factories import BookFactory, RecommendationPageFactory, SubmissionFactory
from tests.factories.campaigns import campaign_in_both_languages


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("《三体》", "三体"),
        ("三体 Ⅱ · 黑暗森林", "三体Ⅱ黑暗森林"),
        ("The Selfish Gene", "the selfish gene."),
        ("ＳＡＰＩＥＮＳ", "Sapiens"),
        ("“活着”", "活着"),
    ],
)
def test_title_normalisation(a, b):
    assert duplicates.normalise_title(a) == duplicates.normalise_title(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("[美] 卡尔·萨根 著", "卡尔萨根"),
        ("（英）理查德·道金斯", "理查德·道金斯 著"),
        ("刘慈欣 著", "刘慈欣"),
        ("Sagan, Carl", "Carl Sagan"),
        ("RICHARD DAWKINS", "Richard Dawkins"),
    ],
)
def test_author_normalisation(a, b):
    assert duplicates.normalise_author(a) == duplicates.normalise_author(b)


def test_different_books_stay_different():
    assert duplicates.normalise_title("三体") != duplicates.normalise_title("三体II")
    assert duplicates.normalise_author("刘慈欣") != duplicates.normalise_author("刘慈")


@pytest.mark.django_db
def test_same_isbn_in_any_form():
    book = BookFactory(isbn13="9787536692930")
    assert duplicates.find_books(isbn="7-5366-9293-5") == [book]  # its ISBN-10
    assert duplicates.find_books(isbn="978-7-5366-9293-0") == [book]


@pytest.mark.django_db
def test_any_isbn_of_the_same_work():
    book = BookFactory(title="人类简史", isbn13="9787508647357", other_isbns="9780062316097")
    assert duplicates.find_books(isbn="978-0-06-231609-7") == [book]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("title", "author"),
    [("《人类简史》", "[以色列] 尤瓦尔·赫拉利 著"), ("人类简史：从动物到上帝", "尤瓦尔·赫拉利")],
)
def test_same_normalised_title_and_author_in_chinese(title, author):
    book = BookFactory(
        title="人类简史", subtitle="从动物到上帝", authors="尤瓦尔·赫拉利; 林俊宏 译"
    )
    assert duplicates.find_books(title=title, author=author) == [book]


@pytest.mark.django_db
def test_same_normalised_title_and_author_in_english():
    book = BookFactory(title="The Selfish Gene", authors="Dawkins, Richard", language="en")
    assert duplicates.find_books(title="the selfish gene", author="Richard Dawkins") == [book]
    assert duplicates.find_books(title="The Selfish Gene", author="Someone Else") == []


@pytest.fixture
def campaign(home):
    return campaign_in_both_languages(home)[0]


@pytest.mark.django_db
def test_form_says_kindly_that_the_book_was_recommended(client, campaign):
    book = BookFactory(title="活着", authors="余华")
    RecommendationPageFactory(parent=campaign, book=book)
    RecommendationPageFactory(parent=campaign, book=book)
    response = client.get("/en/campaigns/book-match/", {"q": "《活着》", "author": "余华 著"})
    result = response.json()["results"][0]
    assert result["id"] == book.pk and result["readers"] == 2
    assert "already been recommended by 2 readers" in result["message"]
    # Without JavaScript: the look-up button shows the same, and stores nothing.
    page = client.post(
        f"/en/campaigns/{campaign.pk}/recommend/",
        {"title": "活着", "author": "余华", "lookup": "1"},
    )
    assert page.status_code == 200
    assert "already been recommended by 2 readers" in page.text
    assert f'value="{book.pk}"' in page.text
    assert not Submission.objects.exists()


@pytest.mark.django_db
def test_match_endpoint_is_quiet_on_short_queries_and_escapes(client):
    BookFactory(title="<script>x</script>书")
    assert client.get("/en/campaigns/book-match/", {"q": "x"}).json() == {"results": []}
    response = client.get("/en/campaigns/book-match/", {"q": "<script>"})
    assert response["Content-Type"] == "application/json"
    assert "<script>" not in response.content.decode()  # JSON escapes < as \u003c


@pytest.mark.django_db
def test_thank_you_page_says_the_book_joins_earlier_recommendations(client, campaign):
    book = BookFactory(title="活着", authors="余华", isbn13="9787506365437")
    RecommendationPageFactory(parent=campaign, book=book)
    response = client.post(
        f"/en/campaigns/{campaign.pk}/recommend/",
        {
            "name": "A",
            "role": "staff",
            "school": "图书馆",
            "email": "a@example.edu",
            "name_display": "anonymous",
            "isbn": "9787506365437",
            "text": "A book about enduring.",
            "consent_text": "on",
        },
    )
    assert Submission.objects.get().book == book
    assert "already been recommended by 1 reader" in client.get(response["Location"]).text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields",
    [
        {"isbn": "9787506365437", "title": "", "author": ""},
        {"isbn": "9780000000002", "title": "", "author": ""},  # the book's other ISBN
        {"isbn": "", "title": "《活着》", "author": "余华 著"},
    ],
)
def test_accepting_a_duplicate_adds_to_the_existing_book(
    campaign, editor, fields, django_capture_on_commit_callbacks
):
    book = BookFactory(
        title="活着", authors="余华", isbn13="9787506365437", other_isbns="9780000000002"
    )
    RecommendationPageFactory(parent=campaign, book=book)
    submission = SubmissionFactory(campaign=campaign, **fields)
    assert [b.pk for b in submission.duplicates] == [book.pk]
    with django_capture_on_commit_callbacks(execute=True):
        page = moderation.accept(submission, editor)
    assert page.book == book and Book.objects.count() == 1
    assert RecommendationPage.objects.filter(book=book).count() == 2
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_queue_marks_duplicates_and_links_earlier_recommendations(client, campaign, editor):
    book = BookFactory(title="活着", authors="余华")
    earlier = RecommendationPageFactory(parent=campaign, book=book)
    fresh = SubmissionFactory(campaign=campaign, title="新书", author="新作者")
    dup = SubmissionFactory(campaign=campaign, title="活着", author="余华")
    client.force_login(editor)
    listing = client.get("/admin/reading/submissions/")
    assert listing.status_code == 200
    assert "Recommended 1 time before" in listing.text
    moderate = client.get(f"/admin/reading/submissions/moderate/{dup.pk}/")
    assert f"/admin/pages/{earlier.pk}/edit/" in moderate.text
    assert "no second book is created" in moderate.text
    other = client.get(f"/admin/reading/submissions/moderate/{fresh.pk}/")
    assert "accepting creates its record" in other.text
