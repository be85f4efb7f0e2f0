"""When a reader sends a recommendation, everyone who may moderate hears of it, by a task,
each in the admin language they chose; nobody else does, and a setting turns it off."""

import pytest

from django.contrib.auth.models import Group, Permission
from django.core import mail

from wagtail.users.models import UserProfile

from reading.models import Submission
from tests.factories import UserFactory
from tests.factories.campaigns import campaign_in_both_languages

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(home):
    return campaign_in_both_languages(home)[0]


def moderator(username, language=""):
    user = UserFactory(username=username, is_staff=True)
    group, _ = Group.objects.get_or_create(name="Outreach librarians")
    group.permissions.add(Permission.objects.get(codename="change_submission"))
    user.groups.add(group)
    if language:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    return user


def send(client, campaign, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/campaigns/{campaign.pk}/recommend/",
            {
                "name": "李华",
                "role": "student",
                "school": "工学院",
                "email": "lihua@mail.example.edu",
                "name_display": "full",
                "title": "三体",
                "author": "刘慈欣",
                "text": "宏大的宇宙观让我第一次意识到文明与科学的脆弱和珍贵。",
                "consent_text": "on",
                "website": "",
            },
        )
    assert response.status_code == 302
    return Submission.objects.get()


def test_each_moderator_is_told_in_their_own_language(
    client, campaign, django_capture_on_commit_callbacks
):
    moderator("zhang", "zh-hans")
    moderator("smith", "en")
    UserFactory(username="boss", is_superuser=True, is_staff=True)
    UserFactory(username="teacher", is_staff=True)  # may not moderate: not told
    submission = send(client, campaign, django_capture_on_commit_callbacks)
    notices = {m.to[0]: m for m in mail.outbox if m.to != ["lihua@mail.example.edu"]}
    assert set(notices) == {"zhang@example.edu", "smith@example.edu", "boss@example.edu"}
    link = f"/admin/reading/submissions/moderate/{submission.pk}/"
    assert all(link in notice.body for notice in notices.values())
    assert notices["zhang@example.edu"].subject.startswith("新的推荐待审核")
    assert notices["smith@example.edu"].subject.startswith("New recommendation to moderate")
    assert "三体" in notices["smith@example.edu"].subject


def test_the_setting_turns_the_notices_off(
    client, campaign, settings, django_capture_on_commit_callbacks
):
    settings.SUBMISSION_NOTIFY_LIBRARIANS = False
    moderator("zhang", "zh-hans")
    send(client, campaign, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["lihua@mail.example.edu"]]


def test_a_submission_already_decided_is_not_announced(campaign):
    from reading.tasks import notify_librarians
    from tests.factories import SubmissionFactory

    moderator("zhang")
    decided = SubmissionFactory(campaign=campaign, status=Submission.Status.REJECTED)
    assert notify_librarians.call(decided.pk) == 0
    assert notify_librarians.call(decided.pk + 1000) == 0
    assert mail.outbox == []
