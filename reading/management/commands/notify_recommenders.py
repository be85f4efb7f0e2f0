"""Tell recommenders of the purchase-suggestion steps they have not heard of yet.

Each step's emails go out by themselves; this command is the retry after a mail server was
down (run it daily beside `purge_personal_data`). Nobody is told twice: each notice is claimed
before its email is sent (reading/emails/suggestions.py)."""

from django.core.management.base import BaseCommand

from reading import suggestions


class Command(BaseCommand):
    help = "Email recommenders about the purchase-suggestion steps they were not told of yet."

    def handle(self, *args, **options):
        sent = suggestions.notify_all()
        self.stdout.write(f"{sent} email(s) sent")
