"""RapidOCR (PaddleOCR's PP-OCRv4 models in ONNX): the models ship inside the Python wheel, so
it runs offline with no download. It reads Chinese and English with one model.

Configuration: `OCR_THREADS` (ONNX Runtime threads), `OCR_TIMEOUT` (seconds per page).
The models are loaded once per process; a page runs in a worker thread so that a stuck page
is reported as a timeout instead of holding the task forever (a thread cannot be killed: the
stuck page finishes in the background and its result is dropped).
"""

import logging
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from importlib.metadata import version as package_version

from django.conf import settings
from django.utils.translation import gettext as _

from .base import OcrEngine, OcrError
from .text import tidy

logger = logging.getLogger(__name__)


class RapidOcrEngine(OcrEngine):
    name = "rapidocr"
    languages = ["ch", "en"]

    def __init__(self):
        self._reader = None
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=self.name)

    def version(self):
        return package_version("rapidocr-onnxruntime")

    def reader(self):
        with self._lock:
            if self._reader is None:
                try:
                    from rapidocr_onnxruntime import RapidOCR
                except ImportError as exc:
                    raise OcrError(_("RapidOCR is not installed.")) from exc
                threads = getattr(settings, "OCR_THREADS", 2)
                self._reader = RapidOCR(
                    intra_op_num_threads=threads, inter_op_num_threads=1, print_verbose=False
                )
            return self._reader

    def read_page(self, page):
        reader = self.reader()
        timeout = getattr(settings, "OCR_TIMEOUT", 60)
        future = self._pool.submit(self.run, reader, page)
        try:
            result = future.result(timeout=timeout)
        except FutureTimeout as exc:
            raise OcrError(
                _("RapidOCR took longer than %(seconds)s seconds; the note was given up on.")
                % {"seconds": timeout}
            ) from exc
        except Exception as exc:
            raise OcrError(_("RapidOCR failed: %(error)s") % {"error": exc}) from exc
        if not result:
            return "", None
        rows = _reading_order(result)
        text = tidy(" ".join(self.line_text(line) for line in row) for row in rows)
        scores = [float(line[2]) * 100 for row in rows for line in row]
        return (
            text,
            sum(scores) / len(scores),
            [self.line_record(line) for row in rows for line in row],
        )

    def line_record(self, line):
        """What is kept of a line: its text, box and confidence (and its characters')."""
        record = {
            "text": self.line_text(line),
            "box": [[round(float(x)), round(float(y))] for x, y in line[0]],
            "confidence": round(float(line[2]) * 100, 1),
        }
        if len(line) > 5 and line[4] and len(line[4]) == len(line[5]):
            record["chars"] = list(line[4])
            record["char_confidences"] = [round(score * 100, 1) for score in line[5]]
        return record

    def line_text(self, line):
        return _spaced(line)

    def run(self, reader, page):
        """The engine's lines: [box, text, score, character boxes, characters]."""
        result, _elapsed = reader(page, return_word_box=True)
        return result


def _reading_order(result):
    """Rows of boxes top to bottom (boxes whose centres share a row), each left to right."""
    items = []
    for line in result:
        box = line[0]
        ys = [point[1] for point in box]
        xs = [point[0] for point in box]
        items.append((sum(ys) / 4, min(xs), max(ys) - min(ys), line))
    items.sort()
    rows, current, current_y, height = [], [], None, 0
    for y, x, h, item in items:
        if current and abs(y - current_y) > max(height, h) * 0.5:
            rows.append(current)
            current = []
        if not current:
            current_y, height = y, h
        current.append((x, item))
    if current:
        rows.append(current)
    return [[item for _x, item in sorted(row, key=lambda pair: pair[0])] for row in rows]


LATIN = re.compile(r"[A-Za-z0-9,.;:!?'\")-]")
MIDWORD_CAPITAL = re.compile(r"(?<=[a-z])[A-Z](?=[a-z]|\b)")


def _spaced(line):
    """The line's text with the word spaces the Chinese model drops in handwritten English.

    PP-OCR's model is trained mostly on Chinese, which has no spaces, so it often runs English
    words together; the gaps between the character boxes show where the words end. It also
    reads a handwritten r as R inside words, which a capital between small letters never is.
    """
    text = line[1]
    if len(line) < 5 or not line[3] or not LATIN.search(text):
        return text
    boxes, chars = line[3], line[4]
    if len(boxes) != len(chars) or len(chars) < 2:
        return text
    spans = [(min(p[0] for p in box), max(p[0] for p in box)) for box in boxes]
    widths = sorted(right - left for left, right in spans if right > left)
    if not widths:
        return text
    threshold = widths[len(widths) // 2] * 0.45
    out = [chars[0]]
    for index in range(1, len(chars)):
        gap = spans[index][0] - spans[index - 1][1]
        previous, current = chars[index - 1], chars[index]
        if (
            gap > threshold
            and current != " "
            and previous != " "
            and (LATIN.match(previous) or LATIN.match(current))
        ):
            out.append(" ")
        out.append(current)
    return MIDWORD_CAPITAL.sub(lambda match: match.group().lower(), "".join(out))
