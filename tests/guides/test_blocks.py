"""Block rules: what editors are told when a guide's content does not make sense."""

import pytest

from django.core.exceptions import ValidationError

from guides import blocks
from guides.models import GuidePage
from tests.factories import DatabaseFactory

pytestmark = pytest.mark.django_db


def test_every_block_has_icon_template_help_and_preview():
    for block_class in (
        blocks.GuideRichTextBlock,
        blocks.BookListBlock,
        blocks.DatabaseListBlock,
        blocks.VideoListBlock,
        blocks.WebToolListBlock,
        blocks.LinksBlock,
        blocks.GuideImageBlock,
        blocks.CatalogueSearchBlock,
        blocks.BoxBlock,
        blocks.SectionBlock,
    ):
        block = block_class()
        meta = block.meta
        assert meta.icon and meta.template and meta.help_text, block_class
        assert block.get_preview_value() is not None, block_class


def test_the_same_record_twice_in_a_list_is_refused():
    database = DatabaseFactory()
    block = blocks.DatabaseListBlock()
    value = block.to_python({"heading": "", "intro": "", "items": [database.pk, database.pk]})
    with pytest.raises(ValidationError):
        block.clean(value)


def test_an_image_needs_a_description_unless_decorative():
    block = blocks.GuideImageBlock()
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="x", file=get_test_image_file())
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"image": image.pk, "alt_text": "", "decorative": False}))
    block.clean(block.to_python({"image": image.pk, "alt_text": "", "decorative": True}))
    block.clean(block.to_python({"image": image.pk, "alt_text": "图书馆", "decorative": False}))


def test_section_anchors_must_be_address_safe_and_unique():
    section = blocks.SectionBlock()
    with pytest.raises(ValidationError):
        section.clean(section.to_python({"title": "语法", "anchor": "Grammar Tools", "body": []}))
    field = GuidePage._meta.get_field("sections")
    stream = field.stream_block
    value = stream.to_python(
        [
            {"type": "section", "value": {"title": "Tools", "anchor": "", "body": []}},
            {"type": "section", "value": {"title": "tools", "anchor": "", "body": []}},
        ]
    )
    with pytest.raises(ValidationError):
        stream.clean(value)


def test_chinese_section_titles_make_working_anchors():
    assert blocks.section_anchor({"title": "纸质馆藏", "anchor": ""}, 0) == "纸质馆藏"
    assert blocks.section_anchor({"title": "!!!", "anchor": ""}, 2) == "section-3"
    assert blocks.section_anchor({"title": "x", "anchor": "grammar"}, 0) == "grammar"


def test_tabs_are_anchor_links_over_sections_in_the_html(guide, reader):
    html = reader.get(guide.url).content.decode()
    assert 'href="#数据库"' in html and 'id="数据库"' in html
    assert "guides/tabs.js" in html
    assert html.count('class="guide-section"') == 3
