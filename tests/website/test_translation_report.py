"""Editors see which pages lack a translation or have one older than the source."""

import pytest

from tests.factories import HomePageFactory, translate_page
from website.core.translations import translation_statuses


@pytest.mark.django_db
def test_missing_and_outdated_translations_are_reported(client, editor, home):
    untranslated = HomePageFactory(parent=home, slug="only-zh", title="只有中文")
    both = HomePageFactory(parent=home, slug="both", title="两种语言")
    translate_page(both, "en", title="Both languages")
    statuses = {status.source.pk: status for status in translation_statuses()}
    assert [loc.language_code for loc in statuses[untranslated.pk].missing] == ["en"]
    assert both.pk not in statuses

    both.title = "两种语言（修订）"
    both.save_revision().publish()
    statuses = {status.source.pk: status for status in translation_statuses()}
    assert [loc.language_code for loc in statuses[both.pk].outdated] == ["en"]

    client.force_login(editor)
    response = client.get("/admin/reports/translations/")
    assert response.status_code == 200
    assert "只有中文" in response.text and "两种语言（修订）" in response.text
    csv = client.get("/admin/reports/translations/?export=csv")
    body = b"".join(csv.streaming_content).decode()
    assert csv.status_code == 200 and "只有中文" in body and "English" in body


@pytest.mark.django_db
def test_report_is_for_editors_only(client, home):
    response = client.get("/admin/reports/translations/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
