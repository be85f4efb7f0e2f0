"""Settings shared by every environment, read from the environment.

Everything an operator may change is an environment variable documented in README.md and
.env.example; a bad value raises ImproperlyConfigured at start-up rather than at first use.
"""

import os
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "website"


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from exc


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# An expired form gets the site's own page in the reader's language, not Django's English one.
CSRF_FAILURE_VIEW = "website.core.views.csrf_failure"
# The language cookie is sent only to this site's own pages (production also makes it Secure).
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True

INSTALLED_APPS = [
    "website.home",
    "website.search",
    "website.core",
    "website.oai",
    "reading",
    "guides",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.routable_page",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
]

MIDDLEWARE = [
    "website.core.cache.UpdatePageCacheMiddleware",  # first: stores finished public pages
    "django.middleware.security.SecurityMiddleware",
    "website.core.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "website.core.locale.LocaleMiddleware",  # keeps a view's own 404 (the admin's)
    "website.core.resilience.RequestBodyLimitMiddleware",  # 413 before a huge body is read
    "website.core.ratelimit.RetryAfterMiddleware",  # a form limit's 429 says when to come back
    "website.core.resilience.DatabaseUnavailableMiddleware",  # 503 while the database restarts
    "website.core.resilience.StorageFullMiddleware",  # 507 when the media disk is full
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # a locked-out login gets the lockout page
    "website.core.cache.FetchPageCacheMiddleware",  # last: answers public pages from the cache
]

AUTHENTICATION_BACKENDS = [
    "website.core.logins.LoginThrottleBackend",  # first: refuses locked-out logins
    "django.contrib.auth.backends.ModelBackend",
]
# Failed logins (website/core/logins.py): per account and per address.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "website.core.logins.login_address"
AXES_LOCKOUT_CALLABLE = "website.core.logins.lockout_response"
AXES_VERBOSE = False

ROOT_URLCONF = "website.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "website.wsgi.application"

# The embedded SQLite file is the quick start; production sets DATABASE_URL to PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several writers (the site and a task worker) share the file: wait instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Simplified Chinese first (the library's readers), English second.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Our catalogue first; then Chinese for what Wagtail's own zh_Hans catalogue lacks (never
# overriding a translation Wagtail has: tests/website/test_wagtail_chinese.py).
LOCALE_PATHS = [PROJECT_DIR / "locale", PROJECT_DIR / "locale_wagtail"]
TIME_ZONE = env("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "static_collected")))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
# Linked from every public page (base.html), in this order: a book card, holdings or a form looks
# the same on every page whichever app's template shows it.
SITE_STYLESHEETS = ["css/site.css", "reading/books.css"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
# Files that are not for everyone (website/core/storage.py): kept outside MEDIA_ROOT, which the
# web server serves to anyone, and served by views that check who asks.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media")))
if PRIVATE_MEDIA_ROOT.resolve().is_relative_to(MEDIA_ROOT.resolve()):
    raise ImproperlyConfigured("PRIVATE_MEDIA_ROOT must not be inside MEDIA_ROOT")
PRIVATE_MEDIA_URL = "/private-media/"
PRIVATE_MEDIA_PATTERNS = [
    r"archive/",  # the archive's originals
    r"submissions/",  # readers' copies of their notes
    r"documents/",  # Wagtail documents, served by Wagtail's view (collection privacy)
    r"imports/",  # catalogue and loan files waiting for a librarian's confirmation
    # the archive's display images and their renditions (reading.uploads names them)
    r"(original_images|images)/note-[0-9a-f]{16}[._]",
]
# X-Accel-Redirect: the internal location of the web server that serves PRIVATE_MEDIA_ROOT
# (README, deploy/nginx.conf); empty: the app streams the file itself.
PRIVATE_MEDIA_ACCEL_PREFIX = env("PRIVATE_MEDIA_ACCEL_PREFIX", "")
if PRIVATE_MEDIA_ACCEL_PREFIX:
    SENDFILE_BACKEND = "website.core.sendfile"
# Documents always through Wagtail's view, which asks for the collection's privacy
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# The admin's BagIt exports of the note archive: never under MEDIA_ROOT (they hold private notes)
ARCHIVE_EXPORT_DIR = Path(env("ARCHIVE_EXPORT_DIR", str(BASE_DIR / "archive-exports")))

STORAGES = {
    # Written whole or not at all: a full disk leaves no truncated file (website/core/storage.py)
    "default": {"BACKEND": "website.core.storage.MediaFileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    # Wagtail's renditions lose the source's comment, EXIF and XMP (website/core/image_metadata.py)
    "renditions": {"BACKEND": "website.core.storage.RenditionStorage"},
}
WAGTAILIMAGES_RENDITION_STORAGE = "renditions"
# Media on S3-compatible object storage (several app servers share it) through django-storages.
if env("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env("AWS_S3_REGION_NAME") or None,
            "default_acl": None,
            "file_overwrite": False,
        },
    }
    STORAGES["default"]["BACKEND"] = "website.core.s3_storage.S3MediaStorage"
    STORAGES["renditions"] = {
        **STORAGES["default"],
        "BACKEND": "website.core.s3_storage.S3RenditionStorage",
    }
PRIVATE_MEDIA_S3_PREFIX = env("PRIVATE_MEDIA_S3_PREFIX", "private/")

# A shared cache (Redis) when several app servers run; local memory otherwise.
if env("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env("REDIS_URL"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "website",
        }
    }

# Where the public forms' limits count (website/core/ratelimit.py): Redis when there is one,
# else the database, so that every worker and app server counts the same posts.
POST_LIMIT_STORE = env("POST_LIMIT_STORE", "cache" if env("REDIS_URL") else "database")
if POST_LIMIT_STORE not in {"cache", "database"}:
    raise ImproperlyConfigured("POST_LIMIT_STORE must be 'cache' or 'database'")

# Background work (OCR, imports, link checks) runs through Django's task framework.
# "database" queues background work (OCR, emails) for `manage.py db_worker`, so that no request
# waits for it; "immediate" runs it at once in the process (the tests set it themselves).
# Two queues: "mail" for every email (website/core/mail.py `mail_task`), so that a worker busy
# with a ten-page OCR never holds a reader's confirmation link; "default" for the rest.
TASK_QUEUES = ["default", "mail"]
TASKS_BACKEND = env("TASKS_BACKEND", "database")
if TASKS_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": TASK_QUEUES}}
elif TASKS_BACKEND == "immediate":
    TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": TASK_QUEUES,
        }
    }
else:
    raise ImproperlyConfigured("TASKS_BACKEND must be 'immediate' or 'database'")

# Librarians who may moderate get an email when a recommendation arrives.
SUBMISSION_NOTIFY_LIBRARIANS = env_bool("SUBMISSION_NOTIFY_LIBRARIANS", True)

# Email: the console in the quick start, SMTP when EMAIL_HOST is set; either behind the backend
# that keeps what the server refuses and tries it again after these pauses (website/core/mail.py).
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "library@example.edu")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BACKEND = "website.core.mail.RetryingEmailBackend"
EMAIL_RETRY_DELAYS = (60, 300, 1800, 7200)  # seconds: 1 min, 5 min, 30 min, 2 h, then a librarian
if env("EMAIL_HOST"):
    EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env("EMAIL_HOST")
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
else:
    EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Search: Wagtail's database backend (SQLite FTS or PostgreSQL full text) by default;
# OpenSearch/Elasticsearch when SEARCH_URL is set.
if env("SEARCH_URL"):
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": env("SEARCH_BACKEND", "wagtail.search.backends.elasticsearch8"),
            "URLS": [env("SEARCH_URL")],
            "INDEX": env("SEARCH_INDEX", "library"),
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

WAGTAIL_SITE_NAME = _("SiKu · Library Reading and Learning Guides")

# The home page's featured sections, in the order an empty "featured" field shows them: the
# apps' own (each a FeaturedSectionBlock) and the foundation's guide search box.
HOME_FEATURED_SECTIONS = [
    ("recommendations", "reading.home_sections.LatestRecommendationsBlock"),
    ("club", "reading.home_sections.UpcomingClubBlock"),
    ("shelf", "reading.home_sections.FeaturedShelfBlock"),
    ("guide_search", "website.home.blocks.GuideSearchBlock"),
]
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Raw HTML posted instead of Draftail's JSON is cleaned, not a 500 (website/core/richtext.py).
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {"WIDGET": "website.core.richtext.ForgivingDraftailRichTextArea"}
}
# No Gravatar: it would send each librarian's email hash abroad, and the CSP refuses it anyway.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("IMAGE_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env_int("IMAGE_MAX_PIXELS", 64_000_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 5 * 1024 * 1024)
# Whole request bodies (website/core/resilience.py): public forms, and the admin's bulk uploads.
REQUEST_MAX_BODY_BYTES = env_int("REQUEST_MAX_BODY_BYTES", 25 * 1024 * 1024)
ADMIN_REQUEST_MAX_BODY_BYTES = env_int("ADMIN_REQUEST_MAX_BODY_BYTES", 200 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# The library's catalogue (its discovery system): patterns, never a hard-coded address, and
# none by default, since no address would be right for every library. {query} is URL-encoded.
# Unset, a catalogue search box searches this site's own book list, a print-only book links
# to its page here, and no reader is sent to a host that does not exist.
CATALOGUE_SEARCH_URL = env("CATALOGUE_SEARCH_URL", "")
# A book's own catalogue record by its Alma MMS ID ({mms_id}), for example
# https://catalogue.example.edu/discovery/fulldisplay?docid=alma{mms_id}; empty: by search only.
CATALOGUE_RECORD_URL = env("CATALOGUE_RECORD_URL", "")
# Import files larger than this are refused before reading (a catalogue export of the whole
# collection is well under it).
BOOK_IMPORT_MAX_BYTES = env_int("BOOK_IMPORT_MAX_BYTES", 200 * 1024 * 1024)
# Where a CNMARC (UNIMARC) record keeps its copies (reading/importers/records.py): the local
# holdings field (905 in CALIS practice, one field per copy) and which subfield holds what, as
# "part=code" pairs: library (a name: 905 $a is often a code, so not read by default),
# location, barcode, and the call number whole (call_number) or as its class and book number
# (written "class/book number", e.g. I247.55/L712).
CNMARC_HOLDINGS_FIELD = env("CNMARC_HOLDINGS_FIELD", "905")
if not re.fullmatch(r"[0-9A-Za-z]{3}", CNMARC_HOLDINGS_FIELD):
    raise ImproperlyConfigured("CNMARC_HOLDINGS_FIELD must be a three-character MARC tag")
CNMARC_HOLDINGS_SUBFIELDS = {
    part.strip(): code.strip()
    for part, _sep, code in (
        item.partition("=")
        for item in env_list(
            "CNMARC_HOLDINGS_SUBFIELDS",
            "barcode=b,location=c,class=d,book_number=e",
        )
    )
}
if not set(CNMARC_HOLDINGS_SUBFIELDS) <= {
    "library",
    "location",
    "barcode",
    "class",
    "book_number",
    "call_number",
} or any(len(code) != 1 for code in CNMARC_HOLDINGS_SUBFIELDS.values()):
    raise ImproperlyConfigured(
        "CNMARC_HOLDINGS_SUBFIELDS must be part=code pairs (library, location, barcode, class, "
        "book_number, call_number), each code one character, e.g. library=a,barcode=b"
    )

# The handwritten-note archive (reading/uploads.py, reading/ocr/): upload limits and OCR.
ARCHIVE_MAX_UPLOAD_BYTES = env_int("ARCHIVE_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
ARCHIVE_MAX_PIXELS = env_int("ARCHIVE_MAX_PIXELS", 64_000_000)
# Fixity failures are emailed to the archive staff and to these addresses too.
ARCHIVE_ALERT_EMAILS = env_list("ARCHIVE_ALERT_EMAILS")
OCR_ENGINE = env("OCR_ENGINE", "ppocrv6")
if OCR_ENGINE not in {"tesseract", "rapidocr", "ppocrv6"}:
    raise ImproperlyConfigured("OCR_ENGINE must be 'ppocrv6', 'rapidocr' or 'tesseract'")
OCR_LANGUAGES = env("OCR_LANGUAGES", "chi_sim+eng")
OCR_TESSERACT_CMD = env("OCR_TESSERACT_CMD", "tesseract")
OCR_TIMEOUT = env_int("OCR_TIMEOUT", 120)
OCR_THREADS = env_int("OCR_THREADS", 2)
OCR_MAX_PAGES = env_int("OCR_MAX_PAGES", 10)
# A draft longer than this is cut, and the item says so (a note is a page of handwriting).
OCR_MAX_CHARS = env_int("OCR_MAX_CHARS", 20_000)

# Behind a reverse proxy, the header it sets to the reader's address (nginx: X-Real-IP), so
# that the limits below count readers rather than the proxy. Empty: the connection's address.
CLIENT_ADDRESS_HEADER = env("CLIENT_ADDRESS_HEADER", "")
# Public forms that store something (website/core/ratelimit.py): posts per address. A second
# post inside MIN_SECONDS_BETWEEN is a double click; MAX_PER_WINDOW posts per WINDOW_SECONDS.
RECOMMENDATION_NOTE_MAX_BYTES = env_int("RECOMMENDATION_NOTE_MAX_BYTES", 10 * 1024 * 1024)
# Days a rejected submission's note file is kept before `purge_personal_data` removes it.
SUBMISSION_REJECTED_FILE_DAYS = env_int("SUBMISSION_REJECTED_FILE_DAYS", 30)
RECOMMENDATION_MIN_SECONDS_BETWEEN = env_int("RECOMMENDATION_MIN_SECONDS_BETWEEN", 1)
RECOMMENDATION_MAX_PER_WINDOW = env_int("RECOMMENDATION_MAX_PER_WINDOW", 5)
RECOMMENDATION_WINDOW_SECONDS = env_int("RECOMMENDATION_WINDOW_SECONDS", 600)
# A note photo sent with a refused form is kept this long for that form session (a day).
RECOMMENDATION_PENDING_NOTE_SECONDS = env_int("RECOMMENDATION_PENDING_NOTE_SECONDS", 24 * 3600)
RECOMMENDATION_KEPT_NOTE_MAX_PER_WINDOW = env_int("RECOMMENDATION_KEPT_NOTE_MAX_PER_WINDOW", 30)
RECOMMENDATION_KEPT_NOTE_WINDOW_SECONDS = env_int("RECOMMENDATION_KEPT_NOTE_WINDOW_SECONDS", 3600)
# Campus networks put a whole class behind one address: per address only a window sized for a
# lecture hall; the pause (a double click) and a few repeats count per reader's form (email).
CLUB_SIGNUP_MIN_SECONDS_BETWEEN = env_int("CLUB_SIGNUP_MIN_SECONDS_BETWEEN", 1)
CLUB_SIGNUP_MAX_PER_WINDOW = env_int("CLUB_SIGNUP_MAX_PER_WINDOW", 120)
CLUB_SIGNUP_SAME_FORM_MAX_PER_WINDOW = env_int("CLUB_SIGNUP_SAME_FORM_MAX_PER_WINDOW", 5)
# Seconds a person needs at least to fill the sign-up form in; a post sooner is a script's.
CLUB_SIGNUP_MIN_FILL_SECONDS = env_int("CLUB_SIGNUP_MIN_FILL_SECONDS", 3)
CLUB_SIGNUP_WINDOW_SECONDS = env_int("CLUB_SIGNUP_WINDOW_SECONDS", 600)
# "Send my private link again": few per address, so that addresses cannot be tried in bulk.
CLUB_RESEND_MIN_SECONDS_BETWEEN = env_int("CLUB_RESEND_MIN_SECONDS_BETWEEN", 1)
CLUB_RESEND_MAX_PER_WINDOW = env_int("CLUB_RESEND_MAX_PER_WINDOW", 5)
CLUB_RESEND_WINDOW_SECONDS = env_int("CLUB_RESEND_WINDOW_SECONDS", 600)
# Attendance by code at a club's discussion: how long a code shown by the teacher is valid, and
# the guesses one participant may make (per participant, not per address: a seminar room
# shares one network address).
CLUB_ATTENDANCE_CODE_MINUTES = env_int("CLUB_ATTENDANCE_CODE_MINUTES", 30)
# How long the attendance QR code may reopen a participant's page from the browser that last
# opened their private link (a shared computer forgets them after it).
CLUB_LINK_MEMORY_SECONDS = env_int("CLUB_LINK_MEMORY_SECONDS", 12 * 3600)
CLUB_ATTENDANCE_MIN_SECONDS_BETWEEN = env_int("CLUB_ATTENDANCE_MIN_SECONDS_BETWEEN", 1)
CLUB_ATTENDANCE_MAX_PER_WINDOW = env_int("CLUB_ATTENDANCE_MAX_PER_WINDOW", 5)
CLUB_ATTENDANCE_WINDOW_SECONDS = env_int("CLUB_ATTENDANCE_WINDOW_SECONDS", 600)

# OAI-PMH data provider at /oai/ (website/oai/): identifiers are oai:<identifier>:<kind>/<id>.
OAI_REPOSITORY_IDENTIFIER = env("OAI_REPOSITORY_IDENTIFIER", "library.example.edu")
if not re.fullmatch(r"[A-Za-z][A-Za-z0-9-]*(\.[A-Za-z][A-Za-z0-9-]*)+", OAI_REPOSITORY_IDENTIFIER):
    raise ImproperlyConfigured("OAI_REPOSITORY_IDENTIFIER must be a domain, e.g. lib.example.edu")
OAI_REPOSITORY_NAME = env("OAI_REPOSITORY_NAME", "")
OAI_ADMIN_EMAILS = env_list("OAI_ADMIN_EMAILS") or [DEFAULT_FROM_EMAIL]
OAI_PAGE_SIZE = env_int("OAI_PAGE_SIZE", 100)
OAI_TOKEN_LIFETIME = env_int("OAI_TOKEN_LIFETIME", 24 * 3600)  # seconds a resumption token lives
if OAI_PAGE_SIZE < 1 or OAI_TOKEN_LIFETIME < 60:
    raise ImproperlyConfigured("OAI_PAGE_SIZE must be at least 1, OAI_TOKEN_LIFETIME at least 60")

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views override it with SAMEORIGIN themselves

# Content-Security-Policy (django-csp; website/core/security.py): the public pages run no
# inline code; images and embedded videos may come from other HTTPS hosts (covers, vlogs).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "https:"],
        "media-src": ["'self'", "https:"],
        "frame-src": ["'self'", "https:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
# Wagtail's admin needs inline styles and scripts, data:/blob: images and its preview frames.
ADMIN_CSP_PATHS = ("/admin/", "/django-admin/")
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", "https:"],
        "media-src": ["'self'", "blob:", "https:"],
        "frame-src": ["'self'", "https:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}

# The public page cache (website/core/cache.py): shared by every worker process, so that a
# publication invalidates the pages of all of them at once. PAGE_CACHE_SECONDS=0 turns it off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
PAGE_CACHE_ALIAS = "pages"
CACHE_MIDDLEWARE_KEY_PREFIX = "library"
PAGE_CACHE_WATCHED_APPS = ("reading", "guides", "oai")
# Rows that readers' visits write (usage counters) change no page: they must not empty the cache.
PAGE_CACHE_IGNORED_MODELS = ["guides.ResourceClick"]
# guides: usage counters, link checks and reminders change no public page.
PAGE_CACHE_IGNORED_MODELS += [
    "guides.ResourceClick",
    "guides.LinkCheck",
    "guides.LinkPlace",
    "guides.ReviewReminder",
]
# reading clubs: check-ins are read on private pages; the public club page shows only how
# many readers reached each part of the plan, which may lag by PAGE_CACHE_SECONDS rather than
# empty every cached page at each check-in. Attendance codes show on no public page.
PAGE_CACHE_IGNORED_MODELS += ["reading.CheckIn", "reading.ClubAttendanceCode"]
# purchase suggestions: the notices (who was told of a step) change no page.
PAGE_CACHE_IGNORED_MODELS += ["reading.SuggestionNotice"]
# recommendation form: a photo kept for a refused form is seen by its own form session only.
PAGE_CACHE_IGNORED_MODELS += ["reading.PendingNote"]
# club reminders show on no page; a book vote's ballots and nominations are written by anonymous
# readers before anything is public: reading.votes empties the cache itself when the public
# tally changes (a vote counted, a book shown); opening and closing save the ClubVote.
PAGE_CACHE_IGNORED_MODELS += [
    "reading.ClubReminder",
    "reading.ClubBallot",
    "reading.ClubNomination",
]
if env("REDIS_URL"):
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env("REDIS_URL"),
        "KEY_PREFIX": "pages",
    }
else:
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": env("PAGE_CACHE_DIR", str(BASE_DIR / ".page-cache")),
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }

LOG_LEVEL = env("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "json_ensure_ascii": False,
        },
    },
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["stdout"], "level": LOG_LEVEL, "propagate": False},
    },
}

# Guides: link checking and uploaded training videos.
GUIDES_LINKCHECK_TIMEOUT = env_int("GUIDES_LINKCHECK_TIMEOUT", 10)
GUIDES_LINKCHECK_CONCURRENCY = env_int("GUIDES_LINKCHECK_CONCURRENCY", 8)
GUIDES_LINKCHECK_PER_HOST = env_int("GUIDES_LINKCHECK_PER_HOST", 2)
GUIDES_VIDEO_MAX_BYTES = env_int("GUIDES_VIDEO_MAX_BYTES", 1024 * 1024 * 1024)
