"""ISBN normalising and checking.

A book is matched across catalogue exports, hand entry and loan files by its ISBN, so every
ISBN is stored in one canonical form: the 13 digits of ISBN-13, without hyphens or spaces.
ISBN-10s (still printed in many Chinese books before 2007) are converted, and both check
digits are verified so that a mistyped ISBN is refused instead of silently matching nothing.
"""

import re

from django.utils.translation import gettext as _

# Catalogue exports write "9787536692930 (pbk.)", "7-5366-9293-1 : CNY23.00" or "978-7-...".
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_.]")
_CANDIDATE = re.compile(r"[0-9][0-9\s\-‐‑‒–—]{8,}[0-9Xx]|[0-9]{9}[0-9Xx]")


class InvalidISBN(ValueError):
    """An ISBN that cannot be read or whose check digit is wrong; the message says which."""


def _isbn10_check(digits9):
    total = sum((10 - i) * int(d) for i, d in enumerate(digits9))
    check = (11 - total % 11) % 11
    return "X" if check == 10 else str(check)


def _isbn13_check(digits12):
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits12))
    return str((10 - total % 10) % 10)


def compact(value):
    """The ISBN without separators, upper-cased (the X of an ISBN-10)."""
    return _SEPARATORS.sub("", str(value or "")).upper()


def normalise(value):
    """The ISBN-13 of `value` (ISBN-10 or ISBN-13, hyphens and spaces ignored).

    Raises InvalidISBN with a message a librarian can act on.
    """
    raw = str(value or "").strip()
    code = compact(raw)
    if not code:
        raise InvalidISBN(_("The ISBN is empty."))
    if len(code) == 10:
        if not (code[:9].isdigit() and (code[9].isdigit() or code[9] == "X")):
            raise InvalidISBN(
                _("“%(isbn)s” is not an ISBN: only digits and a final X.") % {"isbn": raw}
            )
        expected = _isbn10_check(code[:9])
        if code[9] != expected:
            raise InvalidISBN(
                _("“%(isbn)s” has a wrong check digit (expected %(expected)s).")
                % {"isbn": raw, "expected": expected}
            )
        body = "978" + code[:9]
        return body + _isbn13_check(body)
    if len(code) == 13:
        if not code.isdigit():
            raise InvalidISBN(
                _("“%(isbn)s” is not an ISBN: an ISBN-13 has only digits.") % {"isbn": raw}
            )
        if not code.startswith(("978", "979")):
            raise InvalidISBN(
                _("“%(isbn)s” is not an ISBN: an ISBN-13 starts with 978 or 979.") % {"isbn": raw}
            )
        expected = _isbn13_check(code[:12])
        if code[12] != expected:
            raise InvalidISBN(
                _("“%(isbn)s” has a wrong check digit (expected %(expected)s).")
                % {"isbn": raw, "expected": expected}
            )
        return code
    raise InvalidISBN(
        _("“%(isbn)s” is not an ISBN: it has %(count)s characters, not 10 or 13.")
        % {"isbn": raw, "count": len(code)}
    )


def is_valid(value):
    try:
        normalise(value)
    except InvalidISBN:
        return False
    return True


def to_isbn10(isbn13):
    """The ISBN-10 of a 978 ISBN-13, or "" (979 ISBNs have none)."""
    code = normalise(isbn13)
    if not code.startswith("978"):
        return ""
    return code[3:12] + _isbn10_check(code[3:12])


def extract(text):
    """The first ISBN-looking token in a catalogue field such as "7-5366-9293-1 (pbk.) : CNY23".

    Returns the token as written (not yet checked), or "" when there is none, so that the
    caller can report a wrong check digit instead of skipping the value.
    """
    match = _CANDIDATE.search(str(text or ""))
    return match.group().strip() if match else ""


def split(text):
    """All ISBN-looking tokens in a list written with ; , | or new lines."""
    tokens = []
    for part in re.split(r"[;,|\n]+", str(text or "")):
        token = extract(part)
        if token:
            tokens.append(token)
    return tokens
