"""The demo's sample videos: title cards drawn here, in both languages, as short WebM files.

The site serves them itself, so that no demo page embeds a player of a video that does not
exist (a grey box) or links a reader to one. The text is drawn with Pillow in the handwriting
font the demo's notes use (OpenCV, which writes the WebM, draws no Chinese), Chinese above
English, so that the same file reads right on both sites.
"""

import contextlib
import os
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from reading.demo.letter_paper import font_path

SIZE = (480, 270)
FPS = 10
SECONDS = 3
BACKGROUND = (20, 45, 70)  # RGB: the site's dark blue
BAR = (230, 170, 60)
WHITE = (255, 255, 255)


def _fit(draw, text, size, width):
    """The handwriting font at `size`, or smaller until `text` fits `width`."""
    while True:
        font = ImageFont.truetype(str(font_path("zh")), size)
        if draw.textlength(text, font=font) <= width or size <= 12:
            return font
        size -= 2


def _card(title_zh, title_en):
    card = Image.new("RGB", SIZE, BACKGROUND)
    draw = ImageDraw.Draw(card)
    width = SIZE[0] - 60
    draw.text((30, 28), "思库 · SiKu", font=_fit(draw, "思库 · SiKu", 22, width), fill=BAR)
    draw.text((30, 95), title_zh, font=_fit(draw, title_zh, 34, width), fill=WHITE)
    draw.text((30, 150), title_en, font=_fit(draw, title_en, 24, width), fill=WHITE)
    return card


@contextlib.contextmanager
def _quiet_native_stderr():
    """OpenCV's FFmpeg backend prints, from C, that WebM has no FourCC tag for VP8 (and then
    writes VP8 all the same): kept out of `load_demo`'s output, whose last lines are the
    accounts a newcomer reads."""
    saved = os.dup(2)
    with open(os.devnull, "w") as devnull:
        os.dup2(devnull.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def sample_video(title_zh, title_en):
    """The bytes of a three-second WebM: a title card with a bar that fills as it plays."""
    import cv2
    import numpy as np

    card = _card(title_zh, title_en)
    frames = SECONDS * FPS
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sample.webm"
        with _quiet_native_stderr():
            writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"VP80"), FPS, SIZE)
        for number in range(frames):
            frame = card.copy()
            progress = int(SIZE[0] * (number + 1) / frames)
            ImageDraw.Draw(frame).rectangle((0, SIZE[1] - 12, progress, SIZE[1]), fill=BAR)
            writer.write(cv2.cvtColor(np.asarray(frame), cv2.COLOR_RGB2BGR))
        writer.release()
        return path.read_bytes()
