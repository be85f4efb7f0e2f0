"""The queue is where moderation starts: each row's book opens its moderation page, the menu
shows how many wait under the same name as the page, and accepting a note leads to its OCR."""

import io
import json

import pytest
from PIL import Image

from django.core.files.base import ContentFile
from django.urls import reverse

from reading.models import ArchiveItem, Submission
from tests.factories import SubmissionFactory
from tests.factories.campaigns import campaign_in_both_languages

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(home):
    return campaign_in_both_languages(home)[0]


def test_each_row_opens_its_moderation_page(client, editor, campaign):
    submission = SubmissionFactory(campaign=campaign, title="活着", author="余华")
    client.force_login(editor)
    html = client.get(reverse("reading_submissions:index")).content.decode()
    moderate = reverse("reading_submissions:moderate", args=[submission.pk])
    assert f'href="{moderate}"' in html
    row = html.split(f'href="{moderate}"')[1][:200]
    assert "活着 / 余华" in row


def test_menu_counts_what_waits_under_the_pages_own_name(client, editor, campaign):
    SubmissionFactory.create_batch(3, campaign=campaign)
    SubmissionFactory(campaign=campaign, status=Submission.Status.ACCEPTED)
    client.force_login(editor)
    html = client.get(reverse("reading_submissions:index")).content.decode()
    sidebar = json.loads(
        html.split('id="wagtail-sidebar-props"')[1].split(">", 1)[1].split("</script>")[0]
    )
    text = json.dumps(sidebar, ensure_ascii=False)
    assert '"data-waiting": "3"' in text
    assert "Moderation: 3 waiting" in text
    assert "<title>Moderation" in html or "Moderation - " in html


def test_menu_in_chinese_agrees_with_the_page(client, editor, campaign):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "zh-hans"
    profile.save()
    client.force_login(editor)
    html = client.get(reverse("reading_submissions:index")).content.decode()
    assert html.count("推荐审核") >= 2  # the menu and the page's title


def png():
    out = io.BytesIO()
    Image.new("RGB", (50, 30), "white").save(out, "PNG")
    return out.getvalue()


def test_accepting_a_note_leads_to_its_ocr_state(client, editor, campaign, monkeypatch):
    monkeypatch.setattr("reading.tasks.queue_ocr", lambda pk: None)  # the worker is busy
    submission = SubmissionFactory(campaign=campaign, consent_note=True)
    submission.note_file.save("note.png", ContentFile(png()))
    client.force_login(editor)
    moderate = reverse("reading_submissions:moderate", args=[submission.pk])
    response = client.post(moderate, {"decision": "accept", "message": "", "book": ""})
    assert response.status_code == 302 and response["Location"] == moderate
    item = ArchiveItem.objects.get()
    html = client.get(moderate).content.decode()
    assert f'data-ocr-item="{item.pk}"' in html and 'data-ocr-state="waiting"' in html
    assert reverse("reading_archive:edit", args=[item.pk]) in html


def test_the_decision_button_shows_progress(client, editor, campaign):
    submission = SubmissionFactory(campaign=campaign)
    client.force_login(editor)
    html = client.get(reverse("reading_submissions:moderate", args=[submission.pk])).text
    assert 'data-controller="w-progress"' in html
