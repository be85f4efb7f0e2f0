"""The teacher posts prompts for a part of the plan and replies to check-ins from "My reading
clubs"; both show in the stream under the teacher's name, marked as the teacher's."""

from datetime import timedelta

import pytest

from django.test import Client
from django.utils import timezone

from reading.models import CheckIn, ClubPost
from tests.factories import (
    ClubIndexPageFactory,
    ClubLeaderFactory,
    ClubPageFactory,
    ClubSignupFactory,
)

TODAY = timezone.localdate()


@pytest.fixture
def index(home):
    return ClubIndexPageFactory(parent=home)


@pytest.fixture
def club(index):
    return ClubPageFactory(
        parent=index,
        leader=ClubLeaderFactory(name="王静怡", name_en="Wang Jingyi"),
        plan=[
            ("第一至三封信", "Letters 1–3", "", TODAY - timedelta(days=1)),
            ("第四至六封信", "Letters 4–6", "", TODAY + timedelta(days=3)),
        ],
    )


@pytest.fixture
def reader(club):
    signup = ClubSignupFactory(club=club, name="赵六")
    checkin = CheckIn.objects.create(
        signup=signup,
        day=TODAY - timedelta(days=1),
        progress="p. 20",
        text="谈读书",
        milestone=club.plan[0],
    )
    return signup, checkin


def participant_page(signup):
    return Client().get(f"/en/clubs/my/{signup.make_token()}/").content.decode()


def test_the_teacher_posts_a_prompt_for_a_part(client, club, reader):
    signup, _checkin = reader
    client.force_login(club.leader.user)
    screen = client.get(f"/admin/my-clubs/{club.pk}/").content.decode()
    assert "Post a prompt" in screen and "Letters 1–3" in screen
    response = client.post(
        f"/admin/my-clubs/{club.pk}/prompts/",
        {"milestone": club.plan[0].pk, "text": "你最认同哪一封信？"},
    )
    assert response.status_code == 302
    post = ClubPost.objects.get()
    assert (post.kind, post.milestone, post.author) == ("prompt", club.plan[0], club.leader)
    html = participant_page(signup)
    assert "你最认同哪一封信？" in html and "Wang Jingyi" in html
    assert "A question for this part" in html


def test_the_teacher_replies_to_a_check_in(client, club, reader):
    signup, checkin = reader
    client.force_login(club.leader.user)
    response = client.post(
        f"/admin/my-clubs/{club.pk}/checkins/{checkin.pk}/reply/", {"text": "选得精，读得透。"}
    )
    assert response.status_code == 302
    reply = ClubPost.objects.get()
    assert (reply.kind, reply.checkin, reply.milestone) == ("reply", checkin, None)
    html = participant_page(signup)
    mine = html.split(f'id="checkin-{checkin.pk}"')[1].split("</li>")[0]
    assert "选得精，读得透。" in mine and "Wang Jingyi" in mine and "replied" in mine
    # The teacher sees it on the club page too, under the same check-in.
    assert "选得精，读得透。" in client.get(club.url).content.decode()


def test_an_empty_prompt_or_reply_is_refused_and_stores_nothing(client, club, reader):
    _signup, checkin = reader
    client.force_login(club.leader.user)
    client.post(f"/admin/my-clubs/{club.pk}/prompts/", {"milestone": club.plan[0].pk, "text": " "})
    response = client.post(
        f"/admin/my-clubs/{club.pk}/checkins/{checkin.pk}/reply/", {"text": ""}, follow=True
    )
    assert "Write your prompt or reply." in response.content.decode()
    no_part = client.post(
        f"/admin/my-clubs/{club.pk}/prompts/", {"text": "没有选部分"}, follow=True
    )
    assert "Choose the part of the plan the prompt is for." in no_part.content.decode()
    assert not ClubPost.objects.exists()


def test_another_teacher_can_neither_prompt_nor_reply(client, club, reader, index):
    _signup, checkin = reader
    client.force_login(ClubPageFactory(parent=index, leader=ClubLeaderFactory()).leader.user)
    for url, data in (
        (f"/admin/my-clubs/{club.pk}/prompts/", {"milestone": club.plan[0].pk, "text": "x"}),
        (f"/admin/my-clubs/{club.pk}/checkins/{checkin.pk}/reply/", {"text": "x"}),
    ):
        response = client.post(url, data)
        assert response.status_code == 404 or response["Location"].startswith(("/zh-hans/", "/en/"))
    assert not ClubPost.objects.exists()


def test_a_reply_to_another_clubs_check_in_is_not_found(client, club, index):
    other = ClubPageFactory(parent=index)
    theirs = CheckIn.objects.create(
        signup=ClubSignupFactory(club=other), day=TODAY, progress="p. 1", text="别的俱乐部"
    )
    client.force_login(club.leader.user)
    response = client.post(f"/admin/my-clubs/{club.pk}/checkins/{theirs.pk}/reply/", {"text": "x"})
    assert response.status_code == 404 or response["Location"].startswith(("/zh-hans/", "/en/"))
    assert not ClubPost.objects.exists()


def test_posting_is_post_only(client, club, reader):
    client.force_login(club.leader.user)
    assert client.get(f"/admin/my-clubs/{club.pk}/prompts/").status_code == 405


def test_a_librarians_prompt_is_posted_in_the_clubs_teachers_name(client, editor, club):
    client.force_login(editor)
    client.post(
        f"/admin/my-clubs/{club.pk}/prompts/",
        {"milestone": club.plan[1].pk, "text": "下周见面前想一想。"},
    )
    assert ClubPost.objects.get().author == club.leader
