"""The admin roles `setup_roles` makes, and access to personal data by permission only."""

import pytest

from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.management import call_command

from wagtail.models import GroupPagePermission, Workflow

from reading.permissions import can_manage_club, clubs_for, sees_every_club
from reading.roles import CLUB_LEADERS, OUTREACH_LIBRARIANS, OUTREACH_WORKFLOW
from tests.factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    ClubIndexPageFactory,
    ClubPageFactory,
    ClubSignupFactory,
    GuideIndexPageFactory,
    UserFactory,
)

SUBJECT_LIBRARIANS = "Subject librarians"


@pytest.fixture
def site_pages(home):
    return {
        "campaigns": CampaignIndexPageFactory(parent=home),
        "clubs": ClubIndexPageFactory(parent=home),
        "guides": GuideIndexPageFactory(parent=home),
    }


@pytest.fixture
def roles(site_pages):
    call_command("setup_roles", verbosity=0)
    return {group.name: group for group in Group.objects.all()}


def member(group_name, username):
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def club(site_pages):
    club = ClubPageFactory(parent=site_pages["clubs"], title="《乡土中国》共读")
    ClubSignupFactory(club=club, name="张三", email="zhangsan@mail.example.edu")
    return club


def menu_urls(user):
    """Every address the admin menu (and its submenus) offers this user."""
    from django.test import RequestFactory
    from django.urls import reverse

    from wagtail.admin.menu import SubmenuMenuItem, admin_menu

    reverse("wagtailadmin_home")  # loads the admin URLs, which register the viewsets' items
    request = RequestFactory().get("/admin/")
    request.user = user

    def walk(menu):
        for item in menu.menu_items_for_request(request):
            if isinstance(item, SubmenuMenuItem):
                yield from walk(item.menu)
            else:
                yield item.url

    return set(walk(admin_menu))


def codenames(group):
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


def test_the_roles_are_groups_with_their_permissions(roles, site_pages):
    outreach, subject, leaders = (
        roles[OUTREACH_LIBRARIANS],
        roles[SUBJECT_LIBRARIANS],
        roles[CLUB_LEADERS],
    )
    assert {"reading.view_clubsignup", "reading.change_submission"} <= codenames(outreach)
    assert "reading.view_clubsignup" not in codenames(subject)
    assert {"guides.change_database", "core.view_viewcount"} <= codenames(subject)
    assert codenames(leaders) == {"wagtailadmin.access_admin"}

    def page_perms(group, page):
        return set(
            GroupPagePermission.objects.filter(group=group, page=page).values_list(
                "permission__codename", flat=True
            )
        )

    # Campaign pages are published through the review workflow, not directly.
    assert page_perms(outreach, site_pages["campaigns"]) == {
        "add_page",
        "change_page",
        "lock_page",
        "unlock_page",
    }
    assert "publish_page" in page_perms(outreach, site_pages["clubs"])
    assert "publish_page" in page_perms(subject, site_pages["guides"])
    assert not page_perms(subject, site_pages["campaigns"])
    assert not GroupPagePermission.objects.filter(group=leaders).exists()


def test_setup_roles_is_idempotent_and_keeps_what_a_librarian_added(roles):
    outreach = roles[OUTREACH_LIBRARIANS]
    extra = Permission.objects.get(codename="delete_book")
    outreach.permissions.add(extra)
    before = (
        Group.objects.count(),
        outreach.permissions.count(),
        GroupPagePermission.objects.count(),
        Workflow.objects.count(),
    )
    call_command("setup_roles", verbosity=0)
    after = (
        Group.objects.count(),
        outreach.permissions.count(),
        GroupPagePermission.objects.count(),
        Workflow.objects.count(),
    )
    assert after == before
    assert outreach.permissions.filter(pk=extra.pk).exists()


def test_campaign_pages_are_reviewed_by_outreach_librarians(roles, site_pages):
    campaign = CampaignPageFactory(parent=site_pages["campaigns"])
    workflow = campaign.get_workflow()
    assert workflow is not None and workflow.name == OUTREACH_WORKFLOW
    task = workflow.tasks.get().specific
    assert list(task.groups.all()) == [roles[OUTREACH_LIBRARIANS]]
    librarian = member(OUTREACH_LIBRARIANS, "outreach.test")
    tester = campaign.permissions_for_user(librarian)
    assert tester.can_edit() and not tester.can_publish()


def test_an_ordinary_editor_is_not_a_librarian(client, roles, club):
    """Wagtail's default "Editors" group edits pages; it grants nothing of people's data."""
    editor = member("Editors", "page.editor")
    assert not sees_every_club(editor)
    assert not can_manage_club(editor, club)
    assert not clubs_for(editor).exists()
    assert "/admin/my-clubs/" not in menu_urls(editor)


@pytest.mark.parametrize("group_name", ["Editors", "Moderators", SUBJECT_LIBRARIANS])
def test_others_are_refused_the_attendance_sheet_and_the_email_form(
    client, roles, club, group_name
):
    client.force_login(member(group_name, "someone"))
    for url in (
        f"/admin/my-clubs/{club.pk}/",
        f"/admin/my-clubs/{club.pk}/attendance.csv",
        f"/admin/my-clubs/{club.pk}/email/",
        f"/admin/my-clubs/{club.pk}/edit/",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "zhangsan" not in response.content.decode()
    response = client.post(
        f"/admin/my-clubs/{club.pk}/email/",
        {"recipients": "confirmed", "subject": "Hello", "body": "Everyone"},
    )
    assert response.status_code == 404
    assert not mail.outbox


def test_an_outreach_librarian_sees_every_club(client, roles, club):
    librarian = member(OUTREACH_LIBRARIANS, "outreach.test")
    assert "/admin/my-clubs/" in menu_urls(librarian)
    client.force_login(librarian)
    sheet = client.get(f"/admin/my-clubs/{club.pk}/attendance.csv")
    assert sheet.status_code == 200 and "zhangsan@mail.example.edu" in sheet.content.decode()


def test_a_teacher_menu_holds_only_their_tools(client, roles, club):
    urls = menu_urls(club.leader.user)
    assert "/admin/my-clubs/" in urls
    # Help's items (Wagtail's editor guide) are everyone's; nothing else is offered.
    assert not {url for url in urls if url.startswith("/admin/")} - {"/admin/my-clubs/"}
    client.force_login(club.leader.user)
    assert client.get("/admin/reports/translations/").status_code in (302, 403)


def test_a_subject_librarian_reads_the_guide_reports_not_the_campaign_ones(client, roles):
    librarian = member(SUBJECT_LIBRARIANS, "subject.test")
    urls = menu_urls(librarian)
    assert {"/admin/guides/reports/usage/", "/admin/reports/translations/"} <= urls
    assert not {"/admin/my-clubs/", "/admin/reports/recommended-books/"} & urls
    client.force_login(librarian)
    assert client.get("/admin/guides/reports/usage/").status_code == 200
    assert client.get("/admin/reading/submissions/").status_code in (302, 403)
