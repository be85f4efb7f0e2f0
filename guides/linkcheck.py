"""The link checker: every link a reader can click, checked.

That is every resource address and every link in a published guide, the e-book links of the
books public pages present (`Book.objects.presented_to_readers()`, the rule OAI-PMH uses),
the vlog addresses of live recommendations (a vlog file is the site's own and is not
fetched), the links and embedded videos of live column articles, and the online meeting
links of live clubs. Each address is stored with where it was found (`LinkPlace`), so the
broken-links report sends the librarian to the book or the page to fix.

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
from wagtail.embeds.blocks import EmbedValue
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
    pages: set = field(default_factory=set)  # guide ids
    sources: set = field(default_factory=set)  # "kind: name", for the report's text and CSV
    places: set = field(default_factory=set)  # (LinkPlace.Kind, the book or page to fix)

    def add(self, source, kind=None, instance=None):
        self.sources.add(source)
        if kind is not None:
            self.places.add((kind, instance))


def source_label(source):
    """A stored "kind: name" (the check writes them so) in the reader's admin language."""
    from django.utils.translation import gettext as _

    from guides.resources import RESOURCE_MODELS, kind_label

    kind, _sep, name = source.partition(": ")
    labels = {
        "guide": _("Guide"),
        "e-book": _("E-book"),
        "vlog": _("Vlog"),
        "column article": _("Column article"),
        "club meeting": _("Club meeting"),
    }
    if kind in labels:
        return f"{labels[kind]}: {name}"
    if kind in RESOURCE_MODELS:
        return f"{kind_label(kind)}: {name}"
    return source


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
    elif isinstance(value, EmbedValue):
        on_url(value.url)
    elif hasattr(value, "_meta"):
        on_record(value)


def _is_web(url):
    return isinstance(url, str) and url.startswith(("http://", "https://"))


def collect_links():
    """{url: Found} for every link a reader can click (see the module docstring)."""
    from guides.models import Database, GuidePage, LinkPlace, Video, WebTool
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
                    if _is_web(url):
                        found[url].pages.add(guide.pk)
                        found[url].add(f"book: {record}", LinkPlace.Kind.EBOOK, record)

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
            found[url].add(f"{kind}: {record}", LinkPlace.Kind.RESOURCE, record)
            found[url].pages.update(used_by.get((kind, record.pk), ()))
    _collect_reading_links(found)
    # Addresses longer than a LinkCheck can hold are not links anyone typed; leave them out.
    return {url: where for url, where in found.items() if len(url) <= 1000}


def _collect_reading_links(found):
    """The reading side's links: e-books of public books, vlogs, column articles, clubs."""
    from guides.models import LinkPlace
    from reading.models import Book, BookEbook, ClubPage, ColumnArticlePage, RecommendationPage

    ebooks = BookEbook.objects.filter(
        book__in=Book.objects.presented_to_readers().values("pk")
    ).select_related("book")
    for ebook in ebooks.only("url", "book__id", "book__title", "book__authors"):
        if _is_web(ebook.url):
            found[ebook.url].add(f"e-book: {ebook.book}", LinkPlace.Kind.EBOOK, ebook.book)

    vlogs = RecommendationPage.objects.live().exclude(vlog_url="").only("pk", "title", "vlog_url")
    for page in vlogs:
        if _is_web(page.vlog_url):
            found[page.vlog_url].add(f"vlog: {page.title}", LinkPlace.Kind.VLOG, page)

    for page in ColumnArticlePage.objects.live().only("pk", "title", "body"):

        def on_url(url, page=page):
            if _is_web(url):
                found[url].add(f"column article: {page.title}", LinkPlace.Kind.COLUMN, page)

        _walk(page.body, lambda record: None, on_url)

    clubs = ClubPage.objects.live().exclude(meeting_url="").only("pk", "title", "meeting_url")
    for page in clubs:
        if _is_web(page.meeting_url):
            found[page.meeting_url].add(
                f"club meeting: {page.title}", LinkPlace.Kind.CLUB_MEETING, page
            )


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


def _places(check, where):
    """The LinkPlace rows of one check: what to fix, found as what."""
    from django.contrib.contenttypes.models import ContentType

    from guides.models import LinkPlace

    return [
        LinkPlace(
            link=check,
            kind=kind,
            content_type=ContentType.objects.get_for_model(instance),
            object_id=instance.pk,
            label=str(instance)[:500],
        )
        for kind, instance in sorted(where.places, key=lambda p: (p[0], str(p[1]), p[1].pk))
    ]


def run(timeout=None, concurrency=None, per_host=None, progress=None):
    """Check everything and store one LinkCheck per URL; returns (checked, broken)."""
    from guides.models import LinkCheck, LinkPlace

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
            check.places.all().delete()
            LinkPlace.objects.bulk_create(_places(check, found[url]))
            if not result.ok:
                broken += 1
                logger.info("broken link %s: %s", url, result.status or result.error)
    return len(results), broken
