"""Archive a whole folder of scans at once (a semester's notes) and queue their OCR."""

import sys
from pathlib import Path

from tqdm import tqdm

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from reading.uploads import UploadRefused, archive_upload

EXTENSIONS = {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".pdf"}


class Command(BaseCommand):
    help = (
        "Archive every JPEG, PNG, TIFF and PDF in DIR (and its sub-folders); files already "
        "archived (same SHA-256) are skipped; OCR is queued for the new ones."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", metavar="DIR")
        parser.add_argument("--campaign", metavar="SLUG", help="attach the notes to this campaign")
        parser.add_argument("--no-ocr", action="store_true", help="archive only; OCR later")

    def handle(self, *args, **options):
        folder = Path(options["directory"])
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder.")
        fields = {}
        if options["campaign"]:
            fields.update(self.campaign_fields(options["campaign"]))
        files = sorted(
            path
            for path in folder.rglob("*")
            if path.is_file() and path.suffix.lower() in EXTENSIONS
        )
        added, skipped, refused = [], [], []
        progress = tqdm(files, unit="file", disable=not sys.stderr.isatty(), file=sys.stderr)
        for path in progress:
            progress.set_postfix_str(path.name[-30:])
            try:
                with path.open("rb") as handle, transaction.atomic():
                    item, created = archive_upload(
                        handle, filename=path.name, queue_ocr=not options["no_ocr"], **fields
                    )
            except UploadRefused as exc:
                refused.append((path, exc.reason))
                continue
            except OSError as exc:
                refused.append((path, exc.strerror or str(exc)))
                continue
            (added if created else skipped).append((path, item))
        for path, reason in refused:
            self.stderr.write(f"refused {path}: {reason}")
        for path, item in skipped:
            self.stdout.write(f"skipped {path}: already archived as #{item.pk}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(added)} archived, {len(skipped)} already in the archive, "
                f"{len(refused)} refused, of {len(files)} files in {folder}."
            )
        )
        if refused:
            raise CommandError(f"{len(refused)} files were refused; see the reasons above.")

    def campaign_fields(self, slug):
        from reading.models import CampaignPage

        campaign = CampaignPage.objects.filter(slug=slug).order_by("pk").first()
        if campaign is None:
            raise CommandError(f"No campaign with the slug {slug!r}.")
        return {"campaign": campaign}
