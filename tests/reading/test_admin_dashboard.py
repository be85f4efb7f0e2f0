"""The dashboard tells each person how much of their work waits, and only work they may do:
each panel is a count linking to the (filtered) list, shown by Django model permission."""

from datetime import timedelta

import pytest

from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from reading.models import ArchiveItem, OcrStatus, ReviewStatus, Submission
from tests.factories import (
    ArchiveItemFactory,
    ClubIndexPageFactory,
    ClubLeaderFactory,
    ClubPageFactory,
    ClubSignupFactory,
    SubmissionFactory,
    UserFactory,
)
from tests.factories.campaigns import campaign_in_both_languages

pytestmark = pytest.mark.django_db


def meeting_soon(**kwargs):
    """A club whose discussion is minutes away: this week, whatever day the test runs."""
    now = timezone.now().replace(second=0, microsecond=0)
    when = now + timedelta(minutes=10)
    return ClubPageFactory(
        discussion_starts=when,
        discussion_ends=when + timedelta(hours=2),
        signup_opens=now - timedelta(days=5),
        signup_closes=now + timedelta(minutes=5),
        reading_starts=timezone.localdate() - timedelta(days=5),
        reading_ends=timezone.localdate(),
        **kwargs,
    )


def dashboard(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def staff_with(*perms):
    user = UserFactory(is_staff=True)
    group = Group.objects.create(name=f"group of {user.username}")
    codenames = ["access_admin", *perms]
    group.permissions.set(Permission.objects.filter(codename__in=codenames))
    user.groups.add(group)
    return user


def test_librarian_sees_each_count_linking_to_its_list(client, editor, home):
    campaign = campaign_in_both_languages(home)[0]
    SubmissionFactory.create_batch(2, campaign=campaign)
    SubmissionFactory(campaign=campaign, status=Submission.Status.REJECTED)
    ArchiveItemFactory(ocr_status=OcrStatus.DONE)
    ArchiveItemFactory(ocr_status=OcrStatus.DONE, review_status=ReviewStatus.CHECKED)
    ArchiveItemFactory(ocr_status=OcrStatus.FAILED, ocr_error="engine gone")
    html = dashboard(client, editor)
    queue = reverse("reading_submissions:index") + "?status=pending"
    assert f'href="{queue}"><span class="work-count__number">2</span>' in html
    archive = reverse("reading_archive:index")
    assert f'href="{archive}?work=to_check"><span class="work-count__number">1</span>' in html
    assert f'href="{archive}?work=failed"><span class="work-count__number">1</span>' in html
    assert reverse("guides_reports:review_due") in html
    assert reverse("guides_reports:broken_links") in html


def test_the_links_lead_to_the_same_items_the_counts_count(client, editor):
    waiting = ArchiveItemFactory(ocr_status=OcrStatus.DONE)
    checked = ArchiveItemFactory(ocr_status=OcrStatus.DONE, review_status=ReviewStatus.CHECKED)
    failed = ArchiveItemFactory(ocr_status=OcrStatus.FAILED)
    client.force_login(editor)
    index = reverse("reading_archive:index")
    for work, item in [("to_check", waiting), ("checked", checked), ("failed", failed)]:
        html = client.get(index, {"work": work}).content.decode()
        edit = "reading_archive:edit"
        shown = [i for i in (waiting, checked, failed) if reverse(edit, args=[i.pk]) in html]
        assert shown == [item], work
    assert set(ArchiveItem.objects.to_check()) == {waiting}


def test_a_panel_is_shown_only_to_who_may_use_its_list(client, home):
    moderator = staff_with("change_submission")
    html = dashboard(client, moderator)
    assert "waiting-submissions" in html
    assert "notes-to-check" not in html and "ocr-failures" not in html

    archivist = staff_with("change_archiveitem")
    html = dashboard(client, archivist)
    assert "notes-to-check" in html and "ocr-failures" in html
    assert "waiting-submissions" not in html

    nobody = staff_with()
    html = dashboard(client, nobody)
    for name in ("waiting-submissions", "notes-to-check", "ocr-failures", "clubs-this-week"):
        assert name not in html


def test_a_teacher_sees_only_her_own_clubs_of_the_week(client, home):
    index = ClubIndexPageFactory(parent=home)
    wang = ClubLeaderFactory()
    wang.user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    mine = meeting_soon(parent=index, leader=wang, capacity=2)
    ClubSignupFactory.create_batch(2, club=mine)
    ClubSignupFactory(club=mine, status="waitlisted")
    meeting_soon(parent=index, title="别人的读书会")
    ClubPageFactory(parent=index, leader=wang, title="下个月的读书会")
    html = dashboard(client, wang.user)
    assert "clubs-this-week" in html
    assert mine.title in html and "别人的读书会" not in html and "下个月的读书会" not in html
    assert reverse("my_clubs:club", args=[mine.pk]) in html
    assert "2 of 2 seats taken, 1 on the waitlist" in html
    assert "waiting-submissions" not in html and "notes-to-check" not in html


def test_dashboard_queries_do_not_grow_with_the_work(
    client, editor, home, django_assert_max_num_queries
):
    campaign = campaign_in_both_languages(home)[0]
    index = ClubIndexPageFactory(parent=home)
    meeting_soon(parent=index)
    SubmissionFactory(campaign=campaign)
    client.force_login(editor)
    client.get(reverse("wagtailadmin_home"))
    with django_assert_max_num_queries(80) as few:
        client.get(reverse("wagtailadmin_home"))
    SubmissionFactory.create_batch(5, campaign=campaign)
    for _ in range(4):
        meeting_soon(parent=index)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("wagtailadmin_home"))
