"""The test suite: fast hashing, in-process tasks, throwaway media, no outside services."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import LOGGING, TASK_QUEUES

SECRET_KEY = "test-only-key"
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": TASK_QUEUES,
    }
}
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="library-test-media-"))
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="library-test-private-media-"))
ARCHIVE_EXPORT_DIR = Path(tempfile.mkdtemp(prefix="library-test-exports-"))
STORAGES = {
    "default": {"BACKEND": "website.core.storage.MediaFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "renditions": {"BACKEND": "website.core.storage.RenditionStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The page cache is off for tests that expect a change to show at once without a publication;
# tests/website/test_cache_pages.py and the browser journeys turn it on.
PAGE_CACHE_SECONDS = 0
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
LOGGING["root"]["level"] = "WARNING"
LOGGING["loggers"]["django"]["level"] = "WARNING"
# Journeys sign several readers up from one test client in the same second; the flood tests
# set the limits they test.
CLUB_SIGNUP_MIN_SECONDS_BETWEEN = 0
CLUB_SIGNUP_MIN_FILL_SECONDS = 0  # the tests post forms they never fetched
CLUB_ATTENDANCE_MIN_SECONDS_BETWEEN = 0
# The demo's site keeps Wagtail's own address in tests (full URLs are asserted against it).
WAGTAILADMIN_BASE_URL = "http://localhost"
