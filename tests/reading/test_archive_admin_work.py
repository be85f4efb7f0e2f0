"""The archive list helps librarians find their work: notes named by recommender and book,
a thumbnail, a translated yes/no, a "checked" state that saving a correction sets, filters for
what is left; uploads answer at once (one file per request for the page's progress bars) and
a small status view lets the page follow each OCR until it is done."""

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from reading.models import ArchiveItem, OcrStatus, ReviewStatus
from tests.factories import ArchiveItemFactory, RecommendationPageFactory, UserFactory
from tests.factories.archive import note_image_bytes
from tests.factories.campaigns import campaign_in_both_languages

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def queued(monkeypatch):
    """OCR is only recorded as queued, as with a worker that has not started yet."""
    calls = []
    monkeypatch.setattr("reading.tasks.queue_ocr", calls.append)
    return calls


def test_list_names_notes_by_recommender_and_book_with_a_thumbnail(admin_client, home):
    campaign = campaign_in_both_languages(home)[0]
    recommendation = RecommendationPageFactory(
        parent=campaign, book__title="平凡的世界", recommender__name="王小明"
    )
    ArchiveItemFactory(filename="IMG_2041.jpg", recommendation=recommendation)
    html = admin_client.get(reverse("reading_archive:index")).content.decode()
    assert "王小明 · 平凡的世界" in html
    assert 'class="archive-thumbnail"' in html
    with translation.override("zh-hans"):
        html = admin_client.get(
            reverse("reading_archive:index"), HTTP_ACCEPT_LANGUAGE="zh-hans"
        ).content.decode()
    assert "True" not in html.split('class="listing')[1].split("</table>")[0]


def test_public_is_a_translated_yes_or_no(admin_client):
    ArchiveItemFactory(consent_public=True)
    html = admin_client.get(reverse("reading_archive:index")).content.decode()
    table = html.split('class="listing')[1].split("</table>")[0]
    assert "Yes" in table and "True" not in table


def test_saving_a_correction_marks_the_note_checked(admin_client, editor):
    item = ArchiveItemFactory(ocr_status=OcrStatus.DONE, ocr_draft="草稿")
    assert item.review_status == ReviewStatus.UNCHECKED
    response = admin_client.post(
        reverse("reading_archive:edit", args=[item.pk]),
        {"transcription": "改好的文字", "rights_statement": item.rights_statement},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.review_status == ReviewStatus.CHECKED
    assert item.corrected_by == editor and item.corrected_at is not None
    checked = admin_client.get(reverse("reading_archive:index"), {"work": "checked"})
    assert reverse("reading_archive:edit", args=[item.pk]) in checked.content.decode()
    to_check = admin_client.get(reverse("reading_archive:index"), {"work": "to_check"})
    assert reverse("reading_archive:edit", args=[item.pk]) not in to_check.content.decode()


def test_saving_with_no_text_leaves_the_note_to_check(admin_client):
    item = ArchiveItemFactory(ocr_status=OcrStatus.DONE)
    admin_client.post(
        reverse("reading_archive:edit", args=[item.pk]),
        {"transcription": "  ", "rights_statement": item.rights_statement},
    )
    item.refresh_from_db()
    assert item.review_status == ReviewStatus.UNCHECKED


def test_an_unknown_filter_value_is_refused_not_a_server_error(admin_client):
    response = admin_client.get(reverse("reading_archive:index"), {"work": "everything"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_script_upload_answers_at_once_with_the_item_waiting(
    admin_client, queued, django_capture_on_commit_callbacks
):
    scan = SimpleUploadedFile("scan.png", note_image_bytes("scan", seed=4242), "image/png")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("reading_archive:add"), {"files": [scan]}, HTTP_ACCEPT="application/json"
        )
    assert response.status_code == 200
    [answer] = response.json()["items"]
    item = ArchiveItem.objects.get()
    assert answer["id"] == item.pk and answer["ocr"] == "waiting" and not answer["finished"]
    assert answer["edit_url"] == reverse("reading_archive:edit", args=[item.pk])
    assert queued == [item.pk]


def test_script_upload_of_a_bad_file_says_why(admin_client, queued):
    fake = SimpleUploadedFile("fake.jpg", b"<html><body>no</body></html>", "image/jpeg")
    response = admin_client.post(
        reverse("reading_archive:add"), {"files": [fake]}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 400
    assert "HTML" in response.json()["errors"][0]
    empty = admin_client.post(reverse("reading_archive:add"), {}, HTTP_ACCEPT="application/json")
    assert empty.status_code == 400 and empty.json()["errors"]
    assert ArchiveItem.objects.count() == 0


def test_plain_form_upload_gives_one_message_not_one_per_file(admin_client, queued):
    files = [
        SimpleUploadedFile(f"n{n}.png", note_image_bytes(f"n{n}", seed=500 + n), "image/png")
        for n in range(4)
    ]
    response = admin_client.post(reverse("reading_archive:add"), {"files": files}, follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert messages == [
        "4 notes archived (n0.png, n1.png, n2.png, n3.png); their OCR state is shown in the list."
    ]


def test_status_view_reports_each_items_state(admin_client):
    waiting = ArchiveItemFactory()
    done = ArchiveItemFactory(ocr_status=OcrStatus.DONE, ocr_draft="草稿")
    failed = ArchiveItemFactory(ocr_status=OcrStatus.FAILED, ocr_error="引擎未安装")
    url = reverse("reading_archive:status")
    response = admin_client.get(url, {"id": [waiting.pk, done.pk, failed.pk]})
    states = {row["id"]: row for row in response.json()["items"]}
    assert states[waiting.pk]["ocr"] == "waiting" and not states[waiting.pk]["finished"]
    assert states[done.pk]["finished"] and states[done.pk]["draft"] == "草稿"
    assert states[failed.pk]["error"] == "引擎未安装"


def test_status_view_refuses_bad_ids_and_strangers(client, admin_client):
    url = reverse("reading_archive:status")
    assert admin_client.get(url, {"id": "abc"}).status_code == 400
    assert admin_client.get(url, {"id": list(range(1, 200))}).status_code == 400
    client.force_login(UserFactory(is_staff=True))
    assert client.get(url, {"id": 1}).status_code in (302, 403)


def test_status_view_queries_do_not_grow(admin_client, django_assert_max_num_queries):
    items = ArchiveItemFactory.create_batch(2)
    url = reverse("reading_archive:status")
    with django_assert_max_num_queries(12) as few:
        admin_client.get(url, {"id": [i.pk for i in items]})
    items += ArchiveItemFactory.create_batch(6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        admin_client.get(url, {"id": [i.pk for i in items]})
