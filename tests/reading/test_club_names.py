"""Participants choose how the others see their name; the waitlist sees no one's check-ins;
the club's own teacher sees real names."""

import pytest

from django.test import Client

from reading.models import CheckIn, ClubSignup
from tests.factories import (
    ClubIndexPageFactory,
    ClubLeaderFactory,
    ClubPageFactory,
    ClubSignupFactory,
)


@pytest.fixture
def club(home):
    return ClubPageFactory(parent=ClubIndexPageFactory(parent=home), leader=ClubLeaderFactory())


def participant(club, name, name_display, text, **extra):
    signup = ClubSignupFactory(club=club, name=name, name_display=name_display, **extra)
    if text:
        CheckIn.objects.create(signup=signup, day=club.reading_starts, progress="第一章", text=text)
    return signup


@pytest.fixture
def readers(club):
    return {
        "full": participant(club, "张三", "full", "乡土本色一章"),
        "initials": participant(club, "李小明", "initials", "差序格局一章"),
        "anonymous": participant(club, "王五", "anonymous", "礼治秩序一章"),
        "me": participant(club, "赵六", "full", ""),
        "waiting": participant(club, "孙七", "full", "", status="waitlisted"),
    }


def page_of(signup, client=None):
    response = (client or Client()).get(f"/en/clubs/my/{signup.make_token()}/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    "name, choice, shown",
    [
        ("张三", "full", "张三"),
        ("李小明", "initials", "L. X. M."),
        ("Wang Fang", "initials", "W. F."),
        ("王五", "anonymous", "Anonymous reader"),
    ],
)
def test_public_name(name, choice, shown):
    assert ClubSignup(name=name, name_display=choice).public_name() == shown


def test_the_participants_page_names_others_as_they_chose(readers):
    html = page_of(readers["me"])
    assert "乡土本色一章" in html and "张三" in html
    assert "差序格局一章" in html and "L. X. M." in html and "李小明" not in html
    assert "礼治秩序一章" in html and "Anonymous reader" in html and "王五" not in html
    assert "孙七" not in html  # the waitlist is nobody's business


def test_a_waitlisted_reader_sees_no_ones_check_ins(readers):
    html = page_of(readers["waiting"])
    for text in ("乡土本色一章", "差序格局一章", "礼治秩序一章"):
        assert text not in html
    for name in ("张三", "L. X. M.", "赵六"):
        assert name not in html
    assert "Reading check-ins" not in html


def test_the_public_club_page_names_no_one(client, club, readers):
    html = client.get(club.url).content.decode()
    for text in ("张三", "李小明", "乡土本色一章", "L. X. M."):
        assert text not in html


def test_the_teacher_sees_real_names_on_their_club_page(client, club, readers):
    client.force_login(club.leader.user)
    html = client.get(club.url).content.decode()
    assert "李小明" in html and "王五" in html and "差序格局一章" in html


def test_a_participant_changes_how_they_are_named(readers):
    me = readers["initials"]
    client = Client()
    url = f"/en/clubs/my/{me.make_token()}/"
    assert 'name="name_display" value="initials"' in client.get(url).content.decode()
    assert "Change how others see your name" in client.get(url).content.decode()
    response = client.post(url, {"name_display": "anonymous"}, follow=True)
    assert response.status_code == 200
    assert "How others see your name has been changed." in response.content.decode()
    me.refresh_from_db()
    assert me.name_display == "anonymous"
    assert "李小明" not in page_of(readers["me"]).split("Reading check-ins")[1]
    # A bad choice changes nothing and says why.
    refused = client.post(url, {"name_display": "everyone"})
    assert refused.status_code == 400
    assert "Select a valid choice." in refused.content.decode()
    me.refresh_from_db()
    assert me.name_display == "anonymous"
    assert not CheckIn.objects.filter(signup=me, day__gt=me.club.reading_starts).exists()


def test_the_choice_is_made_at_sign_up(client, club, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/en/clubs/{club.pk}/signup/",
            {
                "name": "周八",
                "email": "zhouba@mail.example.edu",
                "role": "student",
                "member_number": "12210111",
                "school": "理学院",
                "name_display": "anonymous",
            },
        )
    assert ClubSignup.objects.get(email="zhouba@mail.example.edu").name_display == "anonymous"


def test_the_participants_page_reads_a_fixed_number_of_queries(
    club, readers, django_assert_max_num_queries
):
    for n in range(10):
        participant(club, f"读者{n}", "initials", f"第{n}次打卡")
    with django_assert_max_num_queries(40):
        page_of(readers["me"])
