"""The library's roles in the admin, as groups with the permissions each needs and no more.

A role is granted by putting an account in its group; what the account may then see and do
comes from the permissions listed here (reading/permissions.py asks for permissions, never
for group names). `manage.py setup_roles` applies this file to a site, idempotently: it adds
what is missing and takes away nothing a librarian granted by hand.

* Outreach librarians run the campaigns, the queue, the note archive, the shelves and the
  clubs. Campaign and recommendation pages go through the "Outreach review" workflow before
  they are published: outreach librarians edit them but publish them only by approving them.
* Subject librarians own the guides and their shared records (declared in guides/roles.py).
* Acquisitions librarians move purchase suggestions (a recommended book the library lacks)
  from suggested to ordered, received or declined, and read the books and their loans.
* Club leaders (teachers) enter the admin and see only the clubs they lead ("My reading clubs").
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from reading.models.clubs import CLUB_LEADERS_GROUP as CLUB_LEADERS

OUTREACH_LIBRARIANS = "Outreach librarians"
ACQUISITIONS_LIBRARIANS = "Acquisitions librarians"
OUTREACH_WORKFLOW = "Outreach review"

ACCESS_ADMIN = "wagtailadmin.access_admin"
MEDIA = [
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
]
EDIT_PAGES = ["add", "change", "lock", "unlock"]
PUBLISH_PAGES = [*EDIT_PAGES, "publish"]


def crud(model, actions=("add", "change", "view")):
    app, name = model.split(".")
    return [f"{app}.{action}_{name}" for action in actions]


@dataclass(frozen=True)
class Role:
    name: str
    # Django model permissions ("app.codename"): snippets, the queue, the archive, people's data.
    permissions: list = field(default_factory=list)
    # {page model ("app.Model"): page permission types}, granted on the topmost pages of those
    # types (the index pages, in every language), so they reach the pages below.
    pages: dict = field(default_factory=dict)
    # Image and document permissions on the root collection.
    collections: list = field(default_factory=list)


ROLES = {
    OUTREACH_LIBRARIANS: Role(
        OUTREACH_LIBRARIANS,
        permissions=[
            ACCESS_ADMIN,
            *crud("reading.book"),
            *crud("reading.recommender"),
            *crud("reading.recommendationtheme"),
            *crud("core.terminenglish"),
            "reading.view_submission",
            "reading.change_submission",
            *crud("reading.archiveitem"),
            *crud("reading.clubleader"),
            "reading.view_clubsignup",
            "reading.view_checkin",
            *crud("reading.loan"),
            "reading.view_purchasesuggestion",
            "reading.change_purchasesuggestion",
            "core.view_viewcount",  # the Views report: counts of readers, nobody named
            # Reports → Undelivered emails: readers' addresses, sent again or discarded
            "core.view_heldemail",
            "core.resend_heldemail",
            "core.delete_heldemail",
        ],
        pages={
            "reading.CampaignIndexPage": EDIT_PAGES,
            "reading.CampaignPage": EDIT_PAGES,
            "reading.ShelfIndexPage": PUBLISH_PAGES,
            "reading.ClubIndexPage": PUBLISH_PAGES,
        },
        collections=MEDIA,
    ),
    # They order what readers recommend (purchase suggestions) and read the loan figures.
    ACQUISITIONS_LIBRARIANS: Role(
        ACQUISITIONS_LIBRARIANS,
        permissions=[
            ACCESS_ADMIN,
            "reading.view_book",
            "reading.view_loan",
            "reading.view_purchasesuggestion",
            "reading.change_purchasesuggestion",
        ],
    ),
    CLUB_LEADERS: Role(CLUB_LEADERS, permissions=[ACCESS_ADMIN]),
}


def register(role):
    """Another app declares a role (or adds to one) from its own `roles.py`; `setup_roles`
    finds those modules, so this one names no other app's models."""
    known = ROLES.get(role.name)
    if known is not None:
        role = Role(
            role.name,
            permissions=[*known.permissions, *role.permissions],
            pages={**known.pages, **role.pages},
            collections=[*known.collections, *role.collections],
        )
    ROLES[role.name] = role
    return role


def _permissions(names):
    wanted = {tuple(name.split(".")) for name in names}
    found = {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.filter(codename__in=[c for _a, c in wanted]).select_related(
            "content_type"
        )
    }
    missing = wanted - set(found)
    if missing:
        raise LookupError(f"unknown permissions: {sorted('.'.join(m) for m in missing)}")
    return [found[key] for key in sorted(wanted)]


def _top_pages(page_models):
    """The pages of these types that no page of these types contains, in every language."""
    from wagtail.models import Page

    content_types = [apps.get_model(label) for label in page_models]
    pages = list(Page.objects.type(*content_types).order_by("path"))
    tops = []
    for page in pages:
        if not any(page.path.startswith(top.path) for top in tops):
            tops.append(page)
    return tops


def _grant_pages(group, role):
    from wagtail.models import GroupPagePermission

    by_type = {
        apps.get_model(label): _permissions(f"wagtailcore.{kind}_page" for kind in kinds)
        for label, kinds in role.pages.items()
    }
    for page in _top_pages(role.pages):
        for permission in by_type[page.specific_class]:
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def _grant_collections(group, role):
    from wagtail.models import Collection, GroupCollectionPermission

    root = Collection.get_first_root_node()
    if root is None or not role.collections:
        return
    for permission in _permissions(role.collections):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=permission
        )


def ensure_role(name):
    """The role's group, with every permission the role lists (added, none taken away)."""
    role = ROLES[name]
    with transaction.atomic():
        group, _created = Group.objects.get_or_create(name=role.name)
        group.permissions.add(*_permissions(role.permissions))
        _grant_pages(group, role)
        _grant_collections(group, role)
    return group


def ensure_outreach_workflow():
    """ "Outreach review": one approval task for outreach librarians, on every campaign index."""
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

    group = ensure_role(OUTREACH_LIBRARIANS)
    with transaction.atomic():
        task = GroupApprovalTask.objects.filter(name=OUTREACH_WORKFLOW).first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=OUTREACH_WORKFLOW)
        task.groups.add(group)
        workflow, _created = Workflow.objects.get_or_create(name=OUTREACH_WORKFLOW)
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
        for page in _top_pages(["reading.CampaignIndexPage", "reading.CampaignPage"]):
            WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})
    return workflow


def setup_roles():
    """Every role's group and the outreach workflow; returns the groups by role name."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("roles")
    groups = {name: ensure_role(name) for name in ROLES}
    ensure_outreach_workflow()
    return groups
