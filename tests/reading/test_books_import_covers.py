"""An import from a folder takes each book's cover from the file its Cover column names."""

from io import StringIO

import pytest

from django.core.management import call_command

from reading.models import Book
from tests.factories.archive import note_image_bytes

pytestmark = pytest.mark.django_db


def _import(folder, rows):
    export = folder / "export.csv"
    export.write_text("Title,ISBN,Cover\n" + "".join(f"{r}\n" for r in rows), encoding="utf-8")
    out = StringIO()
    call_command("import_books", str(export), stdout=out)
    return out.getvalue()


def test_the_named_cover_is_attached(tmp_path):
    (tmp_path / "santi.png").write_bytes(note_image_bytes("cover"))
    _import(tmp_path, ["三体,9787536692930,santi.png", "活着,,"])
    santi = Book.objects.get(title="三体")
    assert santi.cover is not None and santi.cover.width == 320
    assert Book.objects.get(title="活着").cover is None


def test_missing_foreign_and_outside_files_are_reported_and_the_books_still_imported(tmp_path):
    folder = tmp_path / "import"
    folder.mkdir()
    (folder / "notes.txt").write_text("not an image")
    (tmp_path / "secret.png").write_bytes(note_image_bytes("outside"))
    report = _import(folder, ["甲,,missing.png", "乙,,notes.txt", "丙,,../secret.png"])
    assert Book.objects.filter(title__in=["甲", "乙", "丙"]).count() == 3
    assert not Book.objects.exclude(cover=None).exists()
    assert "missing.png" in report and "notes.txt" in report and "../secret.png" in report
