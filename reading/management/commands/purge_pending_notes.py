"""Run hourly (cron): remove the note photos kept for recommendation forms whose time is up.

Keeping a new photo removes the expired ones too, so a quiet site still holds nobody's note
longer than `RECOMMENDATION_PENDING_NOTE_SECONDS` plus the time to the next run.
"""

from django.core.management.base import BaseCommand

from reading.pending_notes import purge_expired


class Command(BaseCommand):
    help = "Remove the note photos kept for unfinished recommendation forms once their time is up."

    def handle(self, *args, **options):
        self.stdout.write(f"removed {purge_expired()} kept note photos")
