"""Posts from one address, counted in the shared cache: a flood is slowed, people get through.

Each public form that stores something (a recommendation, a club sign-up, a resent link) has a
`PostLimit`: a second post within `<PREFIX>_MIN_SECONDS_BETWEEN` is a double click or a robot,
and more than `<PREFIX>_MAX_PER_WINDOW` posts in `<PREFIX>_WINDOW_SECONDS` is a flood. The
counts live in Redis when `REDIS_URL` is set, and otherwise in the database (one row a key,
`core.PostCounter`), so that every gunicorn worker and every app server counts the same posts:
a cache per process let 17 of 20 posts through a limit of 5 with four workers. Only a keyed hash of
the address is stored, and a row ends with its window.

A post reserves its place before the view does any work (`reserve`), with the cache's atomic
add and increment, so that posts sent at the same moment cannot all pass; a post that turns out
invalid, and stored nothing, gives its place back (`release`), so that a reader correcting a
typo is not counted as a flood.

Behind a reverse proxy every request comes from the proxy: `CLIENT_ADDRESS_HEADER` names the
header the proxy sets to the reader's address (nginx: `proxy_set_header X-Real-IP
$remote_addr;` and `CLIENT_ADDRESS_HEADER=X-Real-IP`). IPv6 addresses are counted by their /64,
the block one household or host holds.
"""

import contextlib
import ipaddress
import random
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import connection
from django.utils.crypto import salted_hmac

TOO_SOON = "too soon"
TOO_MANY = "too many"


def client_address(request):
    """The reader's address as the limits count it."""
    header = getattr(settings, "CLIENT_ADDRESS_HEADER", "")
    raw = ""
    if header:
        raw = request.headers.get(header, "").split(",")[0].strip()
    raw = raw or request.META.get("REMOTE_ADDR", "")
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return "unknown"
    if address.version == 6:
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


class CacheCounters:
    """Counts in Redis (the default cache when `REDIS_URL` is set): atomic add and incr."""

    def add(self, key, seconds):
        return cache.add(key, 1, seconds)

    def incr(self, key, seconds):
        if cache.add(key, 1, seconds):
            return 1
        try:
            return cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, seconds)
            return 1

    def decr(self, key):
        with contextlib.suppress(ValueError):  # already expired
            cache.decr(key)

    def delete(self, key):
        cache.delete(key)

    def seconds_left(self, key, seconds):
        ttl = getattr(cache, "ttl", None)
        left = ttl(key) if ttl else None
        return left if left and left > 0 else seconds


class DatabaseCounters:
    """Counts in the database, each change one statement (an upsert that returns the new
    count), so that simultaneous posts through different processes cannot all pass.
    PostgreSQL and SQLite (3.35 and later) both speak this SQL."""

    def _table(self):
        from .models import PostCounter

        return connection.ops.quote_name(PostCounter._meta.db_table)

    def _execute(self, sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql.replace("{table}", self._table()), params)
            return cursor.fetchone()

    def add(self, key, seconds):
        now = time.time()
        row = self._execute(
            "INSERT INTO {table} (key, count, expires) VALUES (%s, 1, %s) "
            "ON CONFLICT (key) DO UPDATE SET count = 1, expires = excluded.expires "
            "WHERE {table}.expires <= %s RETURNING count",
            [key, now + seconds, now],
        )
        return row is not None

    def incr(self, key, seconds):
        now = time.time()
        if random.random() < 0.01:  # now and then, forget the windows that have ended
            self._execute("DELETE FROM {table} WHERE expires <= %s RETURNING key", [now])
        (count,) = self._execute(
            "INSERT INTO {table} (key, count, expires) VALUES (%s, 1, %s) "
            "ON CONFLICT (key) DO UPDATE SET "
            "count = CASE WHEN {table}.expires <= %s THEN 1 ELSE {table}.count + 1 END, "
            "expires = CASE WHEN {table}.expires <= %s THEN excluded.expires "
            "ELSE {table}.expires END "
            "RETURNING count",
            [key, now + seconds, now, now],
        )
        return count

    def decr(self, key):
        self._execute(
            "UPDATE {table} SET count = count - 1 WHERE key = %s AND count > 0 RETURNING count",
            [key],
        )

    def delete(self, key):
        self._execute("DELETE FROM {table} WHERE key = %s RETURNING key", [key])

    def seconds_left(self, key, seconds):
        row = self._execute("SELECT expires FROM {table} WHERE key = %s", [key])
        return max(1, round(row[0] - time.time())) if row else seconds


def counters():
    """Where the limits count: Redis when configured, else the database (`POST_LIMIT_STORE`)."""
    if getattr(settings, "POST_LIMIT_STORE", "database") == "cache":
        return CacheCounters()
    return DatabaseCounters()


@dataclass(frozen=True)
class PostLimit:
    name: str  # the cache keys' prefix
    setting_prefix: str  # RECOMMENDATION → RECOMMENDATION_MAX_PER_WINDOW, …
    min_seconds: int
    per_window: int
    window_seconds: int
    too_soon_message: str = ""  # what the reader reads, in their language (lazy strings)
    too_many_message: str = ""

    def limits(self):
        prefix = self.setting_prefix
        return (
            getattr(settings, f"{prefix}_MIN_SECONDS_BETWEEN", self.min_seconds),
            getattr(settings, f"{prefix}_MAX_PER_WINDOW", self.per_window),
            getattr(settings, f"{prefix}_WINDOW_SECONDS", self.window_seconds),
        )

    def _keys(self, request):
        address = salted_hmac("post-limit", client_address(request)).hexdigest()[:32]
        return f"{self.name}:last:{address}", f"{self.name}:count:{address}"

    def reserve(self, request):
        """TOO_SOON or TOO_MANY when this address may not post now; else None, and the post is
        counted."""
        last_key, count_key = self._keys(request)
        min_seconds, per_window, window = self.limits()
        store = counters()
        if min_seconds > 0 and not store.add(last_key, min_seconds):
            return self._refuse(request, TOO_SOON)
        if store.incr(count_key, window) > per_window:
            store.decr(count_key)
            return self._refuse(request, TOO_MANY)
        return None

    def _refuse(self, request, refusal):
        # read by RetryAfterMiddleware, so that every view's 429 says when to come back
        request.post_limit_retry_after = self.retry_after(request, refusal)
        return refusal

    def retry_after(self, request, refusal):
        """Seconds until this address may post again, for the refusal's `Retry-After`."""
        last_key, count_key = self._keys(request)
        min_seconds, _per_window, window = self.limits()
        if refusal == TOO_SOON:
            return max(1, min_seconds)
        return counters().seconds_left(count_key, window)

    def message(self, refusal):
        """What to tell the reader about a refusal from `reserve`."""
        return str(self.too_soon_message if refusal == TOO_SOON else self.too_many_message)

    def release(self, request):
        """Give back the place of a post that stored nothing (the form was invalid)."""
        last_key, count_key = self._keys(request)
        store = counters()
        store.delete(last_key)
        store.decr(count_key)


FILL_STAMP_SALT = "form-fill-time"


def fill_stamp():
    """A signed "this form was served now", sent back with the form (a hidden field)."""
    return signing.dumps(round(time.time(), 1), salt=FILL_STAMP_SALT)


def filled_too_fast(stamp, min_seconds):
    """Whether a post came sooner after its form was served than a person can fill it in, or
    without a stamp this site signed (a script posting without ever fetching the form).

    A stamp from a cached page is older than the reader's visit, so it never refuses a person;
    what it stops is a script posting the moment it read the form."""
    if min_seconds <= 0:
        return False
    try:
        served = float(signing.loads(stamp or "", salt=FILL_STAMP_SALT, max_age=7 * 24 * 3600))
    except (signing.BadSignature, TypeError, ValueError):
        return True
    return time.time() - served < min_seconds


class RetryAfterMiddleware:
    """A 429 answered because of a `PostLimit` carries `Retry-After`: the views decide what
    the page says, this says when the reader may post again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        seconds = getattr(request, "post_limit_retry_after", None)
        if response.status_code == 429 and seconds and not response.has_header("Retry-After"):
            response["Retry-After"] = str(int(seconds))
        return response
