"""The shared shape of the import commands: read a file, print the report, fail loudly."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class ImportFileCommand(BaseCommand):
    """Subclasses set `file_help` and implement `run_import(fileobj, options)`."""

    file_help = "the file to import"

    def add_arguments(self, parser):
        parser.add_argument("file", help=self.file_help)
        parser.add_argument(
            "--dry-run", action="store_true", help="report what would change, store nothing"
        )

    def run_import(self, fileobj, options):
        raise NotImplementedError

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        with path.open("rb") as fileobj:
            report = self.run_import(fileobj, options)
        if report.fatal:
            raise CommandError(report.summary())
        for line in report.lines():
            self.stdout.write(line)
