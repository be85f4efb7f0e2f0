"""The 413 for a huge body passes the WSGI server's checks (runserver's, as `make run` uses)."""

import io
import socketserver
from types import SimpleNamespace
from wsgiref.util import is_hop_by_hop
from wsgiref.validate import validator

from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import ServerHandler


def environ(length, path="/zh-hans/recommend/"):
    return {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "CONTENT_TYPE": "multipart/form-data; boundary=x",
        "CONTENT_LENGTH": str(length),
        "HTTP_HOST": "testserver",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b"x" * 1024),
        "wsgi.errors": io.StringIO(),
        "wsgi.multithread": True,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }


def test_the_413_sets_no_hop_by_hop_header(db, settings):
    settings.REQUEST_MAX_BODY_BYTES = 1024 * 1024
    captured = {}

    def start_response(status, headers, exc_info=None):
        captured["status"], captured["headers"] = status, headers
        return lambda data: None

    result = validator(WSGIHandler())(environ(50 * 1024 * 1024), start_response)
    body = b"".join(result)
    result.close()
    assert captured["status"].startswith("413")
    assert not [name for name, _value in captured["headers"] if is_hop_by_hop(name)]
    assert "50.0 MB" in body.decode()


def test_runserver_answers_413_not_500(db, settings):
    """Django's development server (wsgiref) asserts on a hop-by-hop header from the
    application: with one, the 50 MB post answered 500."""
    settings.REQUEST_MAX_BODY_BYTES = 1024 * 1024
    request = environ(50 * 1024 * 1024)
    stdout, stderr = io.BytesIO(), io.StringIO()
    handler = ServerHandler(request["wsgi.input"], stdout, stderr, request)
    handler.request_handler = SimpleNamespace(
        server=socketserver.ThreadingMixIn(),
        close_connection=False,
        log_request=lambda *args, **kwargs: None,
    )
    handler.run(WSGIHandler())
    head = stdout.getvalue().split(b"\r\n\r\n", 1)[0].decode()
    assert head.startswith("HTTP/1.1 413"), head + stderr.getvalue()
    assert "Hop-by-hop" not in stderr.getvalue()
