"""A rich-text field that receives raw HTML (or any JSON that is not Draftail's) instead of the
editor's JSON keeps what its features allow and saves: a defined answer, never a 500."""

import re

import pytest

from wagtail.admin.rich_text import get_rich_text_editor_widget
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from reading.models import ShelfPage
from tests.factories import ShelfIndexPageFactory

pytestmark = pytest.mark.django_db


def without_block_keys(html):
    return re.sub(r' data-block-key="[^"]*"', "", html)


def shelf_form(introduction):
    return nested_form_data(
        {
            "title": "科学史",
            "slug": "history-of-science",
            "theme": "科学史",
            "curator": "图书馆",
            "place": "一楼 思库专架 4",
            "introduction": introduction,
            "items": inline_formset([]),
            "exclusions": inline_formset([]),
            "action-publish": "publish",
        }
    )


@pytest.mark.parametrize(
    "posted",
    [
        '<p>科学<script>alert("x")</script>如何成为<b>科学</b></p>',
        "科学如何成为科学",
        "[1, 2, 3]",
        '{"entityMap": {}}',
        "null",
    ],
)
def test_raw_input_in_a_rich_text_field_is_cleaned_and_saved(client, editor, home, posted):
    index = ShelfIndexPageFactory(parent=home)
    client.force_login(editor)
    response = client.post(f"/admin/pages/add/reading/shelfpage/{index.pk}/", shelf_form(posted))
    assert response.status_code == 302, response.content.decode()[:2000]
    introduction = ShelfPage.objects.get(slug="history-of-science").introduction
    assert "<script" not in introduction
    assert "alert" not in introduction
    if "<b>" in posted:
        assert without_block_keys(introduction) == "<p>科学如何成为<b>科学</b></p>"


def test_the_editors_own_json_is_stored_as_before(client, editor, home):
    index = ShelfIndexPageFactory(parent=home)
    client.force_login(editor)
    client.post(
        f"/admin/pages/add/reading/shelfpage/{index.pk}/",
        shelf_form(rich_text("<p>科学如何成为<b>科学</b>。</p>")),
    )
    introduction = ShelfPage.objects.get(slug="history-of-science").introduction
    assert without_block_keys(introduction) == "<p>科学如何成为<b>科学</b>。</p>"


def test_html_keeps_only_the_features_of_the_field():
    widget = get_rich_text_editor_widget(features=["bold"])
    stored = widget.value_from_datadict(
        {"intro": '<p>读<i>书</i><b>好</b><a href="https://x.invalid/">链接</a></p>'}, {}, "intro"
    )
    assert without_block_keys(stored) == "<p>读书<b>好</b>链接</p>"
