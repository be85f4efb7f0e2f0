"""Fixity check: recompute every original's SHA-256 and compare it with the archived one."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from reading.models import ArchiveItem, FixityStatus


class Command(BaseCommand):
    help = (
        "Recompute the checksum of every archived original; report missing or changed files "
        "(exit status 1 when there are any) and record when each was verified."
    )

    def handle(self, *args, **options):
        missing, changed, ok = [], [], 0
        for item in ArchiveItem.objects.order_by("pk").iterator():
            try:
                checksum = item.compute_checksum()
            except (FileNotFoundError, OSError):
                status = FixityStatus.MISSING
                missing.append(item)
            else:
                if checksum == item.sha256:
                    status = FixityStatus.OK
                    ok += 1
                else:
                    status = FixityStatus.CHANGED
                    changed.append((item, checksum))
            ArchiveItem.objects.filter(pk=item.pk).update(
                fixity_status=status, last_verified_at=timezone.now()
            )
        for item in missing:
            self.stderr.write(f"MISSING #{item.pk} {item.original.name}")
        for item, checksum in changed:
            self.stderr.write(
                f"CHANGED #{item.pk} {item.original.name}: expected {item.sha256}, found {checksum}"
            )
        self.stdout.write(f"{ok} verified, {len(changed)} changed, {len(missing)} missing.")
        if missing or changed:
            raise CommandError("The archive failed its fixity check.")
