"""The rule of a reading club's sessions: one place that says when and where a club meets.

A club may be a series (ClubSession rows on its original page: a meeting per part of the
book); a club without rows meets once, at its discussion (discussion_starts, discussion_ends,
discussion_place, meeting_url), as every club did before series existed. `sessions_of(club)`
gives both as the same kind of object, so the club page, its .ics, the reminders, the
structured data, the attendance screens and the emails never ask which kind of club it is.

With rows, the club's discussion fields are derived from them on every save
(`derive_discussion`): discussion_starts is the first session's start, discussion_ends the
last session's end (so "the club is past" means after its last session), the place and link
the first session's. Code that reads the discussion fields (the club index, the home page,
the feeds, the reports) therefore stays right without knowing about series.

One sign-up covers the series. Attendance of a series is one ClubSessionAttendance row per
participant and session; the sign-up's `attended` is kept as its summary (came to at least
one session / marked and came to none / not marked), so the participation reports read
it as before. A club without rows keeps its single `attended` field, marked as it always was.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from reading.models.club_sessions import ClubSession, ClubSessionAttendance
from reading.models.clubs import ClubSignup

DEFAULT_LENGTH = timedelta(hours=2)


def _english():
    return (get_language() or "").startswith("en")


@dataclass
class Session:
    """One meeting of a club, whether a series' row or a single club's discussion."""

    number: int
    count: int
    title: str
    starts: object
    ends: object
    place: str
    meeting_url: str
    milestone: object = None
    row: ClubSession | None = None

    @property
    def pk(self):
        return self.row.pk if self.row is not None else None

    @property
    def key(self):
        """Stable within the club: the .ics UIDs and the admin's choice use it."""
        return f"session-{self.row.pk}" if self.row is not None else "discussion"

    @property
    def end_time(self):
        return self.ends or self.starts + DEFAULT_LENGTH

    @property
    def in_series(self):
        return self.row is not None

    def is_past(self, now=None):
        return self.end_time < (now or timezone.now())


def rows_of(club, fresh=False):
    """The original page's session rows in order (the editor's unsaved ones in a preview),
    read once per page object unless `fresh`."""
    cached = getattr(club, "_session_rows", None)
    if cached is not None and not fresh:
        return cached
    rows = list(club.original.sessions.select_related("milestone"))
    club._session_rows = rows
    return rows


def prefetch(clubs):
    """Read the session rows of many clubs (of any language) in one query, for lists."""
    keys = {club.translation_key for club in clubs}
    rows = {}
    for row in (
        ClubSession.objects.filter(page__translation_key__in=keys)
        .select_related("milestone", "page")
        .order_by("page_id", "sort_order")
    ):
        rows.setdefault(row.page.translation_key, []).append(row)
    for club in clubs:
        club._session_rows = rows.get(club.translation_key, [])
    return clubs


def sessions_of(club):
    """The club's sessions in order: its series, or its one discussion. One query at most."""
    rows = rows_of(club)
    if not rows:
        return [
            Session(
                number=1,
                count=1,
                title=_("Discussion"),
                starts=club.discussion_starts,
                ends=club.discussion_ends,
                place=club.place_display(),
                meeting_url=club.meeting_url,
            )
        ]
    english = _english()
    return [
        Session(
            number=number,
            count=len(rows),
            title=(row.title_en or row.title) if english else row.title,
            starts=row.starts,
            ends=row.ends,
            place=(row.place_en or row.place) if english else (row.place or row.place_en),
            meeting_url=row.meeting_url,
            milestone=row.milestone,
            row=row,
        )
        for number, row in enumerate(rows, start=1)
    ]


def is_series(club):
    return bool(rows_of(club))


def find(club, session_pk):
    """The club's session with this pk (a series' row), or None."""
    for session in sessions_of(club):
        if session.row is not None and str(session.row.pk) == str(session_pk):
            return session
    return None


def next_session(club, now=None):
    """The first session not over yet (the last one once all are over)."""
    sessions = sessions_of(club)
    now = now or timezone.now()
    return next((s for s in sessions if not s.is_past(now)), sessions[-1])


def signature(club):
    """The series' schedule as one string, so that a change to any session is noticed by the
    same comparison that notices a moved discussion (ClubScheduleChange.WATCHED)."""
    return "\n".join(
        f"{row.pk}|{row.starts.isoformat()}|{row.ends.isoformat() if row.ends else ''}|"
        f"{row.place}|{row.place_en}|{row.meeting_url}"
        for row in rows_of(club, fresh=True)
        if row.starts
    )


def derive_discussion(club):
    """Keep a series' discussion fields on its sessions (see the module's docstring)."""
    rows = [row for row in rows_of(club, fresh=True) if row.starts]
    if not rows:
        return
    first, last = rows[0], rows[-1]
    club.discussion_starts = first.starts
    club.discussion_ends = last.ends or last.starts + DEFAULT_LENGTH
    club.discussion_place = first.place or first.place_en
    club.meeting_url = first.meeting_url


def session_errors(reading_starts, rows):
    """{index: (field, message)} for session rows (dicts of starts/ends/place/place_en/
    meeting_url, in the editor's order) that the rules refuse."""
    errors = {}
    previous = None
    for index, row in enumerate(rows):
        starts, ends = row.get("starts"), row.get("ends")
        if starts is None:
            continue
        if ends is not None and ends <= starts:
            errors[index] = ("ends", _("A session must end after it starts."))
        elif reading_starts and timezone.localdate(starts) < reading_starts:
            errors[index] = (
                "starts",
                _("A session cannot start before the reading period, which starts on %(day)s.")
                % {"day": reading_starts.isoformat()},
            )
        elif previous is not None and starts < previous:
            errors[index] = (
                "starts",
                _("Sessions go in the order they meet: this one starts before the one above."),
            )
        elif not (row.get("place") or row.get("place_en") or row.get("meeting_url")):
            errors[index] = ("place", _("Give a place or an online meeting link."))
        previous = starts
    return errors


# Attendance ------------------------------------------------------------------------------


def attendance_map(club):
    """{(signup_pk, session_pk): present} for a series' rows (one query)."""
    return {
        (signup_id, session_id): present
        for signup_id, session_id, present in ClubSessionAttendance.objects.filter(
            session__page=club.original
        ).values_list("signup_id", "session_id", "present")
    }


def summary(marks):
    """A sign-up's `attended` from its per-session marks: came to one, came to none, unmarked."""
    marks = [m for m in marks if m is not None]
    if not marks:
        return None
    return any(marks)


def record(signup, session, present, how, now=None):
    """Mark (present True/False) or clear (None) `signup` at `session`, then keep the sign-up's
    summary. A club's single discussion (session.row None) is its `attended` field, as ever."""
    if session.row is None:
        ClubSignup.objects.filter(pk=signup.pk).update(attended=present)
        signup.attended = present
        return signup
    with transaction.atomic():
        if present is None:
            ClubSessionAttendance.objects.filter(signup=signup, session=session.row).delete()
        else:
            ClubSessionAttendance.objects.update_or_create(
                signup=signup,
                session=session.row,
                defaults={"present": present, "how": how, "at": now or timezone.now()},
            )
        marks = ClubSessionAttendance.objects.filter(signup=signup).values_list(
            "present", flat=True
        )
        attended = summary(list(marks))
        ClubSignup.objects.filter(pk=signup.pk).update(attended=attended)
    signup.attended = attended
    return signup


def mark_of(signup, session, marks):
    """Present (True, False) or not marked (None) at `session`; `marks` from attendance_map."""
    if session.row is None:
        return signup.attended
    return marks.get((signup.pk, session.row.pk))


def per_session_counts(club, sessions=None, marks=None):
    """[(session, came, absent)] for the club's confirmed participants."""
    sessions = sessions if sessions is not None else sessions_of(club)
    confirmed = list(club.original.signups.filter(status=ClubSignup.Status.CONFIRMED))
    marks = marks if marks is not None else attendance_map(club)
    result = []
    for session in sessions:
        values = [mark_of(signup, session, marks) for signup in confirmed]
        result.append((session, values.count(True), values.count(False)))
    return result
