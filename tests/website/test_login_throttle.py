"""Failed logins are throttled per account and per address; the refusal says how long in the
reader's language, and a librarian can lift it."""

import pytest
from axes.models import AccessAttempt

from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def log_in(username, password, address="203.0.113.7", language="en"):
    client = Client(REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE=language)
    response = client.post("/admin/login/", {"username": username, "password": password})
    return client, response


def logged_in(response):
    return response.status_code == 302 and "/login/" not in response["Location"]


@pytest.fixture
def librarian():
    return UserFactory(username="librarian.zhou", is_staff=True, is_superuser=True)


def test_the_right_password_after_five_wrong_ones_is_refused(librarian, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _client, response = log_in("librarian.zhou", "wrong")
        assert not logged_in(response)
    _client, response = log_in("librarian.zhou", PASSWORD)
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert "Too many failed logins" in response.content.decode()
    assert "15 minutes" in response.content.decode()


def test_the_refusal_speaks_chinese(librarian, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in("librarian.zhou", "wrong", language="zh-hans")
    _client, response = log_in("librarian.zhou", PASSWORD, language="zh-hans")
    assert response.status_code == 429
    assert "登录失败次数过多" in response.content.decode()


def test_one_address_guessing_many_accounts_is_paused(settings):
    UserFactory(username="teacher.sun", is_staff=True)
    for number in range(settings.AXES_FAILURE_LIMIT):
        log_in(f"guess{number}", "wrong", address="198.51.100.9")
    _client, response = log_in("teacher.sun", PASSWORD, address="198.51.100.9")
    assert response.status_code == 429
    _client, response = log_in("teacher.sun", PASSWORD, address="198.51.100.10")
    assert logged_in(response)


def test_a_success_clears_the_count(librarian, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in("librarian.zhou", "wrong")
    _client, response = log_in("librarian.zhou", PASSWORD)
    assert logged_in(response)
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in("librarian.zhou", "wrong")
    _client, response = log_in("librarian.zhou", PASSWORD)
    assert logged_in(response)


def test_a_librarian_lifts_the_pause_in_the_admin(librarian, settings):
    UserFactory(username="teacher.sun", is_staff=True)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in("teacher.sun", "wrong", address="198.51.100.20")
    assert log_in("teacher.sun", PASSWORD, address="198.51.100.20")[1].status_code == 429

    admin = Client(HTTP_ACCEPT_LANGUAGE="en")
    admin.force_login(librarian)
    listing = admin.get("/admin/failed_logins/")
    assert listing.status_code == 200
    assert "teacher.sun" in listing.content.decode()
    assert "/admin/failed_logins/new/" not in listing.content.decode()
    for attempt in AccessAttempt.objects.filter(username="teacher.sun"):
        response = admin.post(f"/admin/failed_logins/delete/{attempt.pk}/")
        assert response.status_code == 302
    assert logged_in(log_in("teacher.sun", PASSWORD, address="198.51.100.20")[1])


def test_failed_logins_are_not_shown_to_other_staff(db):
    teacher = UserFactory(username="teacher.qian", is_staff=True)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(teacher)
    response = client.get("/admin/failed_logins/")
    assert response.status_code in {302, 403}


def test_addresses_are_counted_as_the_forms_count_them(rf):
    from website.core.logins import login_address

    assert login_address(rf.get("/", REMOTE_ADDR="203.0.113.7")) == "203.0.113.7"
    assert login_address(rf.get("/", REMOTE_ADDR="2001:db8:1:2:3:4:5:6")) == "2001:db8:1:2::"
    assert login_address(rf.get("/", REMOTE_ADDR="not an address")) is None
