"""Posts from one address, counted in the shared cache: a flood is slowed, people get through.

Each public form that stores something (a recommendation, a club sign-up, a resent link) has a
`PostLimit`: a second post within `<PREFIX>_MIN_SECONDS_BETWEEN` is a double click or a robot,
and more than `<PREFIX>_MAX_PER_WINDOW` posts in `<PREFIX>_WINDOW_SECONDS` is a flood. The
counts live in the default cache (Redis in production, so every app server sees the same
figures; per process without it), and nothing about the address is stored in the database.

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
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

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
        address = client_address(request)
        return f"{self.name}:last:{address}", f"{self.name}:count:{address}"

    def reserve(self, request):
        """TOO_SOON or TOO_MANY when this address may not post now; else None, and the post is
        counted."""
        last_key, count_key = self._keys(request)
        min_seconds, per_window, window = self.limits()
        if min_seconds > 0 and not cache.add(last_key, 1, min_seconds):
            return TOO_SOON
        if cache.add(count_key, 1, window):
            return None
        try:
            count = cache.incr(count_key)
        except ValueError:  # expired between add() and incr()
            cache.set(count_key, 1, window)
            return None
        if count > per_window:
            self._give_back(count_key)
            return TOO_MANY
        return None

    def message(self, refusal):
        """What to tell the reader about a refusal from `reserve`."""
        return str(self.too_soon_message if refusal == TOO_SOON else self.too_many_message)

    def release(self, request):
        """Give back the place of a post that stored nothing (the form was invalid)."""
        last_key, count_key = self._keys(request)
        cache.delete(last_key)
        self._give_back(count_key)

    @staticmethod
    def _give_back(count_key):
        with contextlib.suppress(ValueError):  # already expired
            cache.decr(count_key)
