"""The reading plan: milestones set in the page editor within the reading period and in order,
shared by the translations; check-ins belong to a milestone; later parts of the stream are
folded behind a spoiler disclosure; the public page shows the plan but names no one."""

from datetime import timedelta

import pytest

from django.test import Client
from django.utils import timezone

from wagtail.test.utils.form_data import inline_formset

from reading import plans
from reading.models import CheckIn, ClubPage
from tests.factories import (
    BookFactory,
    ClubIndexPageFactory,
    ClubLeaderFactory,
    ClubPageFactory,
    ClubSignupFactory,
    translate_page,
)
from tests.reading.test_club_admin_editing import club_form

TODAY = timezone.localdate()


def day(n):
    return TODAY + timedelta(days=n)


PLAN = [
    ("第一至三封信", "Letters 1–3", "pp. 1–30", day(-2)),
    ("第四至六封信", "Letters 4–6", "pp. 31–62", day(2)),
    ("第七至十二封信", "Letters 7–12", "pp. 63–120", day(8)),
]


@pytest.fixture
def index(home):
    return ClubIndexPageFactory(parent=home)


@pytest.fixture
def club(index):
    return ClubPageFactory(
        parent=index,
        leader=ClubLeaderFactory(),
        reading_starts=day(-3),
        reading_ends=day(10),
        plan=PLAN,
    )


def checkin(signup, n, milestone=None, text=None, **extra):
    return CheckIn.objects.create(
        signup=signup,
        day=day(n),
        progress="p. 10",
        text=text or f"{signup.name} 第{n}天",
        milestone=milestone,
        **extra,
    )


def post_milestones(client, index, milestones):
    now = timezone.now()
    return client.post(
        f"/admin/pages/add/reading/clubpage/{index.pk}/",
        club_form(
            BookFactory(),
            ClubLeaderFactory(),
            reading_starts=timezone.localdate(now + timedelta(days=2)).isoformat(),
            reading_ends=timezone.localdate(now + timedelta(days=16)).isoformat(),
            milestones=inline_formset(milestones),
        ),
    )


def milestone(title, n, **extra):
    return {"title": title, "title_en": "", "pages": "", "target_date": day(n).isoformat(), **extra}


def test_a_librarian_sets_the_plan_in_the_page_editor(client, editor, index):
    client.force_login(editor)
    response = post_milestones(
        client, index, [milestone("第一章", 4, title_en="Ch. 1"), milestone("第二章", 9)]
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    club = ClubPage.objects.get(slug="xiangtu")
    assert [(m.title, m.title_en, m.target_date) for m in club.plan] == [
        ("第一章", "Ch. 1", day(4)),
        ("第二章", "", day(9)),
    ]


@pytest.mark.parametrize(
    "milestones, message",
    [
        ([milestone("第一章", 1)], "must be within the reading period"),
        ([milestone("第一章", 30)], "must be within the reading period"),
        ([milestone("第一章", 9), milestone("第二章", 4)], "this date is before the one above"),
    ],
)
def test_plan_dates_outside_the_period_or_out_of_order_are_refused(
    client, editor, index, milestones, message
):
    client.force_login(editor)
    response = post_milestones(client, index, milestones)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ClubPage.objects.filter(slug="xiangtu").exists()


def test_plan_errors_are_one_rule():
    start, end = day(0), day(10)
    assert plans.plan_errors(start, end, [day(1), day(1), day(10)]) == {}
    assert set(plans.plan_errors(start, end, [day(5), day(3), day(11)])) == {1, 2}


def test_the_default_milestone_is_the_next_one_due(club):
    first, second, third = club.plan
    assert plans.milestone_for(day(-3), club.plan) == first
    assert plans.milestone_for(day(-2), club.plan) == first
    assert plans.milestone_for(day(-1), club.plan) == second
    assert plans.milestone_for(day(9), club.plan) == third  # after the last: the last
    assert plans.milestone_for(day(0), []) is None


def test_a_check_in_takes_the_chosen_milestone_or_the_one_due(club):
    first, second, third = club.plan
    me = ClubSignupFactory(club=club)
    url = f"/en/clubs/my/{me.make_token()}/"
    client = Client()
    page = client.get(url).content.decode()
    assert "Letters 4–6 · pp. 31–62" in page  # the choice, in English
    assert f'<option value="{second.pk}" selected>' in page  # due now
    response = client.post(
        url,
        {
            "day": day(-1).isoformat(),
            "progress": "p. 80",
            "text": "读到第八封",
            "milestone": third.pk,
        },
    )
    assert response.status_code == 302
    assert CheckIn.objects.get(signup=me, day=day(-1)).milestone == third
    client.post(url, {"day": TODAY.isoformat(), "progress": "p. 40", "text": "第五封信"})
    assert CheckIn.objects.get(signup=me, day=TODAY).milestone == second


def test_a_milestone_of_another_club_is_refused(club, index):
    other = ClubPageFactory(parent=index, plan=[("别的", "", "", day(1))])
    me = ClubSignupFactory(club=club)
    response = Client().post(
        f"/en/clubs/my/{me.make_token()}/",
        {"day": TODAY.isoformat(), "progress": "p. 1", "text": "x", "milestone": other.plan[0].pk},
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not CheckIn.objects.filter(signup=me).exists()


def test_later_parts_are_folded_until_the_reader_reaches_them(club):
    first, second, third = club.plan
    me = ClubSignupFactory(club=club, name="赵六")
    ahead = ClubSignupFactory(club=club, name="孙七", name_display="full")
    checkin(me, -3, first, "我的第一条")
    checkin(ahead, -3, first, "开头的感想")
    checkin(ahead, -2, third, "结局原来如此")
    html = Client().get(f"/en/clubs/my/{me.make_token()}/").content.decode()
    opened, folded = html.split('<details class="spoilers">', 1)
    assert "开头的感想" in opened and "结局原来如此" not in opened
    assert "结局原来如此" in folded
    assert "reached this part (1 check-in)" in html
    # Once the reader has reached the last part, nothing is folded.
    checkin(me, -1, third, "我也读完了")
    html = Client().get(f"/en/clubs/my/{me.make_token()}/").content.decode()
    assert '<details class="spoilers">' not in html and "结局原来如此" in html


def test_check_ins_without_a_milestone_still_show(club):
    me = ClubSignupFactory(club=club)
    checkin(me, -3, None, "计划之前的打卡")
    html = Client().get(f"/en/clubs/my/{me.make_token()}/").content.decode()
    assert "Other check-ins" in html and "计划之前的打卡" in html


def test_a_club_without_a_plan_shows_its_stream_as_before(index):
    club = ClubPageFactory(parent=index)
    me = ClubSignupFactory(club=club)
    checkin(me, -1, None, "没有计划也能打卡")
    html = Client().get(f"/en/clubs/my/{me.make_token()}/").content.decode()
    assert "没有计划也能打卡" in html
    assert "Other check-ins" not in html and "spoilers" not in html
    assert 'name="milestone"' not in html


def test_the_english_page_shows_the_originals_plan_in_english(club):
    english = translate_page(club, "en", title="Reading club in English")
    assert not english.milestones.exists()  # not copied: the plan exists once
    assert [m.pk for m in english.plan] == [m.pk for m in club.plan]
    html = Client().get(english.url).content.decode()
    assert "Letters 1–3" in html and "Letters 7–12" in html and "第一至三封信" not in html
    zh = Client().get(club.url).content.decode()
    assert "第一至三封信" in zh


def test_the_public_page_counts_readers_per_part_but_names_no_one(club):
    first, second, third = club.plan
    for name, display in (("张三", "full"), ("李小明", "initials")):
        signup = ClubSignupFactory(club=club, name=name, name_display=display)
        checkin(signup, -3, first, f"{name}的秘密感想")
    waiting = ClubSignupFactory(club=club, name="孙七", name_display="full", status="waitlisted")
    checkin(waiting, -3, second)
    english = translate_page(club, "en", title="Reading club in English")
    html = Client().get(english.url).content.decode()
    # The first part reached by both; the waitlisted reader's check-in is not counted.
    assert html.count("2 readers have reached it") == 1
    assert html.count("0 readers have reached it") == 2
    html += Client().get(club.url).content.decode()
    for secret in ("张三", "李小明", "L. X. M.", "秘密感想", "孙七", "mail.example.edu"):
        assert secret not in html


def test_the_teacher_reads_the_stream_on_the_club_page_with_later_parts_folded(client, club):
    first, second, third = club.plan
    signup = ClubSignupFactory(club=club, name="李小明")
    checkin(signup, -3, first, "开头")
    checkin(signup, -2, third, "结尾的剧透")
    client.force_login(club.leader.user)
    html = client.get(club.url).content.decode()
    opened, folded = html.split('<details class="spoilers">', 1)
    assert "开头" in opened and "结尾的剧透" in folded
    assert "李小明" in html  # the teacher's own list
    assert 'class="club-progress"' in html


def test_the_club_page_reads_a_fixed_number_of_queries(client, club, django_assert_max_num_queries):
    def add_readers(count):
        for _n in range(count):
            signup = ClubSignupFactory(club=club)
            for i, milestone in enumerate(club.plan):
                checkin(signup, -3 + i, milestone)
            ClubSignupFactory(club=club, status="waitlisted")

    client.force_login(club.leader.user)
    add_readers(2)
    client.get(club.url)  # warm the caches of the first request
    with django_assert_max_num_queries(60) as few:
        client.get(club.url)
    add_readers(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(club.url).status_code == 200
    anonymous = Client()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert anonymous.get(club.url).status_code == 200


def test_the_participants_page_with_a_plan_reads_a_fixed_number_of_queries(
    club, django_assert_max_num_queries
):
    me = ClubSignupFactory(club=club)
    url = f"/en/clubs/my/{me.make_token()}/"

    def add_readers(count):
        for _n in range(count):
            signup = ClubSignupFactory(club=club)
            for i, milestone in enumerate(club.plan):
                checkin(signup, -3 + i, milestone)

    add_readers(2)
    client = Client()
    client.get(url)
    with django_assert_max_num_queries(60) as few:
        client.get(url)
    add_readers(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_the_editors_preview_shows_the_plan_being_edited(client, editor, index):
    """The page editor's preview reads the milestones from the form, not from the database."""
    client.force_login(editor)
    post = post_milestones(client, index, [milestone("第一章", 4)])
    assert post.status_code == 302
    club = ClubPage.objects.get(slug="xiangtu")
    data = club_form(
        BookFactory(),
        ClubLeaderFactory(),
        reading_starts=club.reading_starts.isoformat(),
        reading_ends=club.reading_ends.isoformat(),
        milestones=inline_formset([milestone("预览中的第一章", 4)]),
    )
    preview = f"/admin/pages/{club.pk}/edit/preview/"
    assert client.post(preview, data).json()["is_valid"]
    response = client.get(preview)
    assert response.status_code == 200
    assert "预览中的第一章" in response.content.decode()


def test_the_teacher_cannot_shrink_the_period_past_the_plan(client, club):
    from tests.reading.test_club_leader_tools import details

    client.force_login(club.leader.user)
    url = f"/admin/my-clubs/{club.pk}/edit/"
    response = client.post(url, details(club, reading_ends=day(5).isoformat()))  # plan: day 8
    assert response.status_code == 200
    assert "The reading plan has milestones outside this reading period." in (
        response.content.decode()
    )
    club.refresh_from_db()
    assert club.reading_ends == day(10)
    assert client.post(url, details(club, reading_ends=day(9).isoformat())).status_code == 302


def test_a_new_club_is_previewed_before_it_is_ever_saved(client, editor, index):
    """The add view's preview renders a page with no id yet: no calendar link to build."""
    client.force_login(editor)
    data = club_form(
        BookFactory(),
        ClubLeaderFactory(),
        milestones=inline_formset([milestone("第一章", 4)]),
    )
    preview = f"/admin/pages/add/reading/clubpage/{index.pk}/preview/"
    assert client.post(preview, data).json()["is_valid"]
    response = client.get(preview)
    assert response.status_code == 200
    assert "club-preview-note" in response.content.decode()  # no sign-up to a club not saved
