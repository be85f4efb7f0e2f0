"""Create the admin roles (groups with their permissions) and the outreach review workflow.

Run after migrating on a new site, and again after adding index pages (their page
permissions are granted on the index pages that exist); `load_demo` runs it too. It is
idempotent and only adds: a permission a librarian granted by hand stays. It also puts every
teacher who has a club-leader profile in the "Club leaders" group (saving a profile in the
admin does the same for one teacher).
"""

from django.core.management.base import BaseCommand

from reading.models import ClubLeader
from reading.roles import CLUB_LEADERS, OUTREACH_WORKFLOW, setup_roles


class Command(BaseCommand):
    help = "Create the admin roles' groups and permissions, and the outreach review workflow."

    def handle(self, *args, **options):
        groups = setup_roles()
        club_leaders = groups[CLUB_LEADERS]
        added = 0
        for leader in ClubLeader.objects.exclude(user=None).select_related("user"):
            user = leader.user
            if not user.groups.filter(pk=club_leaders.pk).exists():
                user.groups.add(club_leaders)
                added += 1
            if not user.is_staff:
                user.is_staff = True
                user.save(update_fields=["is_staff"])
        if options["verbosity"] < 1:
            return
        for name, group in groups.items():
            self.stdout.write(
                f'Group "{name}": {group.permissions.count()} permissions, '
                f"{group.page_permissions.count()} page permissions, "
                f"{group.user_set.count()} members."
            )
        self.stdout.write(f'Workflow "{OUTREACH_WORKFLOW}" ready; {added} teacher(s) added.')
