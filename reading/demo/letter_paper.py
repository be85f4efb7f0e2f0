"""The library's letter paper, drawn with a note written on it in a handwriting font.

The paper (§3.2.1) has readers write their recommendations by hand on 思库 letter paper, which
the library scans and archives; the demo shows that signature with scans made at build time,
so that the note, its OCR draft and its transcription are about the demo's own books. The fonts
come from Debian packages that `scripts/setup.sh` installs (a Kai script for Chinese, Dancing
Script for English); they are found by path, and a missing one stops the demo with the name of
the package to install rather than with a blank or a box-filled scan.
"""

import io
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_ROOT = Path("/usr/share/fonts")

# script: (file name under /usr/share/fonts, Debian package)
HANDWRITING_FONTS = {
    "zh": ("gkai00mp.ttf", "fonts-arphic-gkai00mp"),
    "en": ("DancingScript-Regular.otf", "fonts-dancingscript"),
}

PAPER = (250, 246, 236)
INK = (24, 38, 84)
RULE = (176, 196, 222)
BRAND = (150, 32, 40)
SIZE = (1240, 1600)
MARGIN = 110
LINE_HEIGHT = 88
CLOSING = set("，。、；：！？”’》）")


class FontMissing(RuntimeError):
    """A handwriting font is not installed."""


def font_path(script, root=FONT_ROOT):
    """The installed font file for `script` ("zh" or "en")."""
    filename, package = HANDWRITING_FONTS[script]
    found = sorted(Path(root).rglob(filename)) if Path(root).is_dir() else []
    if not found:
        raise FontMissing(
            f"The demo's handwritten notes need the font {filename} (Debian package "
            f"{package}); install it with `sudo apt-get install {package}` or run "
            "scripts/setup.sh as root."
        )
    return found[0]


def _font(script, size):
    return ImageFont.truetype(str(font_path(script)), size)


def _wrap(draw, text, font, width):
    """Lines of `text` that fit `width`: Chinese breaks anywhere, English at spaces."""
    lines = []
    for paragraph in text.splitlines():
        words = paragraph.split(" ") if paragraph.isascii() else list(paragraph)
        joiner = " " if paragraph.isascii() else ""
        line = ""
        for word in words:
            candidate = f"{line}{joiner}{word}" if line else word
            # a Chinese line never begins with closing punctuation
            if draw.textlength(candidate, font=font) <= width or word in CLOSING:
                line = candidate
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


def _letterhead(image, draw, script):
    title_font = _font("zh", 54)
    small_font = _font("zh", 28)
    draw.rectangle([0, 0, SIZE[0], 18], fill=BRAND)
    cx, cy, r = MARGIN + 40, 110, 40
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], outline=BRAND, width=5)
    draw.text((cx, cy), "思", font=_font("zh", 46), fill=BRAND, anchor="mm")
    draw.text((cx + 70, 70), "思库推荐 · 影响我最深的一本书", font=title_font, fill=BRAND)
    draw.text(
        (cx + 72, 138),
        "南方科技大学图书馆  SUSTech Library · SiKu Recommends",
        font=small_font,
        fill=BRAND,
    )
    draw.line([MARGIN, 200, SIZE[0] - MARGIN, 200], fill=BRAND, width=3)
    draw.line([MARGIN, 208, SIZE[0] - MARGIN, 208], fill=BRAND, width=1)
    # a faint watermark, as the printed paper has
    mark = Image.new("L", SIZE, 0)
    ImageDraw.Draw(mark).text(
        (SIZE[0] // 2, SIZE[1] // 2 + 100), "思库", font=_font("zh", 420), fill=14, anchor="mm"
    )
    image.paste(BRAND, mask=mark)
    footer = "图书馆一楼 · 思库专架" if script == "zh" else "SiKu shelf · Library, 1st floor"
    draw.text((SIZE[0] // 2, SIZE[1] - 60), footer, font=small_font, fill=BRAND, anchor="mm")


def draw_note(text, script, seed=0):
    """JPEG bytes of `text` handwritten on the letter paper. `script` chooses the hand."""
    rng = random.Random(seed)
    image = Image.new("RGB", SIZE, PAPER)
    draw = ImageDraw.Draw(image)
    _letterhead(image, draw, script)
    top = 300
    lines_y = list(range(top, SIZE[1] - 140, LINE_HEIGHT))
    for y in lines_y:
        draw.line([MARGIN, y, SIZE[0] - MARGIN, y], fill=RULE, width=2)
    draw.line([MARGIN + 60, top - LINE_HEIGHT, MARGIN + 60, lines_y[-1]], fill=(230, 170, 170))
    hand = _font(script, 54 if script == "zh" else 62)
    written = _wrap(draw, text, hand, SIZE[0] - 2 * MARGIN - 90)
    ink = Image.new("L", SIZE, 0)
    pen = ImageDraw.Draw(ink)
    for y, line in zip(lines_y, written, strict=False):
        x = MARGIN + 80 + rng.randint(-6, 6)
        pen.text((x, y - 10 + rng.randint(-4, 3)), line, font=hand, fill=235, anchor="ls")
    # a hand is never perfectly level, and ink spreads a little into the paper
    ink = ink.rotate(rng.uniform(-0.8, 0.8), resample=Image.BICUBIC, center=(MARGIN, top))
    ink = ink.filter(ImageFilter.GaussianBlur(0.6))
    image.paste(INK, mask=ink)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88)
    return out.getvalue()
