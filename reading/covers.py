"""A book's generated cover, for the many books whose record has no cover image.

Every page that shows a book shows a cover, the same one everywhere (`book_cover.html`), and
none is fetched from an outside service. Without an uploaded or imported image the cover is
drawn from the record: its title, its first author and a colour chosen by its class in the
Chinese Library Classification (the first letter of the call number, 中图法), or by its first
subject when it has no call number, so that a shelf reads at a glance as literature, history
or science, as the spines on the display shelf do.
"""

import zlib
from dataclasses import dataclass

# 中图法 main classes grouped by family, each with (background, ink)
CLC_COLOURS = {
    "A": ("#7a1f2b", "#fbeee0"),  # Marxism, Leninism...
    "B": ("#4b3f72", "#f3eefc"),  # philosophy, psychology
    "C": ("#2f5d62", "#e8f4f2"),  # social sciences
    "D": ("#5b4636", "#f7efe6"),  # politics, law
    "E": ("#3d4a3d", "#eef3ea"),  # military science
    "F": ("#1f4e79", "#e9f1fa"),  # economics
    "G": ("#8a5a00", "#fff5df"),  # culture, education
    "H": ("#006d77", "#e6f6f7"),  # languages
    "I": ("#9b2226", "#fdeceb"),  # literature
    "J": ("#6d2e46", "#fbeef3"),  # art
    "K": ("#7f5539", "#f8efe6"),  # history, biography
    "N": ("#264653", "#e7f1f4"),  # natural science (general)
    "O": ("#1d3557", "#eaf0f8"),  # mathematics, physics, chemistry
    "P": ("#14213d", "#e9ecf5"),  # astronomy, earth sciences
    "Q": ("#386641", "#edf6ee"),  # life sciences
    "R": ("#005f73", "#e5f4f6"),  # medicine
    "S": ("#606c38", "#f3f5e9"),  # agriculture
    "T": ("#343a40", "#eef0f2"),  # industrial technology
    "U": ("#3a506b", "#ebf0f6"),  # transport
    "V": ("#0b3954", "#e7f0f6"),  # aerospace
    "X": ("#2d6a4f", "#e9f5ef"),  # environment
    "Z": ("#495057", "#f1f3f5"),  # general works
}
PALETTE = list(dict.fromkeys(CLC_COLOURS.values()))


@dataclass(frozen=True)
class CoverDesign:
    background: str
    ink: str
    title_lines: list
    author: str
    cjk: bool


def _colours(book):
    letter = (book.call_number or "").strip()[:1].upper()
    if letter in CLC_COLOURS:
        return CLC_COLOURS[letter]
    subjects = getattr(book, "_prefetched_objects_cache", {}).get("subjects")
    names = [tag.name for tag in subjects] if subjects is not None else []
    key = names[0] if names else book.title
    return PALETTE[zlib.crc32(key.encode("utf-8")) % len(PALETTE)]


def _lines(text, width, most):
    """`text` broken into at most `most` lines of about `width` characters (CJK: 1 each)."""
    cjk = not text.isascii()
    words = list(text) if cjk else text.split()
    lines, line = [], ""
    for word in words:
        candidate = line + word if cjk else f"{line} {word}".strip()
        if len(candidate) > width and line:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    if len(lines) > most:
        lines = lines[:most]
        lines[-1] = lines[-1][: max(width - 1, 1)] + "…"
    return lines


def cover_design(book):
    """What the generated cover of `book` shows. Uses only the record (and its subjects when
    they are prefetched), so a list of books draws its covers without a query."""
    background, ink = _colours(book)
    title = book.title.split("：")[0].split(":")[0].strip() or book.title
    cjk = not title.isascii()
    authors = book.author_list
    author = authors[0] if authors else ""
    return CoverDesign(
        background=background,
        ink=ink,
        title_lines=_lines(title, 5 if cjk else 11, 4),
        author=_lines(author, 8 if not author.isascii() else 16, 1)[0] if author else "",
        cjk=cjk,
    )
