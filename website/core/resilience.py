"""Answers for requests the site cannot serve right now, instead of a hang or a stack trace.

* The database is restarting or unreachable: the view's OperationalError becomes a 503 page
  with Retry-After, and persistent connections are dropped so the next request reconnects
  (settings.DATABASES uses CONN_HEALTH_CHECKS as well), without restarting the site.
* The media disk is full (or over quota) when a scan or a photo arrives: a 507 page says so
  instead of a server error. Whatever the request wrote in a transaction is rolled back with
  it, and the archive removes an original it wrote without its record (reading.uploads).
* A request body larger than REQUEST_MAX_BODY_BYTES is refused with 413 before it is read,
  so a 50 MB post never reaches a form or a temporary file. The admin (bulk scan uploads) has
  its own, larger limit.
"""

import errno
import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def database_unavailable(exception):
    return isinstance(exception, OperationalError | InterfaceError)


def storage_full(exception):
    return isinstance(exception, OSError) and exception.errno in (errno.ENOSPC, errno.EDQUOT)


def stops_everything(exception):
    """A failure no later step of the same request can get past (the database is gone, the
    disk is full): a batch stops and lets these middlewares answer 503 or 507, rather than
    refusing each remaining file for the same reason."""
    return database_unavailable(exception) or storage_full(exception)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not database_unavailable(exception):
            return None
        logger.warning("database unavailable for %s: %s", request.path, exception)
        for connection in connections.all(initialized_only=True):
            connection.close_if_unusable_or_obsolete()
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "5"
        response["Cache-Control"] = "no-store"
        return response


class StorageFullMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not storage_full(exception):
            return None
        logger.error("media storage full while serving %s: %s", request.path, exception)
        response = HttpResponse(render_to_string("507.html"), status=507)
        response["Cache-Control"] = "no-store"
        return response


def body_limit(path):
    admin_prefixes = tuple(getattr(settings, "ADMIN_CSP_PATHS", ("/admin/",)))
    if path.startswith(admin_prefixes):
        return getattr(settings, "ADMIN_REQUEST_MAX_BODY_BYTES", 200 * 1024 * 1024)
    return getattr(settings, "REQUEST_MAX_BODY_BYTES", 25 * 1024 * 1024)


def too_large(length, limit):
    """The site's 413 answer, in the reader's language: from this middleware, and from the web
    server, which refuses a body over the same limit before passing it on (deploy/nginx.conf).
    `length` is None when the body's size was not announced (a chunked upload)."""
    if length is None:
        message = _("The request is larger than the %(limit)s MB the site accepts.") % {
            "limit": round(limit / 1024 / 1024, 1)
        }
    else:
        message = _("The request is too large (%(size)s MB; the limit is %(limit)s MB).") % {
            "size": round(length / 1024 / 1024, 1),
            "limit": round(limit / 1024 / 1024, 1),
        }
    # No "Connection: close": a hop-by-hop header is the server's to set (PEP 3333),
    # and runserver's wsgiref refuses an application that sets one (a 500). Servers
    # read away or drop the unread body themselves.
    response = HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


class RequestBodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = body_limit(request.path)
        if length > limit:
            logger.warning("refused a %s byte body for %s", length, request.path)
            return too_large(length, limit)
        return self.get_response(request)
