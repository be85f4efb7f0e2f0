"""Run daily: email each owner the guides of theirs that are due for review, once."""

from django.core.management.base import BaseCommand

from guides.reviews import send_review_reminders


class Command(BaseCommand):
    help = "Email guide owners the guides past their review date (once per review date)."

    def handle(self, *args, **options):
        sent = send_review_reminders()
        total = sum(len(guides) for guides in sent.values())
        self.stdout.write(f"sent {len(sent)} reminders covering {total} guides")
