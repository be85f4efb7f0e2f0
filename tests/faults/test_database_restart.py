"""PostgreSQL restarts while requests are in flight: they fail cleanly (a 503 page, quickly,
never a hang), and the same running site serves again once the database is back."""

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from django.db import connection

from .postgres import ThrowawayPostgres, available

ROOT = Path(__file__).resolve().parents[2]
CLIENT_TIMEOUT = 15

pytestmark = pytest.mark.skipif(not available(), reason="PostgreSQL 15 binaries missing")


def _get(url):
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=CLIENT_TIMEOUT) as reply:
            return reply.status, reply.read().decode(), time.monotonic() - started
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), time.monotonic() - started


def _copy_schema(pg, env):
    """The suite's own migrated PostgreSQL database copied in (seconds), else migrate (slower)."""
    if connection.vendor == "postgresql":
        params = connection.get_connection_params()
        dump = pg.dir / "schema.sql"
        with open(dump, "w") as out:
            subprocess.run(
                [
                    "pg_dump",
                    "--no-owner",
                    "--no-privileges",
                    "-h",
                    params["host"],
                    "-U",
                    params["user"],
                    "-d",
                    params["dbname"],
                ],
                stdout=out,
                check=True,
                timeout=120,
            )
        os.chmod(dump, 0o644)
        pg.load(dump)
    else:
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "-v", "0"],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=300,
        )


@pytest.fixture
def site_on_throwaway_postgres(db, django_db_blocker, tmp_path):
    pg = ThrowawayPostgres().init()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = dict(
        os.environ,
        DATABASE_URL=pg.url,
        DATABASE_CONN_MAX_AGE="60",  # persistent connections, as in production
        DJANGO_SETTINGS_MODULE="website.settings.test",
        PAGE_CACHE_SECONDS="0",  # every request must reach the database
    )
    server = None
    log = open(tmp_path / "gunicorn.log", "w")  # noqa: SIM115 - closed in the finally below
    try:
        with django_db_blocker.unblock():
            _copy_schema(pg, env)
        built = subprocess.run(
            [
                sys.executable,
                "manage.py",
                "shell",
                "-c",
                "from website.home import demo; demo.build()",
            ],
            cwd=ROOT,
            env=env,
            timeout=120,
            capture_output=True,
            text=True,
        )
        assert built.returncode == 0, built.stderr[-3000:]
        server = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "website.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--worker-class",
                "gthread",
                "--threads",
                "4",
                "--timeout",
                "30",
                "--graceful-timeout",
                "2",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                if _get(base + "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("the site did not start: " + (tmp_path / "gunicorn.log").read_text())
        yield base, pg
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        pg.destroy()
        log.close()


def test_requests_fail_cleanly_during_a_restart_and_succeed_after(site_on_throwaway_postgres):
    base, pg = site_on_throwaway_postgres
    assert _get(base + "/zh-hans/")[0] == 200

    answers = []
    stop = threading.Event()

    def hammer():
        while not stop.is_set():
            for path in ("/zh-hans/", "/healthz", "/en/"):
                try:
                    answers.append((path, *_get(base + path)))
                except OSError as exc:  # a reset connection or a client timeout
                    answers.append((path, None, repr(exc), CLIENT_TIMEOUT))

    threads = [threading.Thread(target=hammer) for _ in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(0.5)
    pg.stop("fast")  # terminates the connections of requests in flight
    time.sleep(2)
    during = len(answers)
    pg.start()
    time.sleep(0.5)
    stop.set()
    for thread in threads:
        thread.join(timeout=30)

    statuses = {status for _path, status, _body, _elapsed in answers}
    assert statuses <= {200, 503}, statuses
    assert 503 in statuses, "the outage was never seen: the test proves nothing"
    assert max(elapsed for *_rest, elapsed in answers) < 10, "a request hung"
    # Readers get the page that says so in both languages; monitoring gets JSON.
    for path, status, body, _elapsed in answers:
        if status == 503 and path == "/healthz":
            assert '"database": "unavailable"' in body
        elif status == 503:
            assert "Temporarily unavailable" in body and "暂时无法访问" in body
    assert during > 10

    # The same site, not restarted, answers every request again.
    after = [_get(base + path) for path in ("/zh-hans/", "/healthz", "/en/") * 5]
    assert [status for status, *_ in after] == [200] * 15
    assert "思库" in after[0][1]
