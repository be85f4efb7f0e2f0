"""`check_links` against a small HTTP server on 127.0.0.1: 200, 404, a redirect, a timeout."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest

from django.core.management import CommandError, call_command

from guides import linkcheck
from guides.models import LinkCheck
from tests.factories import DatabaseFactory, GuidePageFactory, WebToolFactory
from tests.factories.guides import databases, links, section, text, webtools

pytestmark = pytest.mark.django_db


class Handler(BaseHTTPRequestHandler):
    active = 0
    peak = 0
    lock = threading.Lock()

    def _answer(self, body=True):
        cls = type(self)
        with cls.lock:
            cls.active += 1
            cls.peak = max(cls.peak, cls.active)
        try:
            time.sleep(0.05)
            with cls.lock:
                # Counted while the request is being worked on, before the answer goes out:
                # the client frees its slot for the host only once it has the answer.
                cls.active -= 1
            if self.path.startswith("/ok"):
                self.send_response(200)
            elif self.path.startswith("/moved"):
                self.send_response(302)
                self.send_header("Location", "/ok-after-redirect")
            elif self.path.startswith("/no-head") and self.command == "HEAD":
                self.send_response(405)
            elif self.path.startswith("/no-head"):
                self.send_response(200)
            elif self.path.startswith("/slow"):
                time.sleep(1.5)
                self.send_response(200)
            elif self.path.startswith("/restricted"):
                self.send_response(403)
            else:
                self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_HEAD(self):  # noqa: N802
        self._answer()

    def do_GET(self):  # noqa: N802
        self._answer()

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    Handler.active = Handler.peak = 0
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def linked(guide_index, server):
    good = DatabaseFactory(name_en="Good", url=f"{server}/ok")
    gone = DatabaseFactory(name_en="Gone", url=f"{server}/gone")
    moved = WebToolFactory(name_en="Moved", url=f"{server}/moved")
    slow = WebToolFactory(name_en="Slow", url=f"{server}/slow")
    guide = GuidePageFactory(
        parent=guide_index,
        slug="checked",
        title="被检查的指南",
        sections=[
            section(
                "资源",
                databases([good, gone]),
                webtools([moved, slow]),
                links([("Old course page", f"{server}/old-course")]),
                text(f'<p>See <a href="{server}/no-head">this</a>.</p>'),
            )
        ],
    )
    return {"guide": guide, "gone": gone}


def test_check_links_records_each_result(linked, server, settings):
    settings.GUIDES_LINKCHECK_TIMEOUT = 0.5
    out = StringIO()
    call_command("check_links", stdout=out)
    assert "checked 6 links, 3 broken" in out.getvalue()
    results = {check.url.removeprefix(server): check for check in LinkCheck.objects.all()}
    assert results["/ok"].ok and results["/ok"].status == 200
    assert not results["/gone"].ok and results["/gone"].status == 404
    assert results["/moved"].ok
    assert results["/moved"].final_url == f"{server}/ok-after-redirect"
    assert not results["/slow"].ok and results["/slow"].error == "timeout"
    assert not results["/old-course"].ok and results["/old-course"].status == 404
    assert results["/no-head"].ok  # HEAD refused, GET answered
    assert list(results["/gone"].pages.all()) == [linked["guide"]]
    assert "database:" in results["/gone"].sources and "Gone" in results["/gone"].sources
    assert all(check.checked_at for check in results.values())


def test_a_restricted_database_counts_as_working(server):
    result = linkcheck.check_url(f"{server}/restricted", timeout=2)
    assert result.ok and result.status == 403


def test_no_more_than_per_host_requests_at_once(server):
    urls = [f"{server}/ok/{n}" for n in range(12)]
    results = linkcheck.check_urls(urls, timeout=2, concurrency=8, per_host=2)
    assert all(result.ok for result in results.values())
    assert Handler.peak <= 2


def test_links_that_disappear_leave_the_report(linked, settings):
    settings.GUIDES_LINKCHECK_TIMEOUT = 0.5
    linkcheck.run()
    linked["gone"].delete()
    linkcheck.run()
    assert not LinkCheck.objects.filter(url__endswith="/gone").exists()


def test_broken_links_report_names_the_guides(linked, editor, client, settings):
    settings.GUIDES_LINKCHECK_TIMEOUT = 0.5
    linkcheck.run()
    client.force_login(editor)
    response = client.get("/admin/guides/reports/broken-links/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "/gone" in html and "被检查的指南" in html
    assert f"/admin/pages/{linked['guide'].pk}/edit/" in html
    assert "/ok<" not in html


def test_the_task_runs_the_check(linked, settings):
    from guides.tasks import check_links

    settings.GUIDES_LINKCHECK_TIMEOUT = 0.5
    result = check_links.enqueue()
    assert result.return_value == {"checked": 6, "broken": 3}
    assert LinkCheck.objects.count() == 6


def test_bad_options_are_refused(db):
    with pytest.raises(CommandError):
        call_command("check_links", "--timeout", "0")
    with pytest.raises(CommandError):
        call_command("check_links", "--per-host", "-1")


def test_non_http_addresses_are_not_fetched():
    assert linkcheck.check_url("ftp://example.com/x", timeout=1).error
    assert linkcheck.check_url("file:///etc/passwd", timeout=1).ok is False
