"""Without Redis the public forms' limits count in the database, so that every worker and
every app server sees the same posts (a cache per process let 17 of 20 posts through a limit
of 5 with four gunicorn workers)."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from django.db import connection
from django.test import RequestFactory

from website.core import ratelimit
from website.core.models import PostCounter
from website.core.ratelimit import TOO_MANY, TOO_SOON, PostLimit

ROOT = Path(__file__).resolve().parents[2]
LIMIT = PostLimit("db-limit", "DB_LIMIT", 0, 5, 600)


def post(address="203.0.113.70"):
    return RequestFactory().post("/", REMOTE_ADDR=address)


@pytest.fixture(autouse=True)
def _counted_in_the_database(settings):
    settings.POST_LIMIT_STORE = "database"


@pytest.mark.django_db
def test_five_posts_pass_and_the_sixth_is_refused():
    for _ in range(5):
        assert LIMIT.reserve(post()) is None
    assert LIMIT.reserve(post()) == TOO_MANY
    assert LIMIT.reserve(post("198.51.100.70")) is None


@pytest.mark.django_db
def test_no_address_is_stored_as_it_is():
    LIMIT.reserve(post())
    assert PostCounter.objects.exists()
    assert not any("203.0.113.70" in row.key for row in PostCounter.objects.all())


@pytest.mark.django_db
def test_a_corrected_form_gives_its_place_back(settings):
    settings.DB_LIMIT_MIN_SECONDS_BETWEEN = 1
    assert LIMIT.reserve(post()) is None
    assert LIMIT.reserve(post()) == TOO_SOON
    LIMIT.release(post())
    for _ in range(4):
        assert LIMIT.reserve(post()) is None
        LIMIT.release(post())
    assert LIMIT.reserve(post()) is None


@pytest.mark.django_db
def test_a_window_that_has_ended_starts_afresh(monkeypatch):
    now = [1_000_000.0]
    monkeypatch.setattr(ratelimit.time, "time", lambda: now[0])
    for _ in range(5):
        assert LIMIT.reserve(post()) is None
    assert LIMIT.reserve(post()) == TOO_MANY
    assert LIMIT.retry_after(post(), TOO_MANY) == 600
    now[0] += 250
    assert LIMIT.retry_after(post(), TOO_MANY) == 350
    now[0] += 351
    assert LIMIT.reserve(post()) is None


@pytest.mark.django_db
def test_a_double_click_is_told_when_to_try_again(settings):
    settings.DB_LIMIT_MIN_SECONDS_BETWEEN = 3
    assert LIMIT.reserve(post()) is None
    assert LIMIT.reserve(post()) == TOO_SOON
    assert LIMIT.retry_after(post(), TOO_SOON) == 3


SENDER = textwrap.dedent(
    """
    import sys, django
    django.setup()
    from django.test import RequestFactory
    from website.core.ratelimit import PostLimit
    limit = PostLimit("db-limit", "DB_LIMIT", 0, 5, 600)
    passed = sum(
        limit.reserve(RequestFactory().post("/", REMOTE_ADDR="203.0.113.71")) is None
        for _ in range(5)
    )
    print(passed)
    """
)


@pytest.mark.django_db(transaction=True)
def test_four_processes_share_one_count():
    """Four processes, as four gunicorn workers, each send five posts from one address."""
    if connection.vendor != "postgresql":
        pytest.skip("separate processes share a PostgreSQL database, not an in-memory SQLite")
    # The server the suite runs on, with the test database's name in place of the main one.
    url = urlsplit(os.environ["DATABASE_URL"])._replace(path="/" + connection.settings_dict["NAME"])
    environment = {
        "DATABASE_URL": urlunsplit(url),
        "DJANGO_SETTINGS_MODULE": "website.settings.test",
        "POST_LIMIT_STORE": "database",
        "PATH": "/usr/bin:/bin",
    }
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", SENDER],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    passed = []
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
        passed.append(int(out.split()[-1]))
    assert sum(passed) == 5
