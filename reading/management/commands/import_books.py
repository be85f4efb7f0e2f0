"""python manage.py import_books FILE [--dry-run]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reading.importers import import_books


class Command(BaseCommand):
    help = (
        "Import books from a catalogue export (CSV, Excel .xlsx, MARC21 .mrc or MARCXML, "
        "recognised by content). Books are matched by MMS ID, then by ISBN, and updated, "
        "never duplicated. A file that cannot be read changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the exported file")
        parser.add_argument(
            "--dry-run", action="store_true", help="report what would change, store nothing"
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        with path.open("rb") as fileobj:
            report = import_books(fileobj, dry_run=options["dry_run"])
        if report.fatal:
            raise CommandError(report.summary())
        for line in report.lines():
            self.stdout.write(line)
