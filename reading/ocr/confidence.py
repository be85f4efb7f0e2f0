"""Which parts of an OCR draft a librarian should check first.

The engines say how sure they are of each line and (PP-OCRv6) of each character. On the
evaluation set (`../shared/ocr-eval/dev`) the misread spans are those characters the engine
gives less than 80 and lines under about 96 (a traditional 這 read for 这, English cursive),
while lines read right sit at 97–100. So a line is uncertain when it, or one of its
characters, falls below those marks; a note with an uncertain line is flagged for a careful
check instead of passing as a draft like any other. An engine that gives no lines (Tesseract)
is judged by its mean confidence. Both marks are settings, for another engine or hand.
"""

from dataclasses import dataclass

from django.conf import settings


def line_mark():
    return getattr(settings, "OCR_UNCERTAIN_LINE_BELOW", 96.0)


def char_mark():
    return getattr(settings, "OCR_UNCERTAIN_CHAR_BELOW", 80.0)


@dataclass
class Span:
    text: str
    uncertain: bool


@dataclass
class Line:
    page: int
    confidence: float
    spans: list

    @property
    def uncertain(self):
        return any(span.uncertain for span in self.spans)


def _scores_by_character(text, scores):
    """Each character of the line's text with its score: the engine scores its characters,
    which are the text's without the spaces the draft puts between words (None when they do
    not match)."""
    if len(scores) == len(text):
        return list(zip(text, scores, strict=True))
    if len(scores) != sum(1 for char in text if not char.isspace()):
        return None
    pending, paired = iter(scores), []
    for char in text:
        # a space takes the score of the character before it, so runs do not break at it
        score = (paired[-1][1] if paired else 100.0) if char.isspace() else next(pending)
        paired.append((char, score))
    return paired


def _spans(record):
    """The line's text cut into runs of sure and unsure characters. Without characters'
    confidences (or when they do not match the text) the whole line is one run."""
    text = record.get("text", "")
    line_unsure = record.get("confidence", 100.0) < line_mark()
    paired = _scores_by_character(text, record.get("char_confidences") or [])
    if paired is None:
        return [Span(text, line_unsure)]
    spans = []
    for char, score in paired:
        unsure = score < char_mark()
        if spans and spans[-1].uncertain == unsure:
            spans[-1].text += char
        else:
            spans.append(Span(char, unsure))
    if line_unsure and not any(span.uncertain for span in spans):
        # the engine doubts the line without naming a character: the whole line is to check
        return [Span(text, True)]
    return spans


def lines(records):
    """The stored `ocr_lines` as lines with their sure and unsure runs."""
    return [
        Line(record.get("page", 1), record.get("confidence", 100.0), _spans(record))
        for record in records or []
        if record.get("text")
    ]


def needs_careful_check(records, mean_confidence):
    """Whether the draft holds a line to check first (or, without lines, a low mean)."""
    if records:
        return any(line.uncertain for line in lines(records))
    return mean_confidence is not None and mean_confidence < line_mark()
