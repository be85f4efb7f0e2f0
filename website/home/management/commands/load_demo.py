"""Build the demo content; safe to run again (nothing is added twice)."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from website.home import demo

# Each app adds its builder here, in the order the content depends on.
DEMO_BUILDERS = [
    "website.home.demo.build",
    "reading.demo.books.build",
    "reading.demo.campaigns.build",
    "reading.demo.archive.build",
    "reading.demo.shelves.build",
    "reading.demo.clubs.build",
    "guides.demo.build",
    "reading.demo.books.fill_english_forms",
    "website.home.demo.feature_sections",
]


class Command(BaseCommand):
    help = "Load realistic bilingual demo content (idempotent)."

    def handle(self, *args, **options):
        for dotted in DEMO_BUILDERS:
            with transaction.atomic():
                import_string(dotted)()
            self.stdout.write(f"demo: {dotted} done")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo editor account: username '{demo.DEMO_EDITOR}', "
                f"password '{demo.DEMO_EDITOR_PASSWORD}' (log in at /admin/)"
            )
        )
