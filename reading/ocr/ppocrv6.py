"""RapidOCR 3 with PaddleOCR's PP-OCRv6 models (small detection and recognition, multilingual).

The `rapidocr` wheel carries the three ONNX models it needs (`rapidocr/models/`); the engine is
pointed at those files by path, so that RapidOCR never looks for a model elsewhere and nothing
is downloaded at run time (the models directory is also the only model root it is given).

Reading order, word spacing and the letterhead filter are those of the PP-OCRv4 engine
(`rapidocr.py`); only the reader and the shape of its output differ. Timeouts work the same way.
"""

from importlib.metadata import version as package_version
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from .base import OcrError
from .rapidocr import MIDWORD_CAPITAL, RapidOcrEngine

DET_MODEL = "PP-OCRv6_det_small.onnx"
REC_MODEL = "PP-OCRv6_rec_small.onnx"
CLS_MODEL = "ch_ppocr_mobile_v2.0_cls_mobile.onnx"


def bundled_models():
    """The models folder inside the installed wheel, checked to hold every model we use."""
    import rapidocr

    folder = Path(rapidocr.__file__).resolve().parent / "models"
    missing = [name for name in (DET_MODEL, REC_MODEL, CLS_MODEL) if not (folder / name).is_file()]
    if missing:
        raise OcrError(
            _("The PP-OCRv6 models are missing from the rapidocr package: %(names)s")
            % {"names": ", ".join(missing)}
        )
    return folder


class PpOcrV6Engine(RapidOcrEngine):
    name = "ppocrv6"

    def version(self):
        return f"rapidocr {package_version('rapidocr')} PP-OCRv6 small"

    def reader(self):
        with self._lock:
            if self._reader is None:
                try:
                    from rapidocr import RapidOCR
                except ImportError as exc:
                    raise OcrError(_("RapidOCR is not installed.")) from exc
                models = bundled_models()
                threads = getattr(settings, "OCR_THREADS", 2)
                self._reader = RapidOCR(
                    params={
                        "Global.log_level": "warning",
                        # the line classifier turns some handwritten lines over and reads them
                        # upside down (dev set: overall CER 0.047 with it, 0.035 without); a
                        # sheet upside down is turned whole by the preprocessing instead
                        "Global.use_cls": False,
                        "Global.model_root_dir": str(models),
                        "Det.model_path": str(models / DET_MODEL),
                        "Rec.model_path": str(models / REC_MODEL),
                        "Cls.model_path": str(models / CLS_MODEL),
                        "EngineConfig.onnxruntime.intra_op_num_threads": threads,
                        "EngineConfig.onnxruntime.inter_op_num_threads": 1,
                    }
                )
            return self._reader

    def line_text(self, line):
        """PP-OCRv6 puts the word spaces in itself; re-spacing by the gaps between its character
        boxes would split English cursive words apart. Only its inner capitals are undone."""
        return MIDWORD_CAPITAL.sub(lambda match: match.group().lower(), line[1])

    def run(self, reader, page):
        output = reader(page, return_word_box=True, return_single_char_box=True)
        if output.boxes is None or output.txts is None:
            return []
        words = output.word_results or [()] * len(output.txts)
        lines = []
        for box, text, score, chars in zip(
            output.boxes, output.txts, output.scores, words, strict=False
        ):
            boxes = [item[2] for item in chars]
            lines.append(
                [
                    box.tolist(),
                    text,
                    score,
                    boxes,
                    [item[0] for item in chars],
                    [float(item[1]) for item in chars],
                ]
            )
        return lines
