"""The engine interface, its result and its one exception class.

Engines are plain classes registered by name so that another engine can be added and compared
by configuration (`OCR_ENGINE`) without touching the archive or the tasks.
"""

import logging
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from .text import clean_engine_output

logger = logging.getLogger(__name__)

ENGINES = {
    "tesseract": "reading.ocr.tesseract.TesseractEngine",
    "rapidocr": "reading.ocr.rapidocr.RapidOcrEngine",
    "ppocrv6": "reading.ocr.ppocrv6.PpOcrV6Engine",
}


class OcrError(Exception):
    """OCR could not produce a draft; `reason` is shown to the librarian on the item."""

    def __init__(self, reason):
        super().__init__(str(reason))
        self.reason = reason


@dataclass
class OcrResult:
    text: str
    mean_confidence: float | None
    engine: str
    engine_version: str
    languages: list[str] = field(default_factory=list)
    seconds: float = 0.0
    truncated: bool = False
    # per line, where the engine gives them: {"page", "text", "box", "confidence"} and, per
    # character, "chars" and "char_confidences" (0-100, boxes in the cropped page's pixels)
    lines: list[dict] = field(default_factory=list)


class OcrEngine:
    """One OCR engine. Subclasses set `name` and implement `version()` and `read_page()`.

    `read_page` receives a preprocessed page (a numpy array, BGR) and returns
    (text, mean confidence 0-100 or None), optionally with its lines' confidences third.
    """

    name = ""
    languages: list[str] = []

    def version(self):
        raise NotImplementedError

    def prepare(self, page):
        """The engine's own preprocessing of a page cropped to the handwriting."""
        return page

    def read_page(self, page):
        raise NotImplementedError

    def recognise(self, data):
        """Read the note in `data` (the bytes of an original: JPEG, PNG, TIFF or PDF)."""
        from . import preprocess

        started = time.perf_counter()
        try:
            pages = preprocess.load_pages(data)
        except OcrError:
            raise
        except Exception as exc:  # any decoder failure means the file cannot be read
            raise OcrError(
                _("The file could not be read as an image: %(error)s") % {"error": exc}
            ) from exc
        texts, confidences, lines = [], [], []
        for number, page in enumerate(pages, start=1):
            note = preprocess.crop_to_note(page)
            text, confidence, *rest = self.read_page(self.prepare(note))
            lines.extend({"page": number, **line} for line in (rest[0] if rest else []))
            texts.append(text.strip())
            if confidence is not None:
                confidences.append(confidence)
        mean = sum(confidences) / len(confidences) if confidences else None
        text, truncated = clean_engine_output(
            "\n\n".join(t for t in texts if t), getattr(settings, "OCR_MAX_CHARS", 20_000)
        )
        result = OcrResult(
            text=text,
            truncated=truncated,
            mean_confidence=mean,
            engine=self.name,
            engine_version=self.version(),
            languages=list(self.languages),
            seconds=time.perf_counter() - started,
            lines=lines,
        )
        logger.info(
            "ocr done",
            extra={
                "engine": self.name,
                "seconds": round(result.seconds, 2),
                "chars": len(result.text),
            },
        )
        return result


_engines = {}


def get_engine(name=None):
    """The configured engine, built once per process (RapidOCR loads its models once)."""
    name = name or getattr(settings, "OCR_ENGINE", "tesseract")
    if name not in ENGINES:
        raise OcrError(_("Unknown OCR engine %(name)s.") % {"name": name})
    if name not in _engines:
        _engines[name] = import_string(ENGINES[name])()
    return _engines[name]


def recognise(data, engine=None):
    return get_engine(engine).recognise(data)
