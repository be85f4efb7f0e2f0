"""Fixity check: recompute every original's SHA-256 and compare it with the archived one."""

from django.core.management.base import BaseCommand, CommandError

from reading.fixity import verify_all
from reading.models import FixityStatus


class Command(BaseCommand):
    help = (
        "Recompute the checksum of every archived original; report missing or changed files "
        "(exit status 1 when there are any), record each check as a fixity event, and email "
        "the archive staff about failures."
    )

    def handle(self, *args, **options):
        events = verify_all(agent="verify_archive")
        ok = sum(event.outcome == FixityStatus.OK for event in events)
        changed = [event for event in events if event.outcome == FixityStatus.CHANGED]
        missing = [event for event in events if event.outcome == FixityStatus.MISSING]
        for event in missing:
            self.stderr.write(f"MISSING #{event.item_number} {event.item.original.name}")
        for event in changed:
            self.stderr.write(
                f"CHANGED #{event.item_number} {event.item.original.name}: "
                f"expected {event.expected}, found {event.found}"
            )
        self.stdout.write(f"{ok} verified, {len(changed)} changed, {len(missing)} missing.")
        if missing or changed:
            raise CommandError("The archive failed its fixity check.")
