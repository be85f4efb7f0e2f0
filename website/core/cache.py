"""The public page cache: Django's own cache middleware, keyed by a site-wide version.

Pages that are the same for every anonymous reader (home, campaigns, recommendations, shelves,
guides, the A–Z list, search results) are served from Django's cache framework. Wagtail 8 has no
maintained page-cache package (wagtail-cache 3.0 declares wagtail<8), so this module adds only
what Django's `UpdateCacheMiddleware`/`FetchFromCacheMiddleware` lack:

* Invalidation at once. Every cache key carries a site-wide version token stored in the same
  cache; publishing, unpublishing, moving or deleting a page, or changing a record of the
  `reading`, `guides` and `oai` apps replaces the token, so every cached page is stale at the
  same moment, in every worker process (the cache alias is shared between processes: Redis, or
  files).
  The token is random rather than a counter so that a culled token never brings back old pages.
  The version is read once per request, before the view runs, so a page rendered from data older
  than a publication is never stored under the new version.
* Bypass. Only anonymous GET/HEAD requests for the public, language-prefixed pages are looked up
  or stored. A request that carries a session cookie (an editor, a logged-in teacher), an
  Authorization header or a message waiting to be shown is never served from the cache nor
  stored; a response that sets any cookie (a CSRF form token, a message) or says
  private/no-cache/no-store is never stored. Other cookies change no page, so the key ignores
  them: a reader holding a form token shares the cached pages.
* Other answers that go stale with the same changes (OAI-PMH, website/oai/views.py) are kept
  under the same version with `versioned_key()`.
* Browsers are told `max-age=0`, so that the next visit after a publication asks again instead of
  keeping the page for the server-side timeout.
"""

import contextvars
import logging
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.middleware.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware
from django.utils.cache import has_vary_header, patch_cache_control, patch_vary_headers

logger = logging.getLogger(__name__)

VERSION_KEY = "page-cache:version"
MESSAGES_COOKIE = "messages"  # django.contrib.messages' CookieStorage
_request_prefix = contextvars.ContextVar("page_cache_prefix", default=None)


def cache_alias():
    alias = getattr(settings, "PAGE_CACHE_ALIAS", "pages")
    return alias if alias in settings.CACHES else "default"


def page_cache():
    return caches[cache_alias()]


def timeout():
    return getattr(settings, "PAGE_CACHE_SECONDS", 600)


def current_version():
    """The version token of the cached pages, created on first use."""
    cache = page_cache()
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex[:12]
        if not cache.add(VERSION_KEY, version, timeout=None):
            version = cache.get(VERSION_KEY) or version
    return version


def versioned_key(name):
    """`name` under the current site-wide version, for responses other than pages (OAI-PMH)
    that go stale with the same publications; None when the page cache is off. Read it before
    computing what is stored under it, as the page middleware reads its version."""
    if timeout() <= 0:
        return None
    return f"{settings.CACHE_MIDDLEWARE_KEY_PREFIX}fragments.{current_version()}.{name}"


def invalidate(**_kwargs):
    """Make every cached page stale now and again when the transaction commits (a reader who
    rendered the page between the two would otherwise keep the old content)."""

    def bump():
        page_cache().set(VERSION_KEY, uuid.uuid4().hex[:12], timeout=None)

    bump()
    transaction.on_commit(bump)


def _language_prefixes():
    return tuple(f"/{code}/" for code, _name in settings.LANGUAGES)


def is_cacheable_request(request):
    if timeout() <= 0 or request.method not in ("GET", "HEAD"):
        return False
    if not request.path.startswith(_language_prefixes()):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    if request.COOKIES.get(MESSAGES_COOKIE):
        # A message waits for this reader ("your recommendation was received"): a cached page
        # would not show it, and the cookie would never be cleared.
        return False
    if request.headers.get("Authorization"):
        return False
    return not request.path.startswith(tuple(getattr(settings, "PAGE_CACHE_EXCLUDE_PATHS", ())))


def _tell_browsers_to_revalidate(response):
    if "Expires" in response:
        del response["Expires"]
    patch_cache_control(response, max_age=0)
    return response


class _VersionedPrefix:
    """Both halves of the middleware read the prefix captured when the request came in."""

    @property
    def key_prefix(self):
        return _request_prefix.get() or settings.CACHE_MIDDLEWARE_KEY_PREFIX

    @key_prefix.setter
    def key_prefix(self, value):
        pass

    @property
    def cache_alias(self):
        return cache_alias()

    @cache_alias.setter
    def cache_alias(self, value):
        pass


class UpdatePageCacheMiddleware(_VersionedPrefix, UpdateCacheMiddleware):
    """First in MIDDLEWARE: stores the finished response (with every header set) on the way out."""

    @property
    def cache_timeout(self):
        return timeout()

    @cache_timeout.setter
    def cache_timeout(self, value):
        pass

    def _should_update_cache(self, request, response):
        if not getattr(request, "_page_cache_prefix", None):
            return False
        if response.cookies:
            return False
        return super()._should_update_cache(request, response)

    def process_response(self, request, response):
        prefix = getattr(request, "_page_cache_prefix", None)
        token = _request_prefix.set(prefix)
        try:
            stored = self._should_update_cache(request, response)
            varies_by_cookie = stored and has_vary_header(response, "Cookie")
            if varies_by_cookie:
                _drop_vary_cookie(response)
            response = super().process_response(request, response)
            if varies_by_cookie:
                patch_vary_headers(response, ["Cookie"])
        finally:
            _request_prefix.reset(token)
        if stored or getattr(request, "_page_cache_hit", False):
            _tell_browsers_to_revalidate(response)
        return response


def _drop_vary_cookie(response):
    """Store the page under a key that ignores the Cookie header.

    Pages read the session (for the user bar) and so say `Vary: Cookie`; Django's cache would
    then keep one copy per cookie value, and a reader who once opened a form (and so holds a
    CSRF cookie) would never share the cached pages. The cookies that change a page (session,
    a waiting message) are refused before the lookup (`is_cacheable_request`), and a response
    that sets a cookie is never stored, so the other cookies cannot change what is stored."""
    values = [value.strip() for value in response.get("Vary", "").split(",")]
    kept = [value for value in values if value and value.lower() != "cookie"]
    if kept:
        response["Vary"] = ", ".join(kept)
    else:
        del response["Vary"]


class FetchPageCacheMiddleware(_VersionedPrefix, FetchFromCacheMiddleware):
    """Last in MIDDLEWARE: answers from the cache before the view runs."""

    def process_request(self, request):
        if not is_cacheable_request(request):
            request._cache_update_cache = False
            return None
        prefix = f"{settings.CACHE_MIDDLEWARE_KEY_PREFIX}pages.{current_version()}"
        request._page_cache_prefix = prefix
        token = _request_prefix.set(prefix)
        try:
            response = super().process_request(request)
        finally:
            _request_prefix.reset(token)
        if response is not None:
            request._page_cache_hit = True
            response["X-Page-Cache"] = "hit"
            patch_vary_headers(response, ["Cookie"])
            _tell_browsers_to_revalidate(response)
        return response


def _on_model_change(sender, **kwargs):
    if kwargs.get("raw"):
        return
    meta = sender._meta
    label = f"{meta.app_label}.{meta.object_name}"
    ignored = {name.lower() for name in getattr(settings, "PAGE_CACHE_IGNORED_MODELS", ())}
    watched = settings.PAGE_CACHE_WATCHED_APPS
    if meta.app_label in watched and label.lower() not in ignored:
        invalidate()


def connect_signals():
    """Called from CoreConfig.ready()."""
    from wagtail.models import Page
    from wagtail.signals import (
        page_published,
        page_unpublished,
        post_page_move,
        published,
        unpublished,
    )

    for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
        signal.connect(invalidate, dispatch_uid=f"page-cache-{id(signal)}")
    post_delete.connect(invalidate, sender=Page, dispatch_uid="page-cache-page-delete")
    # Making a page private (or public again) publishes nothing, and a site's address or the
    # languages change every full URL: all of them empty the cache too.
    from wagtail.models import Locale, PageViewRestriction, Site

    for model in (PageViewRestriction, Site, Locale):
        for signal in (post_save, post_delete):
            signal.connect(invalidate, sender=model, dispatch_uid=f"page-cache-{model.__name__}")
    post_save.connect(_on_model_change, dispatch_uid="page-cache-model-save")
    post_delete.connect(_on_model_change, dispatch_uid="page-cache-model-delete")
