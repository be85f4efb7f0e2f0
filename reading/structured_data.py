"""schema.org JSON-LD of reading's pages and book records (the page types' `get_json_ld`).

A recommendation is a Book with its Review, a club an Event, a shelf an ItemList of Books;
the book page is the Book alone. Personal data is never included: a recommender only as
they allowed (`Recommender.credited_name`), a club's participants never.
"""

from website.core.structured_data import (
    SCHEMA,
    image_url,
    language_tag,
    plain_text,
    site_name,
)


def book(book, request, with_url=False):
    """A Book, with its print and e-book holdings as work examples."""
    data = {"@type": "Book", "name": book.title}
    if with_url:
        data["url"] = request.build_absolute_uri(book.get_absolute_url())
    if book.subtitle:
        data["alternativeHeadline"] = book.subtitle
    if book.author_list:
        data["author"] = [{"@type": "Person", "name": name} for name in book.author_list]
    if book.isbn13:
        data["isbn"] = book.isbn13
    if book.publisher:
        data["publisher"] = {"@type": "Organization", "name": book.publisher}
    if book.year:
        data["datePublished"] = str(book.year)
    if book.language not in ("", "other"):
        data["inLanguage"] = book.language
    url = image_url(book.cover, request, "max-600x600")
    if url:
        data["image"] = url
    work_examples = []
    if book.has_print:
        work_examples.append({"@type": "Book", "bookFormat": f"{SCHEMA}/Hardcover"})
    for ebook in book.ebook_list:
        work_examples.append({"@type": "Book", "bookFormat": f"{SCHEMA}/EBook", "url": ebook.url})
    if work_examples:
        data["workExample"] = work_examples
    return data


def recommendation(page, request):
    """A recommendation: the Book, reviewed by the reader as they allowed to be named."""
    review = {
        "@type": "Review",
        "reviewBody": plain_text(page.text, 200),
        "datePublished": page.recommended_on.isoformat(),
        "inLanguage": language_tag(page),
        "url": page.get_full_url(request),
        "publisher": {"@type": "Library", "name": site_name()},
    }
    credited = page.recommender.credited_name(page.locale.language_code)
    if credited is not None:
        review["author"] = {"@type": "Person", "name": credited}
    return {"@context": SCHEMA, **book(page.book, request), "review": review}


def club(page, request):
    """A reading club: an Event (the discussion) with the reading period in its description."""
    data = {
        "@context": SCHEMA,
        "@type": "Event",
        "name": page.title,
        "description": plain_text(page.introduction) or plain_text(page.search_description),
        "startDate": page.discussion_starts.isoformat(),
        "url": page.get_full_url(request),
        "inLanguage": language_tag(page),
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
    books = [book(b, request) for b in page.books()]
    if books:
        data["about"] = books
    # A series (reading.sessions; imported here, it reads the club models): the club spans
    # its sessions, each a sub-event with its own time and place.
    from reading.sessions import sessions_of

    series = [s for s in sessions_of(page) if s.in_series]
    if series:
        data["subEvent"] = [session_event(page, s) for s in series]
    return data


def session_event(page, session):
    event = {
        "@type": "Event",
        "name": f"{page.title}: {session.title}",
        "startDate": session.starts.isoformat(),
        "endDate": session.end_time.isoformat(),
        "eventStatus": f"{SCHEMA}/EventScheduled",
    }
    locations = []
    if session.place:
        locations.append({"@type": "Place", "name": session.place})
    if session.meeting_url:
        locations.append({"@type": "VirtualLocation", "url": session.meeting_url})
    if locations:
        event["location"] = locations[0] if len(locations) == 1 else locations
    return event


def shelf(page, request):
    """A themed shelf: an ItemList of its books in shelf order."""
    entries = page.entries()
    data = {
        "@context": SCHEMA,
        "@type": "ItemList",
        "name": page.title,
        "description": plain_text(page.introduction) or page.theme,
        "url": page.get_full_url(request),
        "inLanguage": language_tag(page),
        "numberOfItems": len(entries),
        "itemListOrder": f"{SCHEMA}/ItemListOrderAscending",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "item": book(b, request)}
            for n, (b, _note) in enumerate(entries, start=1)
        ],
    }
    if page.place:
        data["contentLocation"] = {"@type": "Place", "name": page.place}
    return data
