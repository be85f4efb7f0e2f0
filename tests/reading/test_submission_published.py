"""The reader is told when their recommendation is published: once, in their language, with the
page's full link; their status page links to the published page."""

import pytest

from django.core import mail
from django.utils import translation

from reading import moderation
from reading.models import RecommendationPage, Submission
from tests.factories import RecommendationPageFactory, SubmissionFactory, translate_page
from tests.factories.campaigns import campaign_in_both_languages


@pytest.fixture
def campaign(home):
    return campaign_in_both_languages(home)[0]


@pytest.fixture
def accepted(campaign, editor, django_capture_on_commit_callbacks):
    def accept(**fields):
        submission = SubmissionFactory(campaign=campaign, **fields)
        with django_capture_on_commit_callbacks(execute=True):
            page = moderation.accept(submission, editor)
        submission.refresh_from_db()
        return submission, page

    return accept


def publish(page, capture):
    with capture(execute=True):
        page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.mark.django_db
def test_publication_email_in_chinese_with_the_page_link(
    client, accepted, django_capture_on_commit_callbacks
):
    submission, page = accepted(language="zh-hans")
    assert len(mail.outbox) == 1  # the acceptance
    with translation.override("zh-hans"):
        status_url = submission.edit_url()
    status = client.get(status_url)
    assert "published-link" not in status.text  # accepted, not yet published
    publish(page, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2
    email = mail.outbox[1]
    assert email.to == [submission.email]
    assert "发布" in email.subject and "三体" in email.subject
    assert page.get_full_url() in email.body and page.get_full_url().startswith("http")
    assert status_url in email.body  # with the status link too
    submission.refresh_from_db()
    assert submission.published_notified_at is not None
    status = client.get(status_url)
    assert f'href="{page.url}"' in status.text and "已发布" in status.text


@pytest.mark.django_db
def test_publishing_again_sends_nothing_more(accepted, django_capture_on_commit_callbacks):
    _, page = accepted()
    publish(page, django_capture_on_commit_callbacks)
    page.text = "更正了一个错字。"
    publish(page, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2  # accepted, published


@pytest.mark.django_db
def test_the_link_is_in_the_readers_language_when_translated(
    accepted, django_capture_on_commit_callbacks
):
    submission, page = accepted(language="en")
    english = translate_page(page, "en", publish=False, title="The Three-Body Problem")
    publish(english, django_capture_on_commit_callbacks)
    email = mail.outbox[-1]
    assert "is published" in email.subject
    assert english.get_full_url() in email.body and "/en/" in english.get_full_url()
    publish(page, django_capture_on_commit_callbacks)  # the Chinese page later: no second email
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_a_reader_writing_in_english_gets_the_chinese_page_when_only_it_is_live(
    client, accepted, django_capture_on_commit_callbacks
):
    submission, page = accepted(language="en")
    publish(page, django_capture_on_commit_callbacks)
    assert page.get_full_url() in mail.outbox[-1].body
    assert "is published" in mail.outbox[-1].subject  # English email, Chinese page
    with translation.override("en"):
        status = client.get(submission.edit_url())
    assert "Read it on the site" in status.text and f'href="{page.url}"' in status.text


@pytest.mark.django_db
def test_pages_not_from_a_submission_email_nobody(campaign, django_capture_on_commit_callbacks):
    page = RecommendationPageFactory(parent=campaign, live=False)
    publish(page, django_capture_on_commit_callbacks)
    assert not mail.outbox


@pytest.mark.django_db
def test_a_broken_mail_server_does_not_stop_the_publication(
    accepted, settings, django_capture_on_commit_callbacks
):
    _, page = accepted()
    settings.EMAIL_BACKEND = "tests.reading.test_submission_form.BrokenBackend"
    publish(page, django_capture_on_commit_callbacks)
    assert RecommendationPage.objects.get(pk=page.pk).live
    assert Submission.objects.get().published_notified_at is not None
