"""python manage.py import_loans FILE [--period 2024] [--dry-run]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reading.importers import import_loans


class Command(BaseCommand):
    help = (
        "Import loan figures (CSV or Excel with an ISBN or MMS ID column, a loans column and a "
        "period column). The figures for a book and period replace the stored ones, so the same "
        "file imported twice changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the circulation report")
        parser.add_argument("--period", help="period for rows without one, for example 2024")
        parser.add_argument(
            "--dry-run", action="store_true", help="report what would change, store nothing"
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        with path.open("rb") as fileobj:
            report = import_loans(fileobj, period=options["period"], dry_run=options["dry_run"])
        if report.fatal:
            raise CommandError(report.summary())
        for line in report.lines():
            self.stdout.write(line)
