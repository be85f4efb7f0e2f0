"""Editors work in Chinese: every StreamField block they see has a Chinese label, and the
project's catalogue never overrides Wagtail's own Chinese for a word Wagtail translates."""

from pathlib import Path

import polib

from django.apps import apps
from django.utils import translation

import wagtail
from wagtail import blocks
from wagtail.fields import StreamField

PROJECT_APPS = {"reading", "guides", "website"}
# Labels spelled the same in both languages; add a name here only if Chinese writes it so.
SAME_IN_BOTH = {"App", "OCR", "ISBN"}
CATALOGUE = Path(__file__).parents[2] / "website/locale/zh_Hans/LC_MESSAGES/django.po"


def child_blocks(block, path):
    if isinstance(block, (blocks.StructBlock, blocks.StreamBlock)):
        children = block.child_blocks.items()
    elif isinstance(block, blocks.ListBlock):
        children = [("item", block.child_block)]
    else:
        children = []
    for name, child in children:
        yield f"{path}.{name}", child
        yield from child_blocks(child, f"{path}.{name}")


def project_stream_blocks():
    for model in apps.get_models():
        if model.__module__.split(".")[0] not in PROJECT_APPS:
            continue
        for field in model._meta.get_fields():
            if isinstance(field, StreamField):
                yield from child_blocks(field.stream_block, f"{model.__name__}.{field.name}")


def test_the_project_has_stream_blocks_to_check():
    assert len(list(project_stream_blocks())) > 50


def test_every_stream_block_has_a_chinese_label():
    untranslated = []
    for path, block in project_stream_blocks():
        with translation.override("en"):
            english = str(block.label)
        with translation.override("zh-hans"):
            chinese = str(block.label)
        # A list's items carry no label of their own in the editor.
        if not english and path.endswith(".item"):
            continue
        if english == chinese and english not in SAME_IN_BOTH:
            untranslated.append(f"{path}: {english!r}")
    assert untranslated == []


def wagtail_translations():
    found = {}
    for po in Path(wagtail.__file__).parent.glob("**/locale/zh_Hans/LC_MESSAGES/django.po"):
        for entry in polib.pofile(str(po)):
            if not entry.msgctxt and entry.msgstr:
                found.setdefault(entry.msgid, entry.msgstr.strip())
    return found


def test_the_catalogue_does_not_override_wagtails_chinese():
    """A msgid Wagtail also translates would win over Wagtail's own translation everywhere
    in the admin ("Published" became 出版, the Promote tab 递补): such words take a context.
    The same word translated the same way changes nothing and is allowed."""
    wagtail_zh = wagtail_translations()
    overridden = [
        f"{entry.msgid!r}: {entry.msgstr} instead of Wagtail's {wagtail_zh[entry.msgid]}"
        for entry in polib.pofile(str(CATALOGUE))
        if not entry.obsolete
        and not entry.msgctxt
        and entry.msgid in wagtail_zh
        and entry.msgstr.strip() != wagtail_zh[entry.msgid]
    ]
    assert overridden == []
