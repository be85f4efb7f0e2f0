"""A simple Dublin Core record, built by each kind and written out by `xml.py`."""

import re

from django.utils.html import strip_tags

ELEMENTS = (
    "title",
    "creator",
    "subject",
    "description",
    "publisher",
    "contributor",
    "date",
    "type",
    "format",
    "identifier",
    "source",
    "language",
    "relation",
    "coverage",
    "rights",
)

# Characters XML 1.0 forbids; a stray one in a title must not turn a harvest into a 500.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SPACES = re.compile(r"\s+")


def xml_safe(value):
    """The text with only what XML 1.0 cannot carry removed (spacing kept, as MARC needs)."""
    return _NOT_XML.sub("", str(value))


def clean_text(value, html=False):
    """Text fit for an XML element: tags removed when asked, controls dropped, spaces joined."""
    if value is None:
        return ""
    text = str(value)
    if html:
        text = strip_tags(text)
    text = _NOT_XML.sub("", text)
    return _SPACES.sub(" ", text).strip()


class DublinCore:
    """An ordered bag of the fifteen elements; each value may carry an `xml:lang`.

    Empty values and exact repeats are dropped, so that mappings can add freely."""

    def __init__(self):
        self.values = {name: [] for name in ELEMENTS}

    def add(self, element, value, lang=None, html=False):
        if element not in self.values:
            raise ValueError(f"{element!r} is not a simple Dublin Core element")
        text = clean_text(value, html=html)
        if text and (text, lang) not in self.values[element]:
            self.values[element].append((text, lang))
        return self

    def extend(self, element, values, lang=None):
        for value in values:
            self.add(element, value, lang=lang)
        return self

    def items(self):
        for name in ELEMENTS:
            for text, lang in self.values[name]:
                yield name, text, lang

    def get(self, element):
        return [text for text, _lang in self.values[element]]
