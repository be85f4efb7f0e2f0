"""Remove personal files whose keeping time is over (see reading.retention); run it daily."""

from django.core.management.base import BaseCommand

from reading import retention


class Command(BaseCommand):
    help = (
        "Remove the note files of submissions rejected more than SUBMISSION_REJECTED_FILE_DAYS "
        "days ago. Run daily (cron or a systemd timer)."
    )

    def handle(self, *args, **options):
        removed = retention.purge_rejected_note_files()
        self.stdout.write(
            self.style.SUCCESS(
                f"{removed} rejected submission file(s) removed "
                f"(kept {retention.rejected_file_days()} days after the decision)."
            )
        )
