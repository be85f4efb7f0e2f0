"""Librarians build clubs and shelves through the page editor; its rules give clear errors."""

from datetime import timedelta

import pytest

from django.utils import timezone

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from reading.models import ClubPage, ShelfPage
from tests.factories import (
    BookFactory,
    ClubIndexPageFactory,
    ClubLeaderFactory,
    ClubSignupFactory,
    ShelfIndexPageFactory,
)


def _dt(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def club_form(book, leader, **overrides):
    now = timezone.now()
    data = {
        "title": "共读《乡土中国》",
        "slug": "xiangtu",
        "introduction": rich_text("<p>费孝通的经典。</p>"),
        "themes": "社会与历史",
        "club_books": inline_formset([{"book": book.pk}]),
        "milestones": inline_formset([]),
        "sessions": inline_formset([]),
        "leader": leader.pk,
        "audience": "everyone",
        "capacity": 25,
        "offer_hours": 0,
        "reading_starts": timezone.localdate(now + timedelta(days=2)).isoformat(),
        "reading_ends": timezone.localdate(now + timedelta(days=16)).isoformat(),
        "discussion_starts": _dt(now + timedelta(days=17)),
        "discussion_ends": _dt(now + timedelta(days=17, hours=2)),
        "discussion_place": "图书馆一楼 研讨室 2",
        "meeting_url": "",
        "signup_opens": _dt(now),
        "signup_closes": _dt(now + timedelta(days=10)),
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


@pytest.fixture
def club_index(home):
    return ClubIndexPageFactory(parent=home)


def test_a_librarian_publishes_a_club(client, editor, club_index):
    client.force_login(editor)
    book, leader = BookFactory(title="乡土中国"), ClubLeaderFactory()
    response = client.post(
        f"/admin/pages/add/reading/clubpage/{club_index.pk}/", club_form(book, leader)
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    club = ClubPage.objects.get(slug="xiangtu")
    assert club.live and club.capacity == 25 and club.books() == [book]
    assert club.schedule_changes.count() == 1  # the baseline the next move is compared with


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"discussion_place": ""}, "discussion_place"),
        (
            {"signup_closes": _dt(timezone.now() + timedelta(days=30))},
            "signup_closes",
        ),
        (
            {"reading_ends": timezone.localdate(timezone.now() - timedelta(days=30)).isoformat()},
            "reading_ends",
        ),
    ],
)
def test_club_rules_are_explained(client, editor, club_index, overrides, field):
    client.force_login(editor)
    response = client.post(
        f"/admin/pages/add/reading/clubpage/{club_index.pk}/",
        club_form(BookFactory(), ClubLeaderFactory(), **overrides),
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not ClubPage.objects.filter(slug="xiangtu").exists()


def test_a_librarian_builds_a_shelf(client, editor, home):
    index = ShelfIndexPageFactory(parent=home)
    first, second = BookFactory(title="甲"), BookFactory(title="乙")
    client.force_login(editor)
    response = client.post(
        f"/admin/pages/add/reading/shelfpage/{index.pk}/",
        nested_form_data(
            {
                "title": "科学史",
                "slug": "history-of-science",
                "theme": "科学史",
                "curator": "图书馆",
                "place": "一楼 思库专架 4",
                "introduction": rich_text("<p>科学如何成为科学。</p>"),
                "items": inline_formset(
                    [{"book": second.pk, "note": "先读这本"}, {"book": first.pk, "note": ""}]
                ),
                "exclusions": inline_formset([]),
                "action-publish": "publish",
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    shelf = ShelfPage.objects.get(slug="history-of-science")
    assert [(b.title, note) for b, note in shelf.entries()] == [("乙", "先读这本"), ("甲", "")]


def test_the_page_editor_refuses_fewer_seats_than_readers_holding_one(client, editor, club_index):
    """The same rule as the teacher's own form (reading.capacity), said on the field."""
    client.force_login(editor)
    book, leader = BookFactory(title="乡土中国"), ClubLeaderFactory()
    client.post(f"/admin/pages/add/reading/clubpage/{club_index.pk}/", club_form(book, leader))
    club = ClubPage.objects.get(slug="xiangtu")
    ClubSignupFactory.create_batch(3, club=club)
    revisions = club.revisions.count()
    url = f"/admin/pages/{club.pk}/edit/"
    response = client.post(url, club_form(book, leader, capacity=2))
    assert response.status_code == 200
    assert "3 readers already have a seat" in " ".join(response.context["form"].errors["capacity"])
    club.refresh_from_db()
    assert club.capacity == 25 and club.revisions.count() == revisions
    response = client.post(url, club_form(book, leader, capacity=3))
    assert response.status_code == 302, response.context["form"].errors
    club.refresh_from_db()
    assert club.capacity == 3
