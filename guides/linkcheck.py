"""The link checker: every resource address and every link in a published guide, checked.

It sits behind a small interface (`collect_links`, `check_urls`, `run`) so that the
management command, the background task and the tests share it. Requests go out from a
bounded thread pool, never more than `per_host` at a time to one host (a vendor's server
should not see the library as an attack), each with a timeout; HEAD first, GET when a server
refuses HEAD. Settings: GUIDES_LINKCHECK_TIMEOUT (seconds, 10), GUIDES_LINKCHECK_CONCURRENCY
(8), GUIDES_LINKCHECK_PER_HOST (2).

A 401, 403 or 429 counts as working: subscribed databases answer so off campus, and the
address itself is right. Anything else from 400 up, a timeout or a network error is broken.
"""

import logging
import re
import socket
import threading
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.rich_text import RichText

logger = logging.getLogger(__name__)

USER_AGENT = "LibraryGuidesLinkChecker/1.0 (+link check of the library's subject guides)"
RESTRICTED = {401, 403, 429}
HREF = re.compile(r"""href\s*=\s*["'](https?://[^"'\s]+)["']""", re.IGNORECASE)


class LinkCheckError(Exception):
    """Raised when the checker is misconfigured (not for a broken link: that is a result)."""


@dataclass
class Result:
    url: str
    status: int | None = None
    ok: bool = False
    final_url: str = ""
    error: str = ""


@dataclass
class Found:
    pages: set = field(default_factory=set)
    sources: set = field(default_factory=set)


def _setting(name, default):
    value = getattr(settings, name, default)
    if not isinstance(value, (int, float)) or value <= 0:
        raise LinkCheckError(f"{name} must be a positive number, not {value!r}")
    return value


# Finding links -----------------------------------------------------------------------------


def _walk(value, on_record, on_url):
    if isinstance(value, StreamValue | ListValue | list | tuple):
        for item in value:
            _walk(getattr(item, "value", item), on_record, on_url)
    elif isinstance(value, StructValue | dict):
        for key, item in value.items():
            if key == "url" and isinstance(item, str):
                on_url(item)
            else:
                _walk(item, on_record, on_url)
    elif isinstance(value, RichText):
        for url in HREF.findall(value.source):
            on_url(url)
    elif hasattr(value, "_meta"):
        on_record(value)


def collect_links():
    """{url: Found} for every resource record and every link in a published guide."""
    from guides.models import Database, GuidePage, Video, WebTool
    from guides.resources import destination_url, kind_of

    found = defaultdict(Found)
    used_by = defaultdict(set)  # (kind, pk) -> guide ids

    for guide in GuidePage.objects.live().only("pk", "title", "sections"):

        def on_record(record, guide=guide):
            kind = kind_of(record)
            if kind:
                used_by[(kind, record.pk)].add(guide.pk)
                if kind == "book":
                    url = destination_url(record)
                    if url.startswith(("http://", "https://")):
                        found[url].pages.add(guide.pk)
                        found[url].sources.add(f"book: {record}")

        def on_url(url, guide=guide):
            if url.startswith(("http://", "https://")):
                found[url].pages.add(guide.pk)
                found[url].sources.add(f"guide: {guide.title}")

        _walk(guide.sections, on_record, on_url)

    for model in (Database, WebTool, Video):
        for record in model.objects.all():
            url = destination_url(record)
            if not url.startswith(("http://", "https://")):
                continue
            kind = kind_of(record)
            found[url].sources.add(f"{kind}: {record}")
            found[url].pages.update(used_by.get((kind, record.pk), ()))
    # Addresses longer than a LinkCheck can hold are not links anyone typed; leave them out.
    return {url: where for url, where in found.items() if len(url) <= 1000}


# Checking links ----------------------------------------------------------------------------


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = 10


def _open(url, method, timeout):
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
    opener = urllib.request.build_opener(_Redirects())
    return opener.open(request, timeout=timeout)


def check_url(url, timeout):
    """Check one URL; never raises for a broken link."""
    if urlsplit(url).scheme not in ("http", "https"):
        return Result(url, error="not an http(s) address")
    for method in ("HEAD", "GET"):
        try:
            with _open(url, method, timeout) as response:
                status = response.status
                return Result(url, status=status, ok=status < 400, final_url=response.geturl())
        except urllib.error.HTTPError as exc:
            if method == "HEAD" and exc.code in (400, 403, 405, 501):
                continue  # some servers refuse HEAD; ask again with GET
            return Result(
                url, status=exc.code, ok=exc.code in RESTRICTED, final_url=exc.geturl() or ""
            )
        except TimeoutError:
            return Result(url, error="timeout")
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, TimeoutError | socket.timeout):
                return Result(url, error="timeout")
            return Result(url, error=str(reason)[:500])
        except (OSError, ValueError) as exc:
            return Result(url, error=str(exc)[:500] or exc.__class__.__name__)
    return Result(url, error="no answer")


def check_urls(urls, timeout=None, concurrency=None, per_host=None, progress=None):
    """{url: Result}, checking at most `concurrency` URLs at once and `per_host` per host;
    `progress(done, total)` is told as the answers come in."""
    timeout = timeout or _setting("GUIDES_LINKCHECK_TIMEOUT", 10)
    concurrency = int(concurrency or _setting("GUIDES_LINKCHECK_CONCURRENCY", 8))
    per_host = int(per_host or _setting("GUIDES_LINKCHECK_PER_HOST", 2))
    host_slots = defaultdict(lambda: threading.BoundedSemaphore(per_host))
    lock = threading.Lock()

    def slot(url):
        with lock:
            return host_slots[urlsplit(url).netloc.lower()]

    def work(url):
        with slot(url):
            return check_url(url, timeout)

    urls = list(dict.fromkeys(urls))
    results = {}
    with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        # progress is told from this thread, which holds the database connection
        for done, (url, result) in enumerate(zip(urls, pool.map(work, urls), strict=True), 1):
            results[url] = result
            if progress is not None:
                progress(done, len(urls))
    return results


def run(timeout=None, concurrency=None, per_host=None, progress=None):
    """Check everything and store one LinkCheck per URL; returns (checked, broken)."""
    from guides.models import LinkCheck

    found = collect_links()
    results = check_urls(
        found, timeout=timeout, concurrency=concurrency, per_host=per_host, progress=progress
    )
    now = timezone.now()
    broken = 0
    with transaction.atomic():
        LinkCheck.objects.exclude(url__in=list(found)).delete()
        for url, result in results.items():
            check, _created = LinkCheck.objects.update_or_create(
                url=url,
                defaults={
                    "status": result.status,
                    "ok": result.ok,
                    "final_url": result.final_url if result.final_url != url else "",
                    "error": result.error,
                    "checked_at": now,
                    "sources": "\n".join(sorted(found[url].sources)),
                },
            )
            check.pages.set(found[url].pages)
            if not result.ok:
                broken += 1
                logger.info("broken link %s: %s", url, result.status or result.error)
    return len(results), broken
