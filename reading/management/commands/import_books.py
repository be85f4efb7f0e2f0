"""python manage.py import_books FILE [--dry-run]"""

from pathlib import Path

from reading.importers import import_books
from reading.importers.command import ImportFileCommand


class Command(ImportFileCommand):
    help = (
        "Import books from a catalogue export (CSV, Excel .xlsx, MARC21 .mrc or MARCXML, "
        "recognised by content). Books are matched by MMS ID, then by ISBN, and updated, "
        "never duplicated. A file that cannot be read changes nothing. Covers named in a "
        "Cover (封面) column are read from the file's folder."
    )
    file_help = "the exported file"

    def run_import(self, fileobj, options):
        return import_books(
            fileobj, dry_run=options["dry_run"], covers_dir=Path(options["file"]).parent
        )
