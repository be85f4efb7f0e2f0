"""Clean-up of recognised text shared by the engines."""

import difflib
import re
import unicodedata

CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef《》“”‘’…·—"
SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{CJK}]) +(?=[{CJK}])")

# The printed letterhead of the library's letter paper: not part of any note.
LETTERHEAD = ["图书馆·思库推荐", "LIBRARY BOOK RECOMMENDATION", "思"]


def tidy_line(line):
    """Drop the spaces engines put between Chinese characters; keep English word spaces and
    the space between an English word and a Chinese one."""
    line = " ".join(line.split())
    return SPACE_BETWEEN_CJK.sub("", line)


def is_letterhead(line):
    """True for a line that is (nearly) a line of the printed letterhead."""
    squashed = unicodedata.normalize("NFKC", line).replace(" ", "").upper()
    if not squashed:
        return False
    for phrase in LETTERHEAD:
        target = unicodedata.normalize("NFKC", phrase).replace(" ", "").upper()
        if squashed == target:
            return True
        if len(target) > 3 and difflib.SequenceMatcher(None, squashed, target).ratio() > 0.75:
            return True
    return False


def tidy(lines):
    kept = [tidy_line(line) for line in lines]
    return "\n".join(line for line in kept if line and not is_letterhead(line))
