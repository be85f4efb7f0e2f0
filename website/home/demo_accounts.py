"""The demo's people: one account for each admin role, all with the demo password.

Made after the content (the roles' page permissions are granted on the index pages the demo
built), by `manage.py setup_roles` and then here. `editor` stays the site's administrator
(a superuser, for trying everything); the others hold only their role's permissions, so a
visitor can see each role's admin as the library's staff would.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from guides.roles import SUBJECT_LIBRARIANS
from reading.models import ClubPage
from reading.roles import OUTREACH_LIBRARIANS
from website.home import demo

STAFF = {
    "outreach.zhang": {
        "group": OUTREACH_LIBRARIANS,
        "first_name": "琳",
        "last_name": "张",
        "role": "outreach librarian: campaigns, queue, archive, shelves, clubs, reports",
    },
    "subject.chen": {
        "group": SUBJECT_LIBRARIANS,
        "first_name": "思远",
        "last_name": "陈",
        "role": "subject librarian: guides, databases, videos, web tools, guide reports",
    },
}


def build():
    call_command("setup_roles", verbosity=0)
    User = get_user_model()
    for username, account in STAFF.items():
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "email": f"{username}@example.edu",
                "is_staff": True,
                "first_name": account["first_name"],
                "last_name": account["last_name"],
            },
        )
        if created:
            user.set_password(demo.DEMO_EDITOR_PASSWORD)
            user.save()
        user.groups.add(Group.objects.get(name=account["group"]))


def summary():
    """(username, what the account is) for every demo account, the teachers with their clubs."""
    rows = [(demo.DEMO_EDITOR, "site administrator (superuser): every right")]
    rows += [(username, account["role"]) for username, account in STAFF.items()]
    User = get_user_model()
    teachers = User.objects.filter(club_leader__isnull=False).order_by("username")
    for teacher in teachers:
        clubs = (
            ClubPage.objects.filter(leader__user=teacher, locale__language_code="zh-hans")
            .order_by("discussion_starts")
            .values_list("title", flat=True)
        )
        rows.append(
            (teacher.username, "club leader (teacher) of " + ", ".join(clubs) if clubs else "")
        )
    return rows
