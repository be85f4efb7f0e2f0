"""The public recommendation form: each way to name the book, and each kind of bad input."""

import io

import pytest
from PIL import Image

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from reading.models import Submission
from tests.factories import BookFactory
from tests.factories.campaigns import campaign_in_both_languages


def png(size=(80, 60)):
    out = io.BytesIO()
    Image.new("RGB", size, "white").save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def campaign(home):
    return campaign_in_both_languages(home)[0]


def url(campaign, language="zh-hans"):
    return f"/{language}/campaigns/{campaign.pk}/recommend/"


def data(**overrides):
    values = {
        "name": "李华",
        "role": "student",
        "school": "工学院",
        "email": "lihua@mail.example.edu",
        "name_display": "full",
        "isbn": "",
        "title": "三体",
        "author": "刘慈欣",
        "text": "宏大的宇宙观让我第一次意识到文明与科学的脆弱和珍贵。",
        "consent_text": "on",
        "website": "",
    }
    values.update(overrides)
    return {k: v for k, v in values.items() if v is not None}


@pytest.mark.django_db
def test_form_in_both_languages(client, campaign):
    zh = client.get(url(campaign))
    en = client.get(url(campaign, "en"))
    assert zh.status_code == en.status_code == 200
    assert "csrfmiddlewaretoken" in zh.text
    assert "Recommend a book" in en.text and 'name="website"' in en.text
    assert 'name="viewport"' in en.text  # phone-sized screens


@pytest.mark.django_db
def test_submission_by_title_and_author_is_stored_and_acknowledged(client, campaign):
    response = client.post(url(campaign, "en"), data())
    submission = Submission.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(submission.edit_url())
    assert submission.status == "pending" and submission.language == "en"
    assert submission.campaign == campaign and submission.title == "三体"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["lihua@mail.example.edu"]
    assert "We received your recommendation" in mail.outbox[0].subject
    assert submission.edit_url() in mail.outbox[0].body
    status = client.get(response["Location"])
    assert status.status_code == 200 and "宏大的宇宙观" in status.text
    assert "lihua@mail.example.edu" not in status.text


@pytest.mark.django_db
def test_submission_by_isbn_links_the_catalogue_record(client, campaign):
    book = BookFactory(title="三体", authors="刘慈欣", isbn13="9787536692930")
    client.post(url(campaign), data(isbn="978-7-5366-9293-0", title="", author=""))
    submission = Submission.objects.get()
    assert submission.isbn == "9787536692930" and submission.book == book


@pytest.mark.django_db
def test_submission_with_a_chosen_catalogue_match(client, campaign):
    book = BookFactory(title="红楼梦", authors="曹雪芹")
    client.post(url(campaign), data(title="", author="", book=str(book.pk)))
    assert Submission.objects.get().book == book


@pytest.mark.django_db
def test_note_upload_is_stored_with_its_real_type(client, campaign):
    note = SimpleUploadedFile("my note.png", png(), content_type="image/png")
    client.post(url(campaign), {**data(consent_note="on"), "note_file": note})
    submission = Submission.objects.get()
    assert submission.note_content_type == "image/png" and submission.consent_note
    assert "my note" not in submission.note_file.name  # the reader's file name is not the URL


@pytest.mark.django_db
@pytest.mark.parametrize("missing", ["name", "role", "school", "email", "text", "consent_text"])
def test_missing_field_is_refused(client, campaign, missing):
    response = client.post(url(campaign), data(**{missing: None}))
    assert response.status_code == 400
    assert not Submission.objects.exists() and not mail.outbox
    assert 'role="alert"' in response.text


@pytest.mark.django_db
def test_missing_book_is_refused(client, campaign):
    response = client.post(url(campaign, "en"), data(title="三体", author=""))
    assert response.status_code == 400
    assert "its ISBN, or its title and its author" in response.text
    assert not Submission.objects.exists()


@pytest.mark.django_db
def test_wrong_isbn_is_refused(client, campaign):
    response = client.post(url(campaign, "en"), data(isbn="9787536692931"))
    assert response.status_code == 400 and "check digit" in response.text
    assert not Submission.objects.exists()


@pytest.mark.django_db
def test_invalid_email_is_refused(client, campaign):
    assert client.post(url(campaign), data(email="not-an-address")).status_code == 400
    assert not Submission.objects.exists()


@pytest.mark.django_db
def test_oversized_image_is_refused(client, campaign, settings):
    settings.RECOMMENDATION_NOTE_MAX_BYTES = 1000
    note = SimpleUploadedFile("big.png", png((400, 400)) + b"\0" * 2000, content_type="image/png")
    response = client.post(url(campaign, "en"), {**data(), "note_file": note})
    assert response.status_code == 400 and "at most" in response.text
    assert not Submission.objects.exists()


@pytest.mark.django_db
def test_too_many_pixels_is_refused(client, campaign, settings):
    settings.ARCHIVE_MAX_PIXELS = 1000
    note = SimpleUploadedFile("wide.png", png((200, 200)), content_type="image/png")
    response = client.post(url(campaign, "en"), {**data(), "note_file": note})
    assert response.status_code == 400 and "pixels" in response.text
    assert not Submission.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content",
    [
        b"<html><script>alert(1)</script></html>",
        b"GIF89a......",
        b"\xff\xd8\xff\xe0 truncated jpeg",
    ],
)
def test_fake_or_damaged_image_is_refused(client, campaign, content):
    note = SimpleUploadedFile("note.jpg", content, content_type="image/jpeg")
    response = client.post(url(campaign, "en"), {**data(), "note_file": note})
    assert response.status_code == 400
    assert not Submission.objects.exists()


@pytest.mark.django_db
def test_tiff_is_not_offered_to_readers(client, campaign):
    out = io.BytesIO()
    Image.new("RGB", (20, 20)).save(out, "TIFF")
    note = SimpleUploadedFile("note.tif", out.getvalue(), content_type="image/tiff")
    response = client.post(url(campaign, "en"), {**data(), "note_file": note})
    assert response.status_code == 400 and "JPEG, PNG or PDF" in response.text


@pytest.mark.django_db
def test_script_in_the_text_is_stored_as_written_and_escaped(client, campaign):
    text = '<script>alert("x")</script> 一本好书 <b>bold</b>'
    response = client.post(url(campaign), data(text=text, name="<img src=x onerror=alert(1)>"))
    submission = Submission.objects.get()
    assert submission.text == text
    page = client.get(response["Location"]).text
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert "<b>bold</b>" not in page
    assert mail.outbox[0].content_subtype == "plain"  # no HTML email to inject into


@pytest.mark.django_db
def test_second_submission_within_a_second_is_refused_kindly(client, campaign):
    assert client.post(url(campaign, "en"), data()).status_code == 302
    again = client.post(url(campaign, "en"), data())
    assert again.status_code == 429
    assert "wait a second" in again.text
    assert "宏大的宇宙观" in again.text  # what they typed is still in the form
    assert Submission.objects.count() == 1


@pytest.mark.django_db
def test_many_submissions_from_one_address_are_limited(client, campaign, settings):
    settings.RECOMMENDATION_MIN_SECONDS_BETWEEN = 0
    settings.RECOMMENDATION_MAX_PER_WINDOW = 3
    statuses = [
        client.post(url(campaign, "en"), data(title=f"书{n}")).status_code for n in range(4)
    ]
    assert statuses == [302, 302, 302, 429]
    other = client.post(url(campaign, "en"), data(), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302
    assert Submission.objects.count() == 4


@pytest.mark.django_db
def test_honeypot_stores_nothing_and_looks_like_success(client, campaign):
    response = client.post(url(campaign), data(website="http://spam.example"))
    assert response.status_code == 200
    assert not Submission.objects.exists() and not mail.outbox


@pytest.mark.django_db
def test_csrf_is_required(campaign):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post(url(campaign), data()).status_code == 403
    assert not Submission.objects.exists()


@pytest.mark.django_db
def test_closed_campaign_refuses_posts(client, home):
    campaign, _ = campaign_in_both_languages(home, accepting_submissions=False)
    response = client.post(url(campaign), data())
    assert response.status_code == 200 and not Submission.objects.exists()


@pytest.mark.django_db
def test_unknown_campaign_is_404(client, home):
    assert client.get("/zh-hans/campaigns/999999/recommend/").status_code == 404


@pytest.mark.django_db
def test_failing_mail_server_does_not_lose_the_submission(client, campaign, settings):
    settings.EMAIL_BACKEND = "tests.reading.test_submission_form.BrokenBackend"
    response = client.post(url(campaign), data())
    assert response.status_code == 302 and Submission.objects.count() == 1


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("mail server down")
