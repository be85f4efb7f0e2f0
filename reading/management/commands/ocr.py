"""Process the OCR queue from the command line (a worker is not needed for this)."""

from django.core.management.base import BaseCommand, CommandError

from reading.models import ArchiveItem, OcrStatus
from reading.tasks import run_ocr


class Command(BaseCommand):
    help = (
        "Run OCR on archived notes that wait for it (--pending) or failed before (--retry-failed)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pending", action="store_true", help="notes waiting for OCR")
        parser.add_argument("--retry-failed", action="store_true", help="notes whose OCR failed")
        parser.add_argument("--item", type=int, action="append", help="this note (by id)")
        parser.add_argument("--engine", choices=["tesseract", "rapidocr", "ppocrv6"])

    def handle(self, *args, **options):
        statuses = []
        if options["pending"]:
            statuses.append(OcrStatus.WAITING)
        if options["retry_failed"]:
            statuses.append(OcrStatus.FAILED)
        if not statuses and not options["item"]:
            raise CommandError("Say which notes: --pending, --retry-failed or --item ID.")
        items = ArchiveItem.objects.none()
        if statuses:
            items = ArchiveItem.objects.filter(ocr_status__in=statuses)
        pks = list(items.order_by("pk").values_list("pk", flat=True)) + (options["item"] or [])
        counts = {OcrStatus.DONE: 0, OcrStatus.FAILED: 0}
        for pk in pks:
            status = run_ocr(pk, engine=options["engine"], force=bool(options["item"]))
            if status is None:
                continue
            counts[status] = counts.get(status, 0) + 1
            item = ArchiveItem.objects.get(pk=pk)
            if status == OcrStatus.FAILED:
                self.stderr.write(f"#{pk} {item}: failed: {item.ocr_error}")
            else:
                self.stdout.write(
                    f"#{pk} {item}: done ({item.ocr_engine}, {len(item.ocr_draft)} chars)"
                )
        self.stdout.write(
            f"OCR: {counts[OcrStatus.DONE]} done, {counts[OcrStatus.FAILED]} failed, "
            f"of {len(pks)} notes."
        )
        if counts[OcrStatus.FAILED]:
            raise CommandError(f"{counts[OcrStatus.FAILED]} notes failed; see the reasons above.")
