"""Write a BagIt package of the archive (see reading/preservation.py) to a folder."""

from django.core.management.base import BaseCommand, CommandError

from reading.preservation import ExportError, write_bag


class Command(BaseCommand):
    help = "Write a BagIt package of every archived note (originals, texts, Dublin Core) to DIR."

    def add_arguments(self, parser):
        parser.add_argument("directory", metavar="DIR")

    def handle(self, *args, **options):
        target = options["directory"]
        try:
            count = write_bag(target)
        except ExportError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(f"Bag of {count} notes written to {target} and validated.")
        )
