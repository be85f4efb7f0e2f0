"""Participants' personal data is seen by their teacher and librarians only."""

import pytest

from django.core import mail

from reading.models import CheckIn
from reading.models.clubs import CLUB_LEADERS_GROUP
from tests.factories import (
    ClubIndexPageFactory,
    ClubLeaderFactory,
    ClubPageFactory,
    ClubSignupFactory,
)


@pytest.fixture
def clubs(home):
    index = ClubIndexPageFactory(parent=home)
    mine = ClubPageFactory(parent=index, title="《乡土中国》共读", leader=ClubLeaderFactory())
    theirs = ClubPageFactory(parent=index, title="《寂静的春天》共读", leader=ClubLeaderFactory())
    alice = ClubSignupFactory(
        club=mine, name="张三", email="zhangsan@mail.example.edu", member_number="12219901"
    )
    ClubSignupFactory(club=mine, status="waitlisted", email="waiting@mail.example.edu")
    bob = ClubSignupFactory(
        club=theirs, name="赵六", email="zhaoliu@mail.example.edu", member_number="12219902"
    )
    CheckIn.objects.create(
        signup=alice, day=mine.reading_starts, progress="第一章", text="乡土本色"
    )
    return mine, theirs, alice, bob


def test_a_leader_is_put_in_the_club_leaders_group(clubs):
    mine, *_ = clubs
    user = mine.leader.user
    assert user.groups.filter(name=CLUB_LEADERS_GROUP).exists()
    assert user.has_perm("wagtailadmin.access_admin")


def test_a_teacher_sees_only_their_own_club(client, clubs):
    mine, theirs, alice, bob = clubs
    client.force_login(mine.leader.user)
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    assert "/admin/my-clubs/" in dashboard.content.decode()  # the menu item
    listing = client.get("/admin/my-clubs/").content.decode()
    assert "《乡土中国》共读" in listing
    assert "《寂静的春天》共读" not in listing

    detail = client.get(f"/admin/my-clubs/{mine.pk}/")
    assert detail.status_code == 200
    html = detail.content.decode()
    assert "zhangsan@mail.example.edu" in html and "12219901" in html
    assert "waiting@mail.example.edu" in html  # the waitlist
    assert "乡土本色" in html  # the check-ins
    assert "zhaoliu@mail.example.edu" not in html


def test_another_teacher_gets_404_on_someone_elses_club(client, clubs):
    mine, theirs, alice, bob = clubs
    client.force_login(theirs.leader.user)
    for url in (
        f"/admin/my-clubs/{mine.pk}/",
        f"/admin/my-clubs/{mine.pk}/attendance.csv",
        f"/admin/my-clubs/{mine.pk}/email/",
    ):
        # (The site's LocaleMiddleware redirects an admin 404 to /zh-hans/…, still a 404.)
        response = client.get(url, follow=True)
        assert response.status_code == 404, url
        assert "zhangsan" not in response.content.decode()
    response = client.post(f"/admin/my-clubs/{mine.pk}/email/", {"subject": "x", "body": "y"})
    assert response.status_code in (302, 404)
    # A 404, or LocaleMiddleware's redirect of that 404 under a language prefix: never the
    # admin's own redirect after sending.
    assert response.status_code == 404 or response["Location"].startswith(("/zh-hans/", "/en/"))
    assert not mail.outbox


def test_a_teacher_cannot_edit_pages(client, clubs):
    mine, *_ = clubs
    client.force_login(mine.leader.user)
    response = client.get(f"/admin/pages/{mine.pk}/edit/")
    assert response.status_code in (302, 403)
    assert client.get("/admin/snippets/reading/clubleader/").status_code in (302, 403)


def test_a_librarian_sees_every_club(client, clubs, editor):
    mine, theirs, *_ = clubs
    client.force_login(editor)
    listing = client.get("/admin/my-clubs/").content.decode()
    assert "《乡土中国》共读" in listing and "《寂静的春天》共读" in listing
    assert client.get(f"/admin/my-clubs/{theirs.pk}/").status_code == 200


def test_attendance_csv(client, clubs):
    mine, *_ = clubs
    client.force_login(mine.leader.user)
    response = client.get(f"/admin/my-clubs/{mine.pk}/attendance.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = text.strip().splitlines()
    assert len(rows) == 3  # header, confirmed, waitlisted
    assert "张三" in text and "zhangsan@mail.example.edu" in text and "第一章" in text
    assert "zhaoliu" not in text


def test_csv_neutralises_formulas(client, clubs):
    mine, *_ = clubs
    ClubSignupFactory(club=mine, name='=HYPERLINK("http://x")', email="f@mail.example.edu")
    client.force_login(mine.leader.user)
    text = client.get(f"/admin/my-clubs/{mine.pk}/attendance.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text


def test_csv_neutralises_a_formula_in_the_email_column(client, clubs):
    """`=cmd|' /C calc'!A0@mail.example.edu` passes as an address: every cell is guarded."""
    import csv
    import io

    mine, *_ = clubs
    ClubSignupFactory(club=mine, name="王五", email="=cmd|' /C calc'!A0@mail.example.edu")
    client.force_login(mine.leader.user)
    text = client.get(f"/admin/my-clubs/{mine.pk}/attendance.csv").content.decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert "'=cmd|' /C calc'!A0@mail.example.edu" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


def test_the_teacher_emails_participants(client, clubs):
    mine, *_ = clubs
    client.force_login(mine.leader.user)
    response = client.post(
        f"/admin/my-clubs/{mine.pk}/email/",
        {"recipients": "confirmed", "subject": "见面前请读完第三章", "body": "周五见。"},
    )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["zhangsan@mail.example.edu"]]
    assert "见面前请读完第三章" in mail.outbox[0].subject
    assert "周五见。" in mail.outbox[0].body
    bad = client.post(f"/admin/my-clubs/{mine.pk}/email/", {"recipients": "confirmed"})
    assert bad.status_code == 200 and len(mail.outbox) == 1


def test_public_pages_feeds_and_search_hold_no_personal_data(client, clubs):
    mine, theirs, alice, bob = clubs
    secrets = ["zhangsan@mail.example.edu", "12219901", "乡土本色", "zhaoliu", "12219902"]
    urls = [
        mine.url,
        mine.get_parent().url,
        f"/zh-hans/clubs/{mine.pk}/calendar.ics",
        "/zh-hans/clubs/calendar.ics",
    ]
    searches = ["张三", "zhangsan", "12219901", "乡土", "乡土本色", "mail.example.edu"]
    responses = [(url, client.get(url)) for url in urls] + [
        (q, client.get("/zh-hans/search/", {"q": q})) for q in searches
    ]
    for url, response in responses:
        assert response.status_code == 200, url
        body = response.content.decode()
        for secret in secrets:
            if secret != url:  # a search page repeats its own query
                assert secret not in body, (url, secret)
    assert "《乡土中国》共读" in client.get("/zh-hans/search/", {"q": "乡土"}).content.decode()


def test_signups_and_check_ins_are_never_indexed():
    from wagtail.search import index

    from reading.models import ClubSignup

    assert not issubclass(ClubSignup, index.Indexed)
    assert not issubclass(CheckIn, index.Indexed)


def test_librarians_edit_clubs_and_leaders_in_the_admin(client, clubs, editor):
    mine, *_ = clubs
    client.force_login(editor)
    assert client.get(f"/admin/pages/{mine.pk}/edit/").status_code == 200
    assert client.get("/admin/snippets/reading/clubleader/").status_code == 200
    leader_edit = client.get(f"/admin/snippets/reading/clubleader/edit/{mine.leader.pk}/")
    assert leader_edit.status_code == 200
    add = client.get(f"/admin/pages/add/reading/clubpage/{mine.get_parent().pk}/")
    assert add.status_code == 200


def test_the_club_page_header_links_to_its_sign_ups(client, clubs, editor):
    mine, *_ = clubs
    client.force_login(editor)
    html = client.get(f"/admin/pages/{mine.pk}/edit/").content.decode()
    assert f"/admin/my-clubs/{mine.pk}/" in html


def test_setup_roles_repairs_the_club_leaders_group(clubs):
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    mine, *_ = clubs
    Group.objects.filter(name=CLUB_LEADERS_GROUP).delete()
    call_command("setup_roles")
    group = Group.objects.get(name=CLUB_LEADERS_GROUP)
    assert mine.leader.user.groups.filter(pk=group.pk).exists()
    assert [p.codename for p in group.permissions.all()] == ["access_admin"]


def test_the_teacher_sees_check_ins_on_the_club_page(client, clubs):
    mine, theirs, *_ = clubs
    client.force_login(mine.leader.user)
    assert "乡土本色" in client.get(mine.url).content.decode()
    client.force_login(theirs.leader.user)
    assert "乡土本色" not in client.get(mine.url).content.decode()
