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


# Engines return whatever their decoders produce: a NUL byte (which PostgreSQL refuses in a
# text column), other control characters, lone surrogates, non-characters, or megabytes of
# garbage from a noisy scan. Everything an engine says passes through here before it is stored.
_KEEP_CONTROLS = {"\n", "\t"}


def _printable(char):
    if char in _KEEP_CONTROLS:
        return True
    category = unicodedata.category(char)
    if category in {"Cc", "Cs", "Co", "Cn"}:  # control, surrogate, private use, unassigned
        return False
    code = ord(char)
    return not (0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE)  # non-characters


def clean_engine_output(text, max_chars):
    """NFC-normalised text without control, surrogate or non-characters, cut to `max_chars`.

    Returns (text, truncated): the caller records that the draft was cut, so a librarian knows
    the scan holds more than the draft shows.
    """
    text = unicodedata.normalize("NFC", str(text).replace("\r\n", "\n").replace("\r", "\n"))
    text = "".join(char for char in text if _printable(char))
    if len(text) <= max_chars:
        return text, False
    return text[:max_chars].rstrip(), True
