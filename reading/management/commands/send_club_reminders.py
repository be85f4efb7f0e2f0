"""Send the reading clubs' reminders due today: the nudges of readers who have not checked in
yet, the reminders of tomorrow's discussions (with their .ics), and the teachers' digests.

Run it once a day in the evening (reading.reminders says who gets what). Each email is
claimed before it is sent and released if it fails, so a second run sends nothing again and
retries only what failed."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from reading import reminders


class Command(BaseCommand):
    help = "Email the reading clubs' reminders due today (each once) and the teachers' digests."

    def add_arguments(self, parser):
        parser.add_argument(
            "--day", help="The local day to send for, YYYY-MM-DD (default: today in Shanghai)."
        )

    def handle(self, *args, **options):
        day = None
        if options["day"]:
            try:
                day = date.fromisoformat(options["day"])
            except ValueError as exc:
                raise CommandError(
                    f"--day must be a date as YYYY-MM-DD, not {options['day']!r}"
                ) from exc
        sent = reminders.send_due(day)
        self.stdout.write(
            f"{sent.nudge} nudge(s), {sent.eve} day-before reminder(s), "
            f"{sent.digest} digest(s) sent"
        )
