"""A–Z order for names in both scripts.

Readers of the A–Z database list look for 中国知网 under Z and for CNKI under C, the way
Chinese library A–Z lists (and LibGuides with a Chinese interface) file them: Chinese
characters are filed by their pinyin, Latin names by their letters, and both interleave in
one alphabet. Names that start with a digit or a symbol are filed under "#".
"""

import unicodedata

from pypinyin import Style, lazy_pinyin

from website.search.cjk import has_cjk

OTHER = "#"
LETTERS = [chr(code) for code in range(ord("A"), ord("Z") + 1)]


def sort_key(name):
    """A lower-case ASCII key: pinyin syllables for Chinese characters, the letters otherwise.

    Each Chinese character becomes its syllable followed by a space, so 百词斩 ("bai ci zhan")
    sorts before 百度 ("bai du") and after "Bai"; accents are dropped so Émile sorts under E.
    """
    text = (name or "").strip()
    parts = lazy_pinyin(text, style=Style.NORMAL, errors="default")
    joined = "".join(
        part + " " if has_cjk(original) else part
        for part, original in zip(parts, _originals(text, parts), strict=False)
    )
    ascii_text = unicodedata.normalize("NFKD", joined).encode("ascii", "ignore").decode()
    key = " ".join(ascii_text.lower().split())[:199]
    # Names filed under "#" (3D Body, 100 Years…) come after Z, as the letter bar shows them.
    return key if key[:1].isalpha() else "~" + key


def _originals(text, parts):
    """The source text of each pinyin part (lazy_pinyin keeps non-Chinese runs whole)."""
    originals = []
    position = 0
    for part in parts:
        char = text[position : position + 1]
        if char and has_cjk(char):
            originals.append(char)
            position += 1
        else:
            originals.append(text[position : position + len(part)])
            position += len(part)
    return originals


def initial(name):
    """The letter a name is filed under: A–Z, or "#" for digits and symbols."""
    key = sort_key(name)
    first = key[:1].upper()
    return first if first in LETTERS else OTHER
