"""Each OCR engine runs for real, end to end, on small images, and fails with a clear reason."""

import io
import stat
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from reading.ocr import OcrError, get_engine
from reading.ocr.text import is_letterhead, tidy

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "notes"


def printed_line(text="The Little Prince, a book for everyone"):
    image = Image.new("RGB", (900, 90), "white")
    font = ImageFont.load_default(size=44)
    ImageDraw.Draw(image).text((20, 15), text, font=font, fill=(20, 20, 90))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def handwritten_chinese_line():
    """One line of a note from the evaluation set: 推荐《鼠疫》，在今天读来格外有现实意义。"""
    return (FIXTURES / "line-zh.png").read_bytes()


@pytest.mark.tesseract
def test_tesseract_reads_a_printed_english_line():
    result = get_engine("tesseract").recognise(printed_line())
    assert "The Little Prince" in result.text
    assert result.engine == "tesseract"
    assert result.engine_version.startswith("5")
    assert result.languages == ["chi_sim", "eng"]
    assert result.mean_confidence > 50


@pytest.mark.tesseract
def test_tesseract_reads_a_handwritten_chinese_line():
    text = get_engine("tesseract").recognise(handwritten_chinese_line()).text
    assert "推荐《" in text  # Tesseract misreads 鼠 in this hand; the rest of the line is right
    assert "在今天读来格外有现实意义" in text


def test_rapidocr_reads_a_printed_english_line():
    result = get_engine("rapidocr").recognise(printed_line())
    assert "The Little Prince" in result.text
    assert result.engine == "rapidocr"
    assert result.engine_version


def test_rapidocr_reads_a_handwritten_chinese_line():
    text = get_engine("rapidocr").recognise(handwritten_chinese_line()).text
    assert "鼠疫" in text
    assert "在今天读来格外有现实意义" in text


def test_ppocrv6_reads_a_printed_english_line():
    result = get_engine("ppocrv6").recognise(printed_line())
    assert "The Little Prince" in result.text
    assert result.engine == "ppocrv6"
    assert result.engine_version.startswith("rapidocr 3.10.0 PP-OCRv6")
    assert result.mean_confidence > 80


def test_ppocrv6_reads_a_handwritten_chinese_line():
    text = get_engine("ppocrv6").recognise(handwritten_chinese_line()).text
    assert "推荐《鼠疫》" in text
    assert "在今天读来格外有现实意义" in text


def test_ppocrv6_uses_the_models_inside_the_wheel_and_downloads_nothing(monkeypatch):
    import rapidocr.utils.download_file as download

    def refuse(*args, **kwargs):
        raise AssertionError("a model download was attempted")

    monkeypatch.setattr(download.DownloadFile, "run", refuse)
    engine = get_engine("ppocrv6")
    reader = engine.reader()
    models = Path(rapidocr_package_dir()) / "models"
    assert Path(reader.cfg.Det.model_path).parent == models
    assert Path(reader.cfg.Rec.model_path).name == "PP-OCRv6_rec_small.onnx"
    assert "Little Prince" in engine.recognise(printed_line()).text


def rapidocr_package_dir():
    import rapidocr

    return Path(rapidocr.__file__).resolve().parent


@pytest.mark.parametrize("engine", ["tesseract", "rapidocr", "ppocrv6"])
def test_unreadable_file_is_an_ocr_error(engine):
    with pytest.raises(OcrError) as caught:
        get_engine(engine).recognise(b"\x89PNG\r\n\x1a\n broken")
    assert "could not be read" in str(caught.value.reason)


def test_missing_tesseract_is_an_ocr_error(settings, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # Tesseract removed from PATH
    settings.OCR_TESSERACT_CMD = "tesseract-not-here"
    with pytest.raises(OcrError) as caught:
        get_engine("tesseract").recognise(printed_line())
    assert "not installed" in str(caught.value.reason)


@pytest.mark.tesseract
def test_tesseract_timeout_is_an_ocr_error(settings):
    settings.OCR_TIMEOUT = 0.001
    with pytest.raises(OcrError) as caught:
        get_engine("tesseract").recognise(printed_line())
    assert "longer than" in str(caught.value.reason)


def test_rapidocr_timeout_is_an_ocr_error(settings):
    get_engine("rapidocr").reader()  # models loaded: only the page itself is timed
    settings.OCR_TIMEOUT = 0.001
    with pytest.raises(OcrError) as caught:
        get_engine("rapidocr").recognise(handwritten_chinese_line())
    assert "longer than" in str(caught.value.reason)


def test_ppocrv6_timeout_is_an_ocr_error(settings):
    get_engine("ppocrv6").reader()  # models loaded: only the page itself is timed
    settings.OCR_TIMEOUT = 0.001
    with pytest.raises(OcrError) as caught:
        get_engine("ppocrv6").recognise(handwritten_chinese_line())
    assert "longer than" in str(caught.value.reason)


def test_tesseract_crash_is_an_ocr_error(settings, tmp_path):
    fake = tmp_path / "tesseract"
    fake.write_text(
        '#!/bin/sh\nif [ "$1" = "--version" ]; then echo "tesseract 5.3.0"; exit 0; fi\n'
        'echo "Segmentation fault" >&2\nexit 139\n'
    )
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    settings.OCR_TESSERACT_CMD = str(fake)
    with pytest.raises(OcrError) as caught:
        get_engine("tesseract").recognise(printed_line())
    assert "Tesseract failed" in str(caught.value.reason)


def test_unknown_engine_is_refused():
    with pytest.raises(OcrError):
        get_engine("abbyy")


def test_letterhead_lines_are_dropped_and_chinese_spaces_closed():
    text = tidy(
        ["图书馆 · 思库推荐", "LIBRARY BOOK RECOMMENDATION", "推 荐 《 鼠疫 》", "a small book"]
    )
    assert text == "推荐《鼠疫》\na small book"
    assert is_letterhead("LIBRARY BOOK RECOMMENDATI0N")
    assert not is_letterhead("图书馆里最好的书")
