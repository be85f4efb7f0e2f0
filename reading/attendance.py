"""Attendance by code at a club's discussion.

The teacher opens a code in "My reading clubs": six characters from an alphabet without the
letters and digits that are read one for another (0/O, 1/I/L), valid for
settings.CLUB_ATTENDANCE_CODE_MINUTES and for that club only; opening a new one ends the old.
A confirmed participant enters it through their private link (or scans its QR code, which
opens their page with the code filled in) and is marked as attended: the same field the
teacher marks by hand, so the attendance CSV and the participation report follow. Guesses are
limited per participant (reading.views.clubs.ATTENDANCE_LIMIT).

In a series (reading.sessions) the teacher opens the code for one session: it marks the
participant present at that session only (a ClubSessionAttendance row), and a code offered for
another session than its own is refused. A club without sessions is marked as it always was.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _

from reading import sessions
from reading.models.club_sessions import ClubSessionAttendance
from reading.models.clubs import ClubAttendanceCode, ClubSignup

OTHER_SESSION = _(
    "This code is for another session of the series. Ask the teacher for this session's code."
)
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 6


class AttendanceRefused(Exception):
    """A code the rules refuse; `message` is for the participant."""

    def __init__(self, message, code):
        super().__init__(str(message))
        self.message = message
        self.code = code


def new_code(club, user=None, now=None, session=None):
    """Open a code (for `session`, a reading.sessions.Session of a series), ending the old."""
    now = now or timezone.now()
    return ClubAttendanceCode.objects.create(
        club=club.original,
        session=session.row if session is not None else None,
        code="".join(secrets.choice(ALPHABET) for _ in range(LENGTH)),
        created_at=now,
        expires_at=now + timedelta(minutes=settings.CLUB_ATTENDANCE_CODE_MINUTES),
        created_by=user,
    )


def current_code(club, now=None):
    """The club's code still valid now, or None."""
    latest = ClubAttendanceCode.objects.filter(club=club.original).order_by("-created_at").first()
    return latest if latest is not None and latest.is_valid(now) else None


def is_current(club, code, now=None):
    """Whether `code` is the club's code valid now (compared in constant time)."""
    current = current_code(club, now)
    return current is not None and bool(code) and secrets.compare_digest(current.code, code)


def normalise(code):
    return "".join((code or "").split()).upper()


def mark_present(signup, code, now=None, session=None):
    """Mark `signup` present if `code` is its club's current code (at the code's session, which
    must be `session` when one is named); else AttendanceRefused."""
    if signup.status != ClubSignup.Status.CONFIRMED:
        raise AttendanceRefused(
            _("Only participants with a confirmed place can mark themselves as present."),
            "not_confirmed",
        )
    code = normalise(code)
    latest = (
        ClubAttendanceCode.objects.filter(club=signup.club)
        .select_related("session")
        .order_by("-created_at")
        .first()
    )
    if latest is None or not constant_time_compare(latest.code, code):
        raise AttendanceRefused(
            _("This is not the code shown at this club's discussion. Check it and try again."),
            "wrong",
        )
    if not latest.is_valid(now):
        raise AttendanceRefused(
            _("This code has expired. Ask the teacher to show the current one."), "expired"
        )
    at = sessions.find(signup.club, latest.session_id) if latest.session_id else None
    if session is not None and (at is None or at.pk != session.pk):
        raise AttendanceRefused(
            OTHER_SESSION,
            "other_session",
        )
    if at is None:
        at = sessions.sessions_of(signup.club)[0]
        if at.in_series:  # a code opened before the club became a series
            raise AttendanceRefused(
                OTHER_SESSION,
                "other_session",
            )
    return sessions.record(signup, at, True, ClubSessionAttendance.How.CODE, now=now)
