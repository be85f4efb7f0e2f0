"""Moderation in the admin: accept, ask for changes, reject, each with its email."""

import io

import pytest
from PIL import Image

from django.core import mail
from django.core.files.base import ContentFile
from django.utils import translation

from reading.models import ArchiveItem, Book, RecommendationPage, Recommender, Submission
from tests.factories import BookFactory, SubmissionFactory, UserFactory
from tests.factories.campaigns import campaign_in_both_languages


@pytest.fixture
def campaign(home):
    return campaign_in_both_languages(home)[0]


def moderate(client, submission, **data):
    return client.post(f"/admin/reading/submissions/moderate/{submission.pk}/", data)


def png():
    out = io.BytesIO()
    Image.new("RGB", (50, 30), "white").save(out, "PNG")
    return out.getvalue()


@pytest.mark.django_db
def test_queue_lists_pending_submissions(client, editor, campaign):
    SubmissionFactory(campaign=campaign, title="三体", text="<script>alert(1)</script>很好")
    client.force_login(editor)
    response = client.get("/admin/reading/submissions/", {"status": "pending"})
    assert response.status_code == 200 and "三体" in response.text
    detail = client.get(f"/admin/reading/submissions/moderate/{Submission.objects.get().pk}/")
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt;" in detail.text
        and "<script>alert(1)" not in detail.text
    )


@pytest.mark.django_db
def test_queue_is_for_librarians_only(client, campaign):
    submission = SubmissionFactory(campaign=campaign)
    reader = UserFactory(username="reader", is_staff=True)
    from django.contrib.auth.models import Permission

    reader.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(reader)
    assert client.get(f"/admin/reading/submissions/moderate/{submission.pk}/").status_code in (
        302,
        403,
    )
    assert moderate(client, submission, decision="reject", message="no").status_code in (302, 403)
    assert Submission.objects.get().status == "pending"
    client.logout()
    assert client.get("/admin/reading/submissions/").status_code == 302


@pytest.mark.django_db
def test_accept_creates_a_draft_with_a_new_book_and_emails(
    client, editor, campaign, django_capture_on_commit_callbacks
):
    submission = SubmissionFactory(
        campaign=campaign,
        title="平凡的世界",
        author="路遥",
        isbn="",
        language="en",
        name_display="initials",
    )
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = moderate(client, submission, decision="accept", message="", book="")
    page = RecommendationPage.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/admin/pages/{page.pk}/edit/"
    assert not page.live and page.get_parent().pk == campaign.pk
    assert page.book.title == "平凡的世界" and page.book.authors == "路遥"
    assert page.recommender.name_display == "initials"
    assert page.text == submission.text
    submission.refresh_from_db()
    assert submission.status == "accepted" and submission.recommendation == page
    assert submission.decided_by == editor
    assert len(mail.outbox) == 1 and "has been accepted" in mail.outbox[0].subject
    # Not published yet: readers do not see the draft.
    assert "平凡的世界" not in client.get(campaign.url).text


@pytest.mark.django_db
def test_accept_links_the_chosen_book_and_the_known_recommender(client, editor, campaign):
    book = BookFactory(title="Cosmos", authors="Carl Sagan")
    known = Recommender.objects.create(
        name="李华", role="student", email="lihua@example.edu", slug="lihua"
    )
    submission = SubmissionFactory(
        campaign=campaign, title="宇宙", author="萨根", email="LiHua@example.edu"
    )
    client.force_login(editor)
    moderate(client, submission, decision="accept", message="", book="")
    page = RecommendationPage.objects.get()
    assert page.recommender == known and Book.objects.count() == 2
    submission2 = SubmissionFactory(campaign=campaign, title="Cosmos", author="Carl Sagan")
    moderate(client, submission2, decision="accept", message="", book=str(book.pk))
    assert RecommendationPage.objects.get(submissions=submission2).book == book


@pytest.mark.django_db
def test_accept_archives_the_note_and_queues_ocr(
    client, editor, campaign, monkeypatch, django_capture_on_commit_callbacks
):
    queued = []
    monkeypatch.setattr("reading.tasks.queue_ocr", lambda pk: queued.append(pk))
    submission = SubmissionFactory(
        campaign=campaign, consent_note=True, note_content_type="image/png"
    )
    submission.note_file.save("note.png", ContentFile(png()))
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        moderate(client, submission, decision="accept", message="")
    page = RecommendationPage.objects.get()
    item = ArchiveItem.objects.get()
    assert item.recommendation == page and item.consent_public and page.show_note
    assert queued == [item.pk]


@pytest.mark.django_db
def test_note_without_consent_is_archived_but_not_public(client, editor, campaign):
    submission = SubmissionFactory(
        campaign=campaign, consent_note=False, note_content_type="image/png"
    )
    submission.note_file.save("note.png", ContentFile(png()))
    client.force_login(editor)
    moderate(client, submission, decision="accept", message="")
    item = ArchiveItem.objects.get()
    assert not item.consent_public and not RecommendationPage.objects.get().show_note


@pytest.mark.django_db
def test_submitted_note_is_served_to_librarians_only(client, editor, campaign):
    submission = SubmissionFactory(campaign=campaign, note_content_type="image/png")
    submission.note_file.save("note.png", ContentFile(png()))
    url = f"/admin/reading/submissions/note/{submission.pk}/"
    assert client.get(url).status_code == 302
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"


@pytest.mark.django_db
def test_ask_for_changes_then_the_reader_edits(
    client, editor, campaign, django_capture_on_commit_callbacks
):
    submission = SubmissionFactory(campaign=campaign, language="en", text="Too short, maybe.")
    client.force_login(editor)
    assert (
        moderate(client, submission, decision="changes", message="").status_code == 200
    )  # message needed
    with django_capture_on_commit_callbacks(execute=True):
        moderate(client, submission, decision="changes", message="Could you say why it moved you?")
    submission.refresh_from_db()
    assert submission.status == "changes"
    assert "Could you say why it moved you?" in mail.outbox[0].body
    with translation.override("en"):
        edit_url = submission.edit_url()
    assert edit_url.startswith("/en/") and edit_url in mail.outbox[0].body  # the reader's language
    client.logout()
    form = client.get(edit_url)
    assert "Could you say why it moved you?" in form.text and "Too short, maybe." in form.text
    response = client.post(
        edit_url,
        {
            "name": submission.name,
            "role": "student",
            "school": "工学院",
            "email": submission.email,
            "name_display": "full",
            "title": "三体",
            "author": "刘慈欣",
            "text": "It made me see how fragile and precious science is.",
            "consent_text": "on",
        },
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == "pending" and submission.text.startswith("It made me see")
    assert len(mail.outbox) == 2  # a new receipt


@pytest.mark.django_db
def test_reject_with_a_reason(client, editor, campaign, django_capture_on_commit_callbacks):
    submission = SubmissionFactory(campaign=campaign, language="en")
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        moderate(
            client, submission, decision="reject", message="This campaign is for one book only."
        )
    submission.refresh_from_db()
    assert submission.status == "rejected" and not RecommendationPage.objects.exists()
    assert "cannot publish" in mail.outbox[0].body and "one book only" in mail.outbox[0].body
    # The reader's page says so; the form is not offered again.
    page = client.get(submission.edit_url())
    assert "one book only" in page.text and "recommend-form" not in page.text


@pytest.mark.django_db
def test_accepting_twice_creates_one_page(client, editor, campaign):
    submission = SubmissionFactory(campaign=campaign)
    client.force_login(editor)
    moderate(client, submission, decision="accept", message="")
    moderate(client, submission, decision="accept", message="")
    assert RecommendationPage.objects.count() == 1


@pytest.mark.django_db
def test_submission_of_a_deleted_campaign_cannot_be_accepted(client, editor, campaign):
    submission = SubmissionFactory(campaign=campaign)
    campaign_pk = campaign.pk
    campaign.delete()
    submission.refresh_from_db()
    assert submission.campaign is None and submission.campaign_title  # never lost
    client.force_login(editor)
    response = moderate(client, submission, decision="accept", message="")
    assert response.status_code == 200 and not RecommendationPage.objects.exists()
    assert campaign_pk


@pytest.mark.django_db
def test_reports_with_csv(client, editor, campaign):
    from tests.factories import RecommendationPageFactory

    popular = BookFactory(title="活着")
    for _ in range(3):
        RecommendationPageFactory(parent=campaign, book=popular, themes=["人生态度"])
    RecommendationPageFactory(
        parent=campaign, book=BookFactory(title="乡土中国"), themes=["人生态度", "社会"]
    )
    client.force_login(editor)
    books = client.get("/admin/reports/recommended-books/")
    assert books.status_code == 200 and books.text.index("活着") < books.text.index("乡土中国")
    csv = client.get("/admin/reports/recommended-books/", {"export": "csv"})
    body = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    assert "活着" in body and ",3" in body
    themes = client.get("/admin/reports/recommendation-themes/", {"export": "csv"})
    body = (
        b"".join(themes.streaming_content).decode() if themes.streaming else themes.content.decode()
    )
    # Theme, its English form (none here), recommendations, books.
    assert "人生态度,,4,2" in body.replace("\r", "")


@pytest.mark.django_db
def test_librarian_may_decide_a_title_match_is_another_book(client, editor, campaign):
    existing = BookFactory(title="活着", authors="余华", isbn13="")
    submission = SubmissionFactory(campaign=campaign, title="活着", author="余华")
    client.force_login(editor)
    moderate(client, submission, decision="accept", message="", book="")
    page = RecommendationPage.objects.get()
    assert page.book != existing and Book.objects.count() == 2


@pytest.mark.django_db
def test_a_new_book_cannot_take_an_isbn_already_in_the_catalogue(client, editor, campaign):
    BookFactory(title="活着", authors="余华", isbn13="9787506365437")
    submission = SubmissionFactory(campaign=campaign, isbn="9787506365437", title="", author="")
    client.force_login(editor)
    response = moderate(client, submission, decision="accept", message="", book="")
    assert response.status_code == 200 and "already belongs to" in response.text
    assert not RecommendationPage.objects.exists()
    assert Submission.objects.get().status == "pending"


@pytest.mark.django_db
def test_recommender_snippets_in_the_admin(client, editor):
    from tests.factories import RecommenderFactory

    RecommenderFactory(name="王晓东", email="private@example.edu")
    client.force_login(editor)
    response = client.get("/admin/snippets/reading/recommender/")
    assert response.status_code == 200 and "王晓东" in response.text
