"""The letterhead is cut only where it is recognised: a note on plain paper keeps its first line."""

import io

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from reading.demo.letter_paper import INK, PAPER, RULE, FontMissing, draw_note, font_path
from reading.ocr import get_engine, preprocess

LINES = ["Dear reader, start here", "this book changed my year", "read it slowly"]


@pytest.fixture(autouse=True)
def handwriting_font():
    try:
        font_path("en")
    except FontMissing as missing:
        pytest.skip(str(missing))


def jpeg(image):
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def plain_paper_note():
    """Three lines in a hand on plain ruled paper, the first near the top: no letterhead."""
    image = Image.new("RGB", (1240, 1600), PAPER)
    draw = ImageDraw.Draw(image)
    hand = ImageFont.truetype(str(font_path("en")), 62)
    for index, line in enumerate(LINES):
        y = 160 + index * 88
        draw.line([110, y + 12, 1130, y + 12], fill=RULE, width=2)
        draw.text((190, y), line, font=hand, fill=INK, anchor="ls")
    return jpeg(image)


def letter_paper_note():
    return draw_note("\n".join(LINES), "en")


def upside_down(data):
    return jpeg(Image.open(io.BytesIO(data)).rotate(180))


def page(data):
    return preprocess.load_pages(data)[0]


def test_plain_paper_is_not_cut():
    sheet = page(plain_paper_note())
    assert preprocess.letterhead_bottom(sheet) == 0
    note = preprocess.crop_to_note(sheet)
    assert note.shape[0] > sheet.shape[0] * 0.9  # only the margins went


def test_plain_paper_note_keeps_its_first_line():
    text = get_engine("ppocrv6").recognise(plain_paper_note()).text
    assert text.splitlines()[0].lower().startswith("dear reader")


def test_letter_paper_loses_its_letterhead_and_nothing_else():
    sheet = page(letter_paper_note())
    bottom = preprocess.letterhead_bottom(sheet)
    assert 190 < bottom < 300  # the double rule is drawn at rows 200 and 208; writing from 300
    text = get_engine("ppocrv6").recognise(letter_paper_note()).text
    assert "思库" not in text and "SiKu" not in text
    assert text.splitlines()[0].lower().startswith("dear reader")


def test_letter_paper_photographed_upside_down_is_turned_and_cut():
    sheet = page(upside_down(letter_paper_note()))
    assert preprocess.letterhead_bottom(sheet) == 0  # its top is the foot of the page
    turned = preprocess.upright(sheet)
    assert np.array_equal(turned, cv2.rotate(sheet, cv2.ROTATE_180))
    text = get_engine("ppocrv6").recognise(upside_down(letter_paper_note())).text
    assert "思库推荐" not in text
    assert text.splitlines()[0].lower().startswith("dear reader")


def test_plain_paper_upside_down_is_left_as_it_is():
    sheet = page(upside_down(plain_paper_note()))
    assert preprocess.upright(sheet) is sheet
