"""Print the OCR pipeline's text for one file: the scorer's --cmd can call it."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reading.ocr import OcrError, get_engine


class Command(BaseCommand):
    help = "Print the text the project's OCR pipeline reads in IMAGE (JPEG, PNG, TIFF or PDF)."

    def add_arguments(self, parser):
        parser.add_argument("image", metavar="IMAGE")
        parser.add_argument("--engine", choices=["tesseract", "rapidocr", "ppocrv6"])

    def handle(self, *args, **options):
        path = Path(options["image"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}") from exc
        try:
            result = get_engine(options["engine"]).recognise(data)
        except OcrError as exc:
            raise CommandError(str(exc.reason)) from exc
        self.stdout.write(result.text)
