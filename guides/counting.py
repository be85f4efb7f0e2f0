"""Counting guide views and resource clicks without knowing who the reader is.

Only the day, the guide and the resource are recorded. Requests from crawlers, link
checkers, monitors and browsers prefetching a link are not counted: they are not readers.
"""

import re

from django.utils import timezone

BOT_USER_AGENT = re.compile(
    r"bot|crawl|spider|slurp|archiver|curl|wget|python-|httpclient|http-client|okhttp|"
    r"go-http|java/|libwww|scrapy|headless|phantomjs|lighthouse|pingdom|uptime|monitor|"
    r"check|preview|facebookexternalhit|embedly|feedfetcher|yandex|baiduspider|"
    r"bytespider|sogou|360spider|petalbot|semrush|ahrefs",
    re.IGNORECASE,
)


def is_bot(request):
    """True for requests that are not a person reading: no or a robot's User-Agent, prefetch."""
    agent = request.headers.get("User-Agent", "").strip()
    if not agent or BOT_USER_AGENT.search(agent):
        return True
    purpose = (request.headers.get("Sec-Purpose") or request.headers.get("Purpose") or "").lower()
    return "prefetch" in purpose or "prerender" in purpose


def today():
    return timezone.localdate()


def count_view(page):
    from guides.models import GuideView

    GuideView.count(page, today())


def count_click(kind, object_id, guide=None):
    from guides.models import ResourceClick

    ResourceClick.count(kind, object_id, guide, today())
