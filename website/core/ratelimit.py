"""Posts from one address, counted in the shared cache: a flood is slowed, people get through.

Each public form that stores something (a recommendation, a club sign-up) has a `PostLimit`:
a second post within `<PREFIX>_MIN_SECONDS_BETWEEN` is a double click or a robot, and more than
`<PREFIX>_MAX_PER_WINDOW` posts in `<PREFIX>_WINDOW_SECONDS` is a flood. The counts live in the
default cache (Redis in production, so every app server sees the same figures; per process
without it), and nothing about the address is stored in the database.
"""

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

TOO_SOON = "too soon"
TOO_MANY = "too many"


@dataclass(frozen=True)
class PostLimit:
    name: str  # the cache keys' prefix
    setting_prefix: str  # RECOMMENDATION → RECOMMENDATION_MAX_PER_WINDOW, …
    min_seconds: float
    per_window: int
    window_seconds: int

    def limits(self):
        prefix = self.setting_prefix
        return (
            getattr(settings, f"{prefix}_MIN_SECONDS_BETWEEN", self.min_seconds),
            getattr(settings, f"{prefix}_MAX_PER_WINDOW", self.per_window),
            getattr(settings, f"{prefix}_WINDOW_SECONDS", self.window_seconds),
        )

    def _keys(self, request):
        address = request.META.get("REMOTE_ADDR", "unknown")
        return f"{self.name}:last:{address}", f"{self.name}:count:{address}"

    def check(self, request):
        """TOO_SOON, TOO_MANY, or None when this address may post now."""
        last_key, count_key = self._keys(request)
        min_seconds, per_window, _window = self.limits()
        last = cache.get(last_key)
        if last is not None and time.time() - last < min_seconds:
            return TOO_SOON
        if cache.get(count_key, 0) >= per_window:
            return TOO_MANY
        return None

    def count(self, request):
        """Record one post that was accepted."""
        last_key, count_key = self._keys(request)
        min_seconds, _per_window, window = self.limits()
        cache.set(last_key, time.time(), min_seconds + 5)
        if not cache.add(count_key, 1, window):
            try:
                cache.incr(count_key)
            except ValueError:  # expired between add() and incr()
                cache.set(count_key, 1, window)
