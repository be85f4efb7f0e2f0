"""Editors can open every guides screen of the admin."""

import pytest

from django.urls import reverse

from wagtail.test.utils.form_data import nested_form_data, streamfield

from guides.models import GuidePage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["database", "video", "webtool", "librarianprofile", "subject"])
def test_record_listings_and_forms_open(editor, client, guide, model):
    client.force_login(editor)
    assert client.get(f"/admin/snippets/guides/{model}/").status_code == 200
    assert client.get(f"/admin/snippets/guides/{model}/add/").status_code == 200


def test_guide_edit_form_opens(editor, client, guide):
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[guide.pk]))
    assert response.status_code == 200


def test_reports_are_in_the_menu(editor, client):
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert "/admin/guides/reports/usage/" in html
    assert "/admin/guides/reports/broken-links/" in html


def test_a_guide_is_created_through_the_admin(editor, client, guide_index, cnki, physics):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=["guides", "guidepage", guide_index.pk])
    data = nested_form_data(
        {
            "title": "化学学科导航",
            "slug": "chemistry",
            "guide_type": "subject",
            "summary": "化学",
            "review_by": "2027-06-30",
            "subjects": [physics.pk],
            "sections": streamfield(
                [
                    (
                        "section",
                        {
                            "title": "数据库",
                            "anchor": "",
                            "body": streamfield(
                                [
                                    (
                                        "databases",
                                        {
                                            "heading": "",
                                            "intro": "",
                                            "items": streamfield([("item", cnki.pk)]),
                                        },
                                    )
                                ]
                            ),
                        },
                    )
                ]
            ),
            "action-publish": "publish",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    created = GuidePage.objects.get(slug="chemistry")
    assert created.live
    assert created.sections[0].value["body"][0].value["items"][0] == cnki


def test_a_database_is_created_with_subjects_and_best_bets(editor, client, physics):
    from wagtail.test.utils.form_data import inline_formset

    from guides.models import Database

    client.force_login(editor)
    data = nested_form_data(
        {
            "name_zh": "美国物理学会期刊",
            "name_en": "APS Journals",
            "description_zh": "",
            "description_en": "",
            "url": "https://journals.aps.org/",
            "access": "campus",
            "database_type": "articles",
            "vendor": "APS",
            "subject_links": inline_formset([{"subject": physics.pk, "best_bet": "on"}]),
        }
    )
    response = client.post("/admin/snippets/guides/database/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    database = Database.objects.get(name_en="APS Journals")
    assert database.initial_zh == "M" and database.initial_en == "A"
    assert database.subject_links.get().best_bet


def test_a_database_without_a_name_is_refused_with_a_message(editor, client):
    from wagtail.test.utils.form_data import inline_formset

    client.force_login(editor)
    data = nested_form_data(
        {
            "name_zh": "",
            "name_en": "",
            "url": "not a url",
            "access": "campus",
            "database_type": "articles",
            "subject_links": inline_formset([]),
        }
    )
    response = client.post("/admin/snippets/guides/database/add/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "error-message" in html or "w-field__errors" in html
