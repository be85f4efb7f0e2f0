"""The excerpt under each result: the words around the first match, with the matches marked.

Many results share a title (three recommendations of 活着), so the reader tells them apart by
the sentence that matched. Everything is escaped; only the <mark> elements this module writes
are markup. The text is escaped piece by piece around the matches rather than matched after
escaping, so that a query never matches inside an entity (searching "amp" cannot split
"&amp;") and the marks always wrap whole characters.
"""

import re
from html import unescape

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from .cjk import CJK_RUN, cjk_tokens

WIDTH = 160  # characters of context shown; about two lines on a phone
LATIN_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def query_terms(query):
    """What to look for in the text: each Chinese run whole and as its pairs, each word.

    A longer term is tried first, so 三体 is marked as one and its pairs only when the
    whole run is not in the text (the index matches pairs, which may stand apart).
    """
    terms = set()
    for run in CJK_RUN.findall(query):
        terms.add(run)
        terms.update(cjk_tokens(run))
    for word in LATIN_WORD.findall(CJK_RUN.sub(" ", query)):
        if len(word) > 1 or word.isdigit():
            terms.add(word)
    return sorted(terms, key=lambda term: (-len(term), term))


def _pattern(terms):
    if not terms:
        return None
    parts = []
    for term in terms:
        if CJK_RUN.fullmatch(term):
            parts.append(re.escape(term))
        else:
            # An English word matches as the start of a word, so "recommend" finds
            # "recommended" as the backend's stemming does.
            parts.append(r"(?<![^\W_])" + re.escape(term) + r"[^\W_]*")
    return re.compile("|".join(parts), re.IGNORECASE)


def plain_text(text):
    return " ".join(unescape(strip_tags(text or "")).split())


def excerpt(text, query, width=WIDTH):
    """Safe HTML: about `width` characters of `text` (its tags dropped: it may be rich
    text) around the first match of `query`."""
    text = plain_text(text)
    if not text:
        return ""
    pattern = _pattern(query_terms(query))
    first = pattern.search(text) if pattern else None
    if first is None or len(text) <= width:
        start = 0
    else:
        start = max(0, min(first.start() - width // 3, len(text) - width))
        # Start at a word boundary in Latin text; Chinese may start anywhere.
        space = text.rfind(" ", max(0, start - 15), start + 1)
        if space != -1 and start - space < 15:
            start = space + 1
    end = min(len(text), start + width)
    window = text[start:end]
    pieces = ["…" if start > 0 else ""]
    position = 0
    if pattern is not None:
        for match in pattern.finditer(window):
            pieces.append(escape(window[position : match.start()]))
            pieces.append(f"<mark>{escape(match.group())}</mark>")
            position = match.end()
    pieces.append(escape(window[position:]))
    pieces.append("…" if end < len(text) else "")
    return mark_safe("".join(pieces))  # noqa: S308 - every piece of the text is escaped
