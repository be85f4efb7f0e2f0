"""A recommended book the library lacks becomes a purchase suggestion that goes to the shelf,
and each recommender hears of its arrival and of its shelf once, in their language (#17)."""

import io

import pytest

from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command

from reading import moderation, suggestions
from reading.importers import import_books
from reading.models import PurchaseSuggestion, SuggestionNotice
from reading.roles import ACQUISITIONS_LIBRARIANS, ensure_role
from tests.factories import (
    BookFactory,
    RecommendationPageFactory,
    RecommenderFactory,
    ShelfPageFactory,
    SubmissionFactory,
    UserFactory,
)
from tests.factories.campaigns import campaign_in_both_languages

pytestmark = pytest.mark.django_db
Status = PurchaseSuggestion.Status
ISBN = "9787020024759"  # 围城


@pytest.fixture
def campaign(home):
    return campaign_in_both_languages(home)[0]


@pytest.fixture
def accept(campaign, editor, django_capture_on_commit_callbacks):
    def accept(**fields):
        fields = {"title": "围城", "author": "钱锺书", "isbn": ISBN, **fields}
        submission = SubmissionFactory(campaign=campaign, **fields)
        with django_capture_on_commit_callbacks(execute=True):
            page = moderation.accept(submission, editor)
        return submission, page

    return accept


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run what a step enqueues after its commit (the emails), as the worker would."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


def csv_with_copies(isbn=ISBN, copies=2, mms="991000000999466"):
    header = "MMS Id,Title,Author,ISBN,Permanent Call Number,Location Name,Num of Items\n"
    row = f"{mms},围城,钱锺书,{isbn},I246.5/Q312,二楼中文书库,{copies}\n"
    return io.BytesIO((header + row).encode())


def outbox_since(count):
    return mail.outbox[count:]


def test_two_recommendations_of_a_book_the_library_lacks_are_one_suggestion(accept, campaign):
    first, _page = accept(language="zh-hans")
    second, _page = accept(language="en", email="tom@mail.example.edu", name="Tom")
    suggestion = PurchaseSuggestion.objects.get()
    assert suggestion.status == Status.SUGGESTED
    assert suggestion.book.isbn13 == ISBN and suggestion.campaign_id == campaign.pk
    assert [email for email, _l, _n in suggestions.recipients(suggestion)] == [
        first.email,
        "tom@mail.example.edu",
    ]


def test_a_book_the_library_holds_is_no_suggestion(accept):
    BookFactory(title="围城", authors="钱锺书", isbn13=ISBN, copies=3)
    accept()
    assert not PurchaseSuggestion.objects.exists()
    assert (
        suggestions.suggest(BookFactory(copies=0, call_number="", ebook_url="", mms_id="9")) is None
    )


def test_a_recommendation_published_from_the_editor_suggests_its_book(campaign, run):
    book = BookFactory(copies=0, call_number="", ebook_url="", mms_id="")
    page = RecommendationPageFactory(parent=campaign, book=book, live=False)
    run(page.save_revision().publish)
    assert PurchaseSuggestion.objects.get(book=book).campaign_id == campaign.pk


def test_the_steps_a_librarian_may_take(accept):
    accept()
    suggestion = PurchaseSuggestion.objects.get()
    assert suggestions.move(suggestion, Status.ORDERED).ordered_at is not None
    with pytest.raises(ValidationError):
        suggestions.move(suggestion, Status.SHELVED)  # not before it has arrived
    with pytest.raises(ValidationError):
        suggestions.move(suggestion, Status.DECLINED, reason="  ")
    declined = suggestions.move(suggestion, Status.DECLINED, reason="Out of print")
    assert declined.decline_reason == "Out of print" and declined.declined_at is not None
    reopened = suggestions.move(declined, Status.SUGGESTED)
    assert reopened.status == Status.SUGGESTED and reopened.declined_at is None


def test_an_import_that_brings_the_first_copy_receives_it_and_tells_each_recommender_once(
    accept, run
):
    zh, _page = accept(language="zh-hans", name="李华")
    en, _page = accept(language="en", email="tom@mail.example.edu", name="Tom")
    before = len(mail.outbox)
    report = run(import_books, csv_with_copies())
    assert report.ok and report.updated == 1
    suggestion = PurchaseSuggestion.objects.get()
    assert suggestion.status == Status.RECEIVED and suggestion.received_at is not None
    told = {message.to[0]: message for message in outbox_since(before)}
    assert set(told) == {zh.email, "tom@mail.example.edu"}
    book_path = f"/books/{suggestion.book.pk}/"
    assert "围城" in told[zh.email].subject and f"/zh-hans{book_path}" in told[zh.email].body
    assert "I246.5/Q312" in told[zh.email].body
    assert "recommended" in told["tom@mail.example.edu"].subject
    assert f"/en{book_path}" in told["tom@mail.example.edu"].body
    # the same file again, then an edit by hand: nobody is told twice
    count = len(mail.outbox)
    run(import_books, csv_with_copies(copies=3))
    book = suggestion.book
    book.refresh_from_db()
    book.copies = 4
    run(book.save)
    assert len(mail.outbox) == count


def test_a_shelf_that_shows_the_received_book_shelves_it_and_tells_once(accept, run, home):
    submission, _page = accept()
    run(import_books, csv_with_copies())
    suggestion = PurchaseSuggestion.objects.get()
    count = len(mail.outbox)
    shelf = ShelfPageFactory(parent=home, title="钱锺书专架", books=[suggestion.book], live=False)
    run(shelf.save_revision().publish)
    suggestion.refresh_from_db()
    assert suggestion.status == Status.SHELVED and suggestion.shelf_id == shelf.pk
    assert suggestion.days_to_shelf == 0
    [email] = outbox_since(count)
    assert email.to == [submission.email] and "钱锺书专架" in email.body
    assert shelf.get_full_url() in email.body
    run(shelf.save_revision().publish)  # published again after a correction
    assert len(mail.outbox) == count + 1


def test_a_book_put_straight_on_a_shelf_sends_the_shelf_email_alone(accept, run, home):
    from reading.emails.suggestions import send_suggestion_notices

    accept()
    suggestion = PurchaseSuggestion.objects.get()
    book = suggestion.book
    shelf = ShelfPageFactory(parent=home, books=[book], live=False)
    count = len(mail.outbox)
    # the librarian types the copies in, and publishes the shelf before the worker has sent
    # the arrival's email (its task runs only afterwards, below)
    book.copies = 2
    book.save()
    run(shelf.save_revision().publish)
    suggestion.refresh_from_db()
    assert suggestion.status == Status.SHELVED
    assert send_suggestion_notices.call(suggestion.pk, "received") == 0  # late: after the shelf
    assert send_suggestion_notices.call(suggestion.pk, "shelved") == 0  # a second run
    kinds = sorted(SuggestionNotice.objects.values_list("reason", flat=True))
    assert kinds == ["received", "shelved"]
    assert len(outbox_since(count)) == 1  # one email, the shelf's, which says it arrived


def test_a_recommender_without_an_email_is_not_written_to(campaign, run):
    book = BookFactory(copies=0, call_number="", ebook_url="", mms_id="")
    RecommendationPageFactory(parent=campaign, book=book, recommender=RecommenderFactory(email=""))
    suggestion = suggestions.suggest(book)
    count = len(mail.outbox)
    book.copies = 1
    run(book.save)
    suggestion.refresh_from_db()
    assert suggestion.status == Status.RECEIVED and len(mail.outbox) == count


def test_a_failed_email_is_tried_again_later_and_then_sent_once(accept, run, monkeypatch):
    from reading.emails.suggestions import send_suggestion_notices

    accept()
    suggestion = PurchaseSuggestion.objects.get()

    def broken(self, *args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken)
    book = suggestion.book
    book.copies = 1
    run(book.save)
    assert not SuggestionNotice.objects.exists()  # nothing claims it was told
    monkeypatch.undo()
    count = len(mail.outbox)
    out = io.StringIO()
    call_command("notify_recommenders", stdout=out)  # the daily retry
    assert out.getvalue().startswith("1 ")
    call_command("notify_recommenders", stdout=io.StringIO())
    assert send_suggestion_notices.call(suggestion.pk, "received") == 0
    assert len(mail.outbox) == count + 1


def test_a_failed_shelf_email_keeps_nobody_marked_as_told(accept, run, home, monkeypatch):
    accept()
    suggestion = PurchaseSuggestion.objects.get()
    book = suggestion.book
    shelf = ShelfPageFactory(parent=home, books=[book], live=False)

    def broken(self, *args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken)
    book.copies = 1
    book.save()
    run(shelf.save_revision().publish)
    assert not SuggestionNotice.objects.exists()  # neither the shelf's nor the arrival's


def test_a_shelf_readers_cannot_see_shelves_nothing(accept, run, home):
    from wagtail.models import PageViewRestriction

    accept()
    suggestion = PurchaseSuggestion.objects.get()
    book = suggestion.book
    book.copies = 1
    book.save()
    shelf = ShelfPageFactory(parent=home, books=[book], live=False)
    PageViewRestriction.objects.create(page=shelf, restriction_type="login")
    count = len(mail.outbox)
    run(shelf.save_revision().publish)
    suggestion.refresh_from_db()
    assert suggestion.status == Status.RECEIVED and len(mail.outbox) == count


def test_a_step_back_forgets_the_steps_it_undoes(accept, run, home):
    accept()
    suggestion = PurchaseSuggestion.objects.get()
    ordered = suggestions.move(suggestion, Status.ORDERED)
    back = suggestions.move(ordered, Status.SUGGESTED)
    assert back.ordered_at is None
    book = suggestion.book
    book.copies = 1
    book.save()
    shelf = ShelfPageFactory(parent=home, books=[book], live=False)
    run(shelf.save_revision().publish)
    off = suggestions.move(PurchaseSuggestion.objects.get(), Status.RECEIVED)
    assert off.shelved_at is None and off.shelf is None and off.received_at is not None
    with pytest.raises(ValidationError):
        suggestions.move(off, Status.SHELVED)  # only a published shelf shelves a book


def test_a_declined_suggestion_s_reason_can_be_corrected(accept):
    accept()
    suggestion = suggestions.move(PurchaseSuggestion.objects.get(), Status.DECLINED, "绝版")
    corrected = suggestions.move(suggestion, Status.DECLINED, reason="已绝版，馆藏有旧版")
    assert corrected.decline_reason == "已绝版，馆藏有旧版"


def test_a_book_recommended_on_the_english_campaign_counts_under_the_original(
    campaign, run, editor, django_capture_on_commit_callbacks
):
    english = campaign.get_translation(campaign.get_translations().first().locale)
    submission = SubmissionFactory(campaign=english, title="围城", isbn=ISBN, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        moderation.accept(submission, editor)
    assert PurchaseSuggestion.objects.get().campaign_id == campaign.pk


# The admin ---------------------------------------------------------------------------------


@pytest.fixture
def acquisitions(db):
    user = UserFactory(username="acq.liu", is_staff=True)
    user.groups.add(ensure_role(ACQUISITIONS_LIBRARIANS))
    return user


def test_the_acquisitions_team_moves_a_suggestion_in_the_admin(client, accept, acquisitions, run):
    accept()
    suggestion = PurchaseSuggestion.objects.get()
    client.force_login(acquisitions)
    listing = client.get("/admin/reading/suggestions/")
    assert listing.status_code == 200 and "围城" in listing.text
    assert "/admin/reading/suggestions/new/" not in listing.text  # made by the rules only
    edit_url = f"/admin/reading/suggestions/edit/{suggestion.pk}/"
    form = client.get(edit_url).text
    assert 'value="ordered"' in form and 'value="shelved"' not in form
    assert "李华" in form and "工学院" in form  # who recommended it, for the librarians
    assert "suggestion-steps" in form
    refused = client.post(edit_url, {"status": "declined", "decline_reason": "", "note": ""})
    assert refused.status_code == 200 and "declined" not in PurchaseSuggestion.objects.values_list(
        "status", flat=True
    )
    response = run(
        client.post, edit_url, {"status": "ordered", "decline_reason": "", "note": "PO 2026-114"}
    )
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == Status.ORDERED and suggestion.note == "PO 2026-114"


def test_the_csv_lists_the_books_and_no_recommenders_address(client, accept, acquisitions):
    submission, _page = accept()
    client.force_login(acquisitions)
    response = client.get("/admin/reading/suggestions/", {"export": "csv"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "围城" in body and ISBN in body
    assert submission.email not in body and submission.name not in body


def test_readers_and_teachers_cannot_open_the_suggestions(client, accept):
    accept()
    teacher = UserFactory(username="teacher.x", is_staff=True)
    teacher.groups.add(Group.objects.get_or_create(name="Club leaders")[0])
    client.force_login(teacher)
    assert client.get("/admin/reading/suggestions/").status_code in (302, 403)


def test_the_list_is_searched_and_filtered_by_status(client, accept, acquisitions):
    accept()
    client.force_login(acquisitions)
    assert "围城" in client.get("/admin/reading/suggestions/", {"q": "钱锺书"}).text
    assert "围城" not in client.get("/admin/reading/suggestions/", {"q": "三体"}).text
    assert "围城" not in client.get("/admin/reading/suggestions/", {"status": "ordered"}).text
    assert "围城" in client.get("/admin/reading/suggestions/", {"status": "suggested"}).text


def test_the_list_costs_the_same_queries_for_one_suggestion_or_many(
    client, acquisitions, django_assert_max_num_queries
):
    client.force_login(acquisitions)

    def make(count):
        for _ in range(count):
            suggestions.suggest(BookFactory(copies=0, call_number="", ebook_url="", mms_id=""))

    make(1)
    client.get("/admin/reading/suggestions/")
    with django_assert_max_num_queries(30) as one:
        client.get("/admin/reading/suggestions/")
    make(15)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get("/admin/reading/suggestions/")


def test_the_book_page_says_where_the_suggestion_stands_and_names_nobody(client, accept):
    submission, _page = accept()
    suggestion = PurchaseSuggestion.objects.get()
    url = f"/en/books/{suggestion.book.pk}/"
    assert "considering buying it" in client.get(url).text
    suggestions.move(suggestion, Status.ORDERED)
    page = client.get(url).text
    assert "has ordered it" in page and submission.email not in page
    book = suggestion.book
    book.mms_id = "991000000999466"  # catalogued when ordered: received, not yet on a shelf
    book.save()
    assert "being catalogued" in client.get(url).text
