"""Optical character recognition of the handwritten notes, behind one small interface.

`get_engine()` returns the engine named by the `OCR_ENGINE` setting; every engine takes the
bytes of an original and returns an `OcrResult` or raises `OcrError` with a reason a librarian
can read. Preprocessing is shared and lives in `preprocess.py`.
"""

from .base import OcrEngine, OcrError, OcrResult, get_engine, recognise

__all__ = ["OcrEngine", "OcrError", "OcrResult", "get_engine", "recognise"]
