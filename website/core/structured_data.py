"""schema.org JSON-LD and Open Graph for pages, for search engines and chat-app link previews.

A page type describes itself by defining either method; `{% seo_head %}` (seo_tags) writes
what they return into <head>:

    def get_json_ld(self, request):   # a dict (or list of dicts) of schema.org data
        return {"@context": "https://schema.org", "@type": "Event", ...}

    def get_og(self, request):        # Open Graph overrides: title, description, image, type
        return {"type": "article", "image": self.cover}

Until a page type defines `get_json_ld`, a default below is used for the page types the
project already has (matched by model label, so `website` imports no app): a recommendation
is a Book with its Review, a club an Event, a shelf an ItemList, a guide a CollectionPage;
every other page is a WebPage. Personal data is never included: a recommender only as they
allowed (their `public_name`), a club's participants never.
"""

from django.conf import settings
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.text import Truncator

SCHEMA = "https://schema.org"


def _text(value, words=60):
    return Truncator(strip_tags(str(value or "")).strip()).words(words) if value else ""


def _language(page):
    code = page.locale.language_code
    head, _sep, tail = code.partition("-")
    return f"{head}-{tail.title()}" if tail else head


def image_url(image, request, spec="fill-1200x630"):
    """An absolute URL of a rendition of a Wagtail image, or ""."""
    if not image:
        return ""
    try:
        url = image.get_rendition(spec).url
    except Exception:  # a missing or unreadable original must not break the page head
        return ""
    return request.build_absolute_uri(url) if request else url


def _book(book, request):
    data = {"@type": "Book", "name": book.title}
    if getattr(book, "subtitle", ""):
        data["alternativeHeadline"] = book.subtitle
    authors = getattr(book, "author_list", [])
    if authors:
        data["author"] = [{"@type": "Person", "name": name} for name in authors]
    if getattr(book, "isbn13", ""):
        data["isbn"] = book.isbn13
    if getattr(book, "publisher", ""):
        data["publisher"] = {"@type": "Organization", "name": book.publisher}
    if getattr(book, "year", None):
        data["datePublished"] = str(book.year)
    if getattr(book, "language", "") not in ("", "other"):
        data["inLanguage"] = book.language
    url = image_url(getattr(book, "cover", None), request, "max-600x600")
    if url:
        data["image"] = url
    work_examples = []
    if getattr(book, "call_number", "") or getattr(book, "copies", 0):
        work_examples.append({"@type": "Book", "bookFormat": f"{SCHEMA}/Hardcover"})
    if getattr(book, "ebook_url", ""):
        work_examples.append(
            {"@type": "Book", "bookFormat": f"{SCHEMA}/EBook", "url": book.ebook_url}
        )
    if work_examples:
        data["workExample"] = work_examples
    return data


def recommendation(page, request):
    """A recommendation: the Book, reviewed by the reader as they allowed to be named."""
    book = _book(page.book, request)
    review = {
        "@type": "Review",
        "reviewBody": _text(page.text, 200),
        "datePublished": page.recommended_on.isoformat(),
        "inLanguage": _language(page),
        "url": page.get_full_url(request),
        "publisher": {"@type": "Library", "name": site_name()},
    }
    credited = page.recommender.credited_name(page.locale.language_code)
    if credited is not None:
        review["author"] = {"@type": "Person", "name": credited}
    return {"@context": SCHEMA, **book, "review": review}


def club(page, request):
    """A reading club: an Event (the discussion) with the reading period in its description."""
    data = {
        "@context": SCHEMA,
        "@type": "Event",
        "name": page.title,
        "description": _text(page.introduction) or _text(page.search_description),
        "startDate": page.discussion_starts.isoformat(),
        "url": page.get_full_url(request),
        "inLanguage": _language(page),
        "eventStatus": f"{SCHEMA}/EventScheduled",
        "organizer": {"@type": "Library", "name": site_name()},
        "maximumAttendeeCapacity": page.capacity,
    }
    if page.discussion_ends:
        data["endDate"] = page.discussion_ends.isoformat()
    locations = []
    if page.discussion_place:
        locations.append({"@type": "Place", "name": page.discussion_place})
    if page.meeting_url:
        locations.append({"@type": "VirtualLocation", "url": page.meeting_url})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
        data["eventAttendanceMode"] = (
            f"{SCHEMA}/MixedEventAttendanceMode"
            if len(locations) > 1
            else f"{SCHEMA}/OnlineEventAttendanceMode"
            if page.meeting_url
            else f"{SCHEMA}/OfflineEventAttendanceMode"
        )
    if page.leader:
        name = page.leader.display_name
        data["performer"] = {"@type": "Person", "name": name() if callable(name) else name}
    books = [_book(b, request) for b in page.books()] if hasattr(page, "books") else []
    if books:
        data["about"] = books
    return data


def shelf(page, request):
    """A themed shelf: an ItemList of its books in shelf order."""
    entries = page.entries()
    data = {
        "@context": SCHEMA,
        "@type": "ItemList",
        "name": page.title,
        "description": _text(page.introduction) or page.theme,
        "url": page.get_full_url(request),
        "inLanguage": _language(page),
        "numberOfItems": len(entries),
        "itemListOrder": f"{SCHEMA}/ItemListOrderAscending",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "item": _book(book, request)}
            for n, (book, _note) in enumerate(entries, start=1)
        ],
    }
    if page.place:
        data["contentLocation"] = {"@type": "Place", "name": page.place}
    return data


def guide(page, request):
    """A guide: a CollectionPage about its subjects, maintained by its owners."""
    english = page.locale.language_code.startswith("en")
    data = {
        "@context": SCHEMA,
        "@type": "CollectionPage",
        "name": page.title,
        "description": _text(page.summary) or _text(page.search_description),
        "url": page.get_full_url(request),
        "inLanguage": _language(page),
        "publisher": {"@type": "Library", "name": site_name()},
        "about": [
            {"@type": "Thing", "name": (s.name_en if english else s.name_zh) or s.name_zh}
            for s in page.subjects.all()
        ],
        "maintainer": [
            {"@type": "Person", "name": (o.name_en if english else o.name_zh) or o.name_zh}
            for o in page.owners.all()
        ],
    }
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    return data


def web_page(page, request):
    return {
        "@context": SCHEMA,
        "@type": "WebPage",
        "name": page.seo_title or page.title,
        "description": _text(page.search_description),
        "url": page.get_full_url(request),
        "inLanguage": _language(page),
    }


DEFAULTS = {
    "reading.recommendationpage": recommendation,
    "reading.clubpage": club,
    "reading.shelfpage": shelf,
    "guides.guidepage": guide,
}


def json_ld(page, request):
    method = getattr(page, "get_json_ld", None)
    if callable(method):
        return method(request)
    builder = DEFAULTS.get(page._meta.label_lower, web_page)
    return builder(page, request)


def site_name():
    with translation.override(translation.get_language() or settings.LANGUAGE_CODE):
        return str(settings.WAGTAIL_SITE_NAME)


def _default_description(page):
    for name in ("search_description", "intro", "summary", "text", "introduction", "theme"):
        value = _text(getattr(page, name, ""), 40)
        if value:
            return value
    return ""


def _default_image(page):
    for name in ("cover", "image", "photo"):
        image = getattr(page, name, None)
        if image is not None and hasattr(image, "get_rendition"):
            return image
    book = getattr(page, "book", None)
    return getattr(book, "cover", None)


def open_graph(page, request):
    """Open Graph properties: title, description, image, url, type, locale (and alternates)."""
    og = {
        "title": page.seo_title or page.title,
        "description": _default_description(page),
        "url": page.get_full_url(request),
        "type": "article" if page._meta.label_lower in DEFAULTS else "website",
        "site_name": site_name(),
        "image": _default_image(page),
    }
    method = getattr(page, "get_og", None)
    if callable(method):
        og.update({k: v for k, v in (method(request) or {}).items() if v is not None})
    if og["image"] is not None and not isinstance(og["image"], str):
        og["image"] = image_url(og["image"], request)
    og["locale"] = _language(page).replace("-", "_")
    return og
