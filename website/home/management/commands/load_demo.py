"""Build the demo content; safe to run again (nothing is added twice)."""

import contextlib
import logging
from io import StringIO

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from website.home import demo, demo_accounts

# Each app adds its builder here, in the order the content depends on.
DEMO_BUILDERS = [
    "website.home.demo.build",
    "reading.demo.books.build",
    "reading.demo.campaigns.build",
    "reading.demo.archive.build",
    "reading.demo.shelves.build",
    "reading.demo.clubs.build",
    "reading.demo.club_votes.build",
    "reading.demo.suggestions.build",
    "reading.demo.loans.build",
    "reading.demo.terms.build",
    "guides.demo.build",
    "reading.demo.books.fill_english_forms",
    "website.home.demo.feature_sections",
    "reading.demo.views.build",
]


@contextlib.contextmanager
def quiet():
    """Building the demo runs thousands of tasks (OCR, search indexing, emails) and publishes
    hundreds of pages, each logged at INFO: kept out of sight, so the accounts printed last are
    what a newcomer reads. Warnings and errors still show."""
    logging.disable(logging.INFO)
    try:
        yield
    finally:
        logging.disable(logging.NOTSET)


class Command(BaseCommand):
    help = "Load realistic bilingual demo content (idempotent)."

    def handle(self, *args, **options):
        verbose = options["verbosity"] >= 2
        self.stdout.write("Loading the demo content (about half a minute)…")
        with contextlib.nullcontext() if verbose else quiet():
            for dotted in DEMO_BUILDERS:
                with transaction.atomic():
                    import_string(dotted)()
                if verbose:
                    self.stdout.write(f"demo: {dotted} done")
            with transaction.atomic():
                demo_accounts.build()
            self.build_search_index()
        self.print_accounts()

    def build_search_index(self):
        """With a task queue (the quick start's database backend), each page's indexing waits
        behind the notes' OCR in the worker's queue, and a newcomer's first search would find
        nothing: the index is built here, in seconds. Immediate tasks have indexed already."""
        from django_tasks import default_task_backend

        if default_task_backend.supports_defer:
            call_command("update_index", stdout=StringIO(), stderr=StringIO())

    def print_accounts(self):
        rows = demo_accounts.summary()
        width = max(len(username) for username, _role in rows)
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo accounts (password for every one: {demo.DEMO_EDITOR_PASSWORD}), "
                "log in at /admin/:"
            )
        )
        for username, role in rows:
            self.stdout.write(f"  {username.ljust(width)}  {role}")
