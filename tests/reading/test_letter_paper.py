"""The demo's handwritten notes are drawn on the letter paper in a handwriting font."""

import io

import pytest
from PIL import Image

from reading.demo import letter_paper


@pytest.mark.parametrize(
    ("script", "text"),
    [
        ("zh", "读完《活着》，你会重新理解“活着”这两个字的分量。"),
        ("en", "A small book with a big message."),
    ],
)
def test_a_note_is_a_letter_size_jpeg_with_ink_on_it(script, text):
    data = letter_paper.draw_note(text, script)
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG" and image.size == letter_paper.SIZE
    # the writing area holds dark ink, not only the paper's colour and its rules
    band = image.convert("L").crop((150, 300, 1100, 420))
    assert band.getextrema()[0] < 90


def test_the_same_text_draws_the_same_scan():
    """So that running the demo again finds the note by its checksum and adds nothing."""
    assert letter_paper.draw_note("同一段话", "zh") == letter_paper.draw_note("同一段话", "zh")


def test_a_missing_font_names_the_package_to_install(tmp_path):
    with pytest.raises(letter_paper.FontMissing, match="fonts-dancingscript"):
        letter_paper.font_path("en", root=tmp_path)


def test_chinese_lines_never_begin_with_closing_punctuation():
    from PIL import ImageDraw

    draw = ImageDraw.Draw(Image.new("RGB", (10, 10)))
    font = letter_paper._font("zh", 54)
    width = draw.textlength("字" * 10, font=font)
    lines = letter_paper._wrap(draw, "字" * 10 + "。后面的字", font, width)
    assert not any(line[:1] in letter_paper.CLOSING for line in lines)
