"""`ocr_eval` scores the pipeline and plain Tesseract with the set's own scorer."""

import io
import shutil
from io import StringIO
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from django.core.management import CommandError, call_command

from reading.ocr import OcrResult

SCORER = Path("/work/shared/ocr-eval/score.py")


def make_set(root):
    """A two-image evaluation set with the real scorer beside it (as ../shared/ocr-eval/)."""
    if not SCORER.exists():
        pytest.skip("the shared OCR evaluation set is not on this machine")
    shutil.copy(SCORER, root / "score.py")
    dev = root / "dev"
    dev.mkdir()
    for stem, text in [("d001", "A small book"), ("d002", "with a big message")]:
        image = Image.new("RGB", (700, 90), "white")
        ImageDraw.Draw(image).text(
            (20, 15), text, font=ImageFont.load_default(size=44), fill="black"
        )
        out = io.BytesIO()
        image.save(out, "JPEG")
        (dev / f"{stem}.jpg").write_bytes(out.getvalue())
        (dev / f"{stem}.gt.txt").write_text(text + "\n", "utf-8")
    return dev


class EchoEngine:
    """Reads every image as 'A small book': right on d001, wrong on d002."""

    def recognise(self, data):
        return OcrResult("A small book", 90.0, "echo", "1", ["en"])


def test_ocr_eval_reports_cer_by_group(tmp_path, monkeypatch):
    dev = make_set(tmp_path)
    monkeypatch.setattr(
        "reading.management.commands.ocr_eval.get_engine", lambda name=None: EchoEngine()
    )
    out = StringIO()
    call_command("ocr_eval", str(dev), "--engine", "rapidocr", "--no-plain", stdout=out)
    row = next(line for line in out.getvalue().splitlines() if line.startswith("pipeline rapidocr"))
    figures = row.split()
    # d001 exact; d002: edits('with a big message', 'A small book') over 30 characters in all
    assert figures[2] == "-"  # no zh notes
    assert 0.3 < float(figures[3]) < 0.6
    assert "2 images" in out.getvalue()


@pytest.mark.tesseract
def test_ocr_eval_runs_plain_tesseract_beside_the_pipeline(tmp_path):
    dev = make_set(tmp_path)
    out = StringIO()
    call_command("ocr_eval", str(dev), "--engine", "tesseract", stdout=out)
    text = out.getvalue()
    assert "plain tesseract" in text
    assert "pipeline tesseract / plain" in text


def test_ocr_eval_needs_a_set_with_its_scorer(tmp_path):
    with pytest.raises(CommandError):
        call_command("ocr_eval", str(tmp_path / "missing"))
    (tmp_path / "dev").mkdir()
    with pytest.raises(CommandError):
        call_command("ocr_eval", str(tmp_path / "dev"))


def test_ocr_eval_measures_all_three_engines_in_one_run(tmp_path):
    dev = make_set(tmp_path)
    out = StringIO()
    call_command("ocr_eval", str(dev), "--limit", "1", stdout=out)
    text = out.getvalue()
    for label in ["plain tesseract", "pipeline tesseract", "pipeline rapidocr", "pipeline ppocrv6"]:
        assert f"\n{label} " in text
