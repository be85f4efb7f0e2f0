"""Try again every held email whose time has come: the sweep behind the task queue's own
retries, for a queue that cannot wait (the immediate backend) or a worker that was down."""

from django.core.management.base import BaseCommand

from website.core import mail


class Command(BaseCommand):
    help = "Try again the emails the mail server refused whose next try is due."

    def handle(self, *args, **options):
        sent, tried = mail.send_due()
        self.stdout.write(f"{sent} of {tried} held emails delivered.")
