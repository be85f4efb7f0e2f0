"""Create the "Club leaders" group and put every teacher with a club-leader profile in it.

Run after migrating on a new site (the demo loader does it too). Saving a club-leader profile
in the admin does the same for one teacher, so this is only needed once, or to repair.
"""

from django.core.management.base import BaseCommand

from reading.models import ClubLeader
from reading.models.clubs import CLUB_LEADERS_GROUP, ensure_club_leaders_group


class Command(BaseCommand):
    help = 'Create the "Club leaders" admin group and add every club leader\'s account to it.'

    def handle(self, *args, **options):
        group = ensure_club_leaders_group()
        added = 0
        for leader in ClubLeader.objects.exclude(user=None).select_related("user"):
            if not leader.user.groups.filter(pk=group.pk).exists():
                leader.user.groups.add(group)
                added += 1
            if not leader.user.is_staff:
                leader.user.is_staff = True
                leader.user.save(update_fields=["is_staff"])
        self.stdout.write(f'Group "{CLUB_LEADERS_GROUP}" ready; {added} teacher(s) added.')
