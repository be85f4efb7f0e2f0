"""iCalendar files for reading clubs: one per club, and a feed of the clubs to come.

Each club gives the online reading period (whole days) and one event per session
(reading.sessions: a series' sessions, or the one discussion). Their UIDs are stable and
their SEQUENCE is the number of times the schedule has moved, so a calendar that already
holds the club replaces the entry rather than adding a second one.
Nothing about participants goes in: these files are public.
"""

from datetime import timedelta
from urllib.parse import urlsplit

from icalendar import Calendar, Event

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from reading.models.clubs import calendar_sequence
from reading.sessions import sessions_of


def _host():
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "library.example.edu"


def new_calendar(name):
    cal = Calendar()
    cal.add("prodid", "-//University Library//Reading clubs//EN")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    return cal


def club_events(club, request=None):
    """The reading-period and session events of one club page (in its language)."""
    original = club.original
    sequence = calendar_sequence(original)
    url = club.full_url or ""
    if request is not None and not url:
        url = request.build_absolute_uri(club.url or "/")
    stamp = timezone.now()
    uid = f"club-{original.pk}"

    reading = Event()
    reading.add("uid", f"{uid}-reading@{_host()}")
    reading.add("dtstamp", stamp)
    reading.add("summary", _("%(title)s: online reading and check-ins") % {"title": club.title})
    reading.add("dtstart", club.reading_starts)
    reading.add("dtend", club.reading_ends + timedelta(days=1))
    reading.add("url", url)
    reading.add("transp", "TRANSPARENT")

    events = [reading]
    for session in sessions_of(club):
        event = Event()
        event.add("uid", f"{uid}-{session.key}@{_host()}")
        event.add("dtstamp", stamp)
        event.add("sequence", sequence)
        if session.in_series:
            summary = _("%(title)s: session %(number)d of %(count)d, %(session)s") % {
                "title": club.title,
                "number": session.number,
                "count": session.count,
                "session": session.title,
            }
        else:
            summary = _("%(title)s: discussion") % {"title": club.title}
        event.add("summary", summary)
        event.add("dtstart", session.starts)
        event.add("dtend", session.end_time)
        location = session.place or session.meeting_url
        if location:
            event.add("location", location)
        description = [club.search_description or ""]
        if session.meeting_url:
            description.append(_("Online meeting: %(url)s") % {"url": session.meeting_url})
        description.append(url)
        event.add("description", "\n".join(line for line in description if line))
        event.add("url", url)
        events.append(event)
    return events


def club_calendar(club, request=None):
    cal = new_calendar(club.title)
    for event in club_events(club, request):
        cal.add_component(event)
    return cal.to_ical()


def clubs_feed(clubs, name, request=None):
    cal = new_calendar(name)
    for club in clubs:
        for event in club_events(club, request):
            cal.add_component(event)
    return cal.to_ical()
