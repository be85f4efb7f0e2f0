"""A note archived from a submission stays out of every public channel until a librarian
publishes its recommendation, and leaves them again when the recommendation is unpublished
or made private: accepting a submission is not reviewing it."""

import io

import pytest
from PIL import Image

from django.core.files.base import ContentFile

from reading import moderation
from reading.models import ArchiveItem, OcrStatus
from tests.factories import SubmissionFactory, UserFactory
from tests.factories.campaigns import campaign_in_both_languages

pytestmark = pytest.mark.django_db

DRAFT = "未经校对的草稿 uncheckedmarker"


def _png():
    out = io.BytesIO()
    Image.new("RGB", (60, 40), "white").save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def accepted(home):
    campaign = campaign_in_both_languages(home)[0]
    submission = SubmissionFactory(
        campaign=campaign, consent_note=True, note_content_type="image/png"
    )
    submission.note_file.save("note.png", ContentFile(_png()))
    librarian = UserFactory(username="outreach", is_staff=True, is_superuser=True)
    page = moderation.accept(submission, librarian)
    item = ArchiveItem.objects.get()
    item.ocr_status = OcrStatus.DONE
    item.ocr_draft = DRAFT
    item.save()
    return page, item


def _visible(client, item):
    page = client.get(f"/en/notes/{item.pk}/")
    search = client.get("/en/search/", {"q": "uncheckedmarker"})
    return {
        "page": page.status_code == 200,
        "search": f"/notes/{item.pk}/" in search.text,
        "queryset": ArchiveItem.objects.public().filter(pk=item.pk).exists(),
    }


def test_a_note_of_a_draft_recommendation_is_nowhere_public(client, accepted):
    page, item = accepted
    assert not page.live and item.consent_public  # the reader consented, nobody reviewed
    assert _visible(client, item) == {"page": False, "search": False, "queryset": False}


def test_publishing_the_recommendation_publishes_the_note(client, accepted):
    page, item = accepted
    page.save_revision().publish()
    assert _visible(client, item) == {"page": True, "search": True, "queryset": True}


def test_unpublishing_or_restricting_the_recommendation_withdraws_the_note(client, accepted):
    from wagtail.models import PageViewRestriction

    page, item = accepted
    page.save_revision().publish()
    page.refresh_from_db()
    page.unpublish()
    assert _visible(client, item) == {"page": False, "search": False, "queryset": False}
    page.save_revision().publish()
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert _visible(client, item) == {"page": False, "search": False, "queryset": False}
