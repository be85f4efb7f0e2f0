"""Tesseract through pytesseract: Simplified Chinese and English together, with a timeout.

Configuration: `OCR_TESSERACT_CMD` (the binary), `OCR_LANGUAGES` (`chi_sim+eng`),
`OCR_TIMEOUT` (seconds per page), `OCR_TESSERACT_PSM` (page segmentation mode).
"""

import logging
from functools import cache

import pytesseract

from django.conf import settings
from django.utils.translation import gettext as _

from . import preprocess
from .base import OcrEngine, OcrError
from .text import tidy

logger = logging.getLogger(__name__)


@cache
def _version(cmd):
    pytesseract.pytesseract.tesseract_cmd = cmd
    return str(pytesseract.get_tesseract_version())


class TesseractEngine(OcrEngine):
    name = "tesseract"

    @property
    def cmd(self):
        return getattr(settings, "OCR_TESSERACT_CMD", "tesseract")

    @property
    def languages(self):
        return getattr(settings, "OCR_LANGUAGES", "chi_sim+eng").split("+")

    def version(self):
        try:
            return _version(self.cmd)
        except pytesseract.TesseractNotFoundError as exc:
            raise OcrError(self._missing()) from exc
        except Exception as exc:
            raise OcrError(
                _("Tesseract did not report its version: %(error)s") % {"error": exc}
            ) from exc

    def _missing(self):
        return _("Tesseract is not installed or not found (%(cmd)s).") % {"cmd": self.cmd}

    def prepare(self, page):
        return preprocess.for_tesseract(page)

    def read_page(self, page):
        pytesseract.pytesseract.tesseract_cmd = self.cmd
        psm = getattr(settings, "OCR_TESSERACT_PSM", 6)
        try:
            data = pytesseract.image_to_data(
                page,
                lang="+".join(self.languages),
                config=f"--psm {psm} -c preserve_interword_spaces=1",
                timeout=getattr(settings, "OCR_TIMEOUT", 60),
                output_type=pytesseract.Output.DICT,
            )
        except pytesseract.TesseractNotFoundError as exc:
            raise OcrError(self._missing()) from exc
        except pytesseract.TesseractError as exc:
            raise OcrError(
                _("Tesseract failed: %(error)s") % {"error": exc.message or exc}
            ) from exc
        except RuntimeError as exc:  # pytesseract's timeout (TesseractError is one too)
            raise OcrError(
                _("Tesseract took longer than %(seconds)s seconds and was stopped.")
                % {"seconds": getattr(settings, "OCR_TIMEOUT", 60)}
            ) from exc
        except OSError as exc:
            raise OcrError(_("Tesseract could not be started: %(error)s") % {"error": exc}) from exc
        lines, confidences = {}, []
        for index, word in enumerate(data["text"]):
            confidence = float(data["conf"][index])
            if not word.strip() or confidence < 0:
                continue
            key = (data["block_num"][index], data["par_num"][index], data["line_num"][index])
            lines.setdefault(key, []).append(word)
            confidences.append(confidence)
        text = tidy(" ".join(words) for words in lines.values())
        mean = sum(confidences) / len(confidences) if confidences else None
        return text, mean
