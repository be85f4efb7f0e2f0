"""A restriction on a translation covers that translation only (website/core/privacy.py); the
page editor says so plainly and offers to make every language private, and the editor of
a translation covered by its original's restriction says why it is private."""

import pytest

from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from wagtail.models import GroupPagePermission, Page, PageLogEntry, PageViewRestriction
from wagtail.users.models import UserProfile

from tests.factories import UserFactory
from website.core.privacy import for_readers


def _restrict(page, restriction_type=PageViewRestriction.LOGIN, **fields):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=restriction_type, **fields
    )


def _messages(response):
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_a_private_translation_says_its_original_stays_public(editor_client, home, home_en):
    _restrict(home_en)

    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[home_en.pk]))

    text = " ".join(_messages(response))
    assert "other languages stay public" in text
    assert home.title in text
    assert reverse("privacy_to_translations", args=[home_en.pk]) in response.content.decode()


def test_making_every_language_private_copies_the_restriction(editor_client, home, home_en):
    group = Group.objects.create(name="Readers of drafts")
    restriction = _restrict(home_en, PageViewRestriction.GROUPS)
    restriction.groups.set([group])
    url = reverse("privacy_to_translations", args=[home_en.pk])

    confirm = editor_client.get(url)
    assert confirm.status_code == 200
    assert home.title in confirm.content.decode()
    assert PageViewRestriction.objects.filter(page=home).count() == 0  # a GET changes nothing

    response = editor_client.post(url)

    assert response.status_code == 302
    copied = PageViewRestriction.objects.get(page=home)
    assert copied.restriction_type == PageViewRestriction.GROUPS
    assert list(copied.groups.all()) == [group]
    assert PageLogEntry.objects.filter(page=home, action="wagtail.view_restriction.create").exists()
    assert not for_readers(type(home).objects.filter(pk__in=[home.pk, home_en.pk])).exists()
    again = editor_client.get(reverse("wagtailadmin_pages:edit", args=[home_en.pk]))
    assert not any("stay public" in m for m in _messages(again))


def test_a_password_is_copied_with_its_password(editor_client, home, home_en):
    _restrict(home_en, PageViewRestriction.PASSWORD, password="draft-2026")

    editor_client.post(reverse("privacy_to_translations", args=[home_en.pk]))

    assert PageViewRestriction.objects.get(page=home).password == "draft-2026"


def test_a_translation_covered_by_its_original_says_why(editor_client, home, home_en):
    _restrict(home)

    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[home_en.pk]))

    assert any("because its original" in m for m in _messages(response))


def test_an_unrestricted_page_gets_no_message(editor_client, home, home_en):
    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[home_en.pk]))

    assert not any("private" in m for m in _messages(response))


def test_the_message_is_in_chinese_for_a_chinese_editor(client, home, home_en):
    user = UserFactory(username="zhang", is_staff=True, is_superuser=True)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "zh-hans"
    profile.save()
    client.force_login(user)
    _restrict(home_en)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[home_en.pk]))

    assert any("公开" in m for m in _messages(response))


def test_an_editor_who_may_not_publish_may_not_set_privacy(client, home, home_en):
    """Setting privacy is a publisher's right in Wagtail; editing alone does not give it."""
    writers = Group.objects.create(name="Writers")
    writers.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=writers, page=Page.get_first_root_node(), permission_type="change"
    )
    user = UserFactory(username="writer", is_staff=True)
    user.groups.add(writers)
    client.force_login(user)
    _restrict(home_en)
    url = reverse("privacy_to_translations", args=[home_en.pk])

    # Wagtail's admin answers a refusal by sending the user to the dashboard with a message
    assert client.get(url).url == reverse("wagtailadmin_home")
    assert client.post(url).url == reverse("wagtailadmin_home")
    assert not PageViewRestriction.objects.filter(page=home).exists()
