"""python manage.py import_loans FILE [--period 2024] [--dry-run]"""

from reading.importers import import_loans
from reading.importers.command import ImportFileCommand


class Command(ImportFileCommand):
    help = (
        "Import loan figures (CSV or Excel with an ISBN or MMS ID column, a loans column and a "
        "period column). The figures for a book and period replace the stored ones, so the same "
        "file imported twice changes nothing."
    )
    file_help = "the circulation report"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--period", help="period for rows without one, for example 2024")

    def run_import(self, fileobj, options):
        return import_loans(fileobj, period=options["period"], dry_run=options["dry_run"])
