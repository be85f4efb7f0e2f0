"""The web server sends a private file (X-Accel-Redirect) once the app has said who may have it.

A backend for Wagtail's sendfile (`SENDFILE_BACKEND`, set when PRIVATE_MEDIA_ACCEL_PREFIX is):
Wagtail's document view uses it, and so does the archive's image view. The path under
PRIVATE_MEDIA_ROOT becomes a URI under the web server's `internal` location, which no reader
can ask for directly (deploy/nginx.conf).
"""

import os

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils.encoding import filepath_to_uri


def sendfile(request, filename, **kwargs):
    root = os.path.realpath(settings.PRIVATE_MEDIA_ROOT)
    path = os.path.realpath(filename)
    if os.path.commonpath([root, path]) != root:
        raise Http404("not a private media file")
    relative = os.path.relpath(path, root).replace(os.sep, "/")
    response = HttpResponse()
    response["X-Accel-Redirect"] = settings.PRIVATE_MEDIA_ACCEL_PREFIX + filepath_to_uri(relative)
    return response
