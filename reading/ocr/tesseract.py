"""Tesseract through pytesseract: Simplified Chinese and English together, with a timeout.

Configuration: `OCR_TESSERACT_CMD` (the binary), `OCR_LANGUAGES` (`chi_sim+eng`),
`OCR_TIMEOUT` (seconds per page), `OCR_TESSERACT_PSM` (page segmentation mode).
"""

import logging
import subprocess
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


@cache
def _installed_languages(cmd, timeout):
    """The language packs Tesseract has (`--list-langs`), asked once per process; a failure
    is not remembered, so an install made meanwhile is seen at the next try."""
    listed = subprocess.run(
        [cmd, "--list-langs"], capture_output=True, text=True, timeout=timeout, check=True
    )
    return frozenset(line.strip() for line in listed.stdout.splitlines()[1:] if line.strip())


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

    def _too_long(self):
        return _("Tesseract took longer than %(seconds)s seconds and was stopped.") % {
            "seconds": getattr(settings, "OCR_TIMEOUT", 60)
        }

    def _missing(self):
        return _("Tesseract is not installed or not found (%(cmd)s).") % {"cmd": self.cmd}

    def prepare(self, page):
        return preprocess.for_tesseract(page)

    def check_languages(self):
        """Tesseract silently reads with what it has: without `chi_sim` a Chinese note would
        come back as an English-looking draft marked done. A missing pack is a failure."""
        timeout = getattr(settings, "OCR_TIMEOUT", 60)
        try:
            installed = _installed_languages(self.cmd, timeout)
        except FileNotFoundError as exc:
            raise OcrError(self._missing()) from exc
        except subprocess.TimeoutExpired as exc:
            raise OcrError(self._too_long()) from exc
        except subprocess.CalledProcessError as exc:
            raise OcrError(
                _("Tesseract failed: %(error)s") % {"error": (exc.stderr or "").strip() or exc}
            ) from exc
        except OSError as exc:
            raise OcrError(_("Tesseract could not be started: %(error)s") % {"error": exc}) from exc
        missing = [language for language in self.languages if language not in installed]
        if missing:
            raise OcrError(
                _(
                    "Tesseract has no language data for %(languages)s: install the "
                    "tesseract-ocr language packages (for example tesseract-ocr-chi-sim)."
                )
                % {"languages": ", ".join(missing)}
            )

    def read_page(self, page):
        self.check_languages()
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
            raise OcrError(self._too_long()) from exc
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
