"""Waitlist offers that expire: the rules, in one place.

A club with `offer_hours` above 0 does not promote the first waiting reader when a seat
frees: it offers them the seat, held for them for that many hours (never past the start of
the discussion). While the offer runs the seat is theirs to take and nobody else's: it counts
against capacity (`ClubSignup.TAKES_A_SEAT`). The reader accepts (their place is confirmed)
or declines (they leave the waitlist) on their private page; if they do neither in time the
offer expires and passes to the next waiting reader.

A reader whose offer expired keeps their place on the waitlist, but seats are no longer
offered to them automatically (else the last reader waiting would be offered the same seat
every N hours): the teacher can still give them a place by hand. Accepting after the deadline
is refused with that explanation.

The changes themselves run in `reading.seats` under the club's row lock, as every change to
seats does; expiry is processed there lazily whenever the club's seats are touched and by the
`expire_club_offers` command.
"""

from datetime import timedelta

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reading.models.clubs import ClubSignup

# What the participant's page says about an offer (`state`).
OFFERED = "offered"
EXPIRED = "expired"

REFUSALS = {
    "expired": gettext_lazy(
        "This offer has expired: the seat was held for you until its deadline and has passed "
        "to the next reader on the waitlist. You keep your place on the waitlist, but seats "
        "are no longer offered to you automatically; the teacher can still give you a place."
    ),
    "no_offer": gettext_lazy("No seat is being offered to you in this club at the moment."),
    "confirmed": gettext_lazy("Your place is already confirmed."),
}


def is_offer_mode(club):
    return club.offer_hours > 0


def deadline(club, now):
    """When an offer made `now` expires, or None when the seat should go at once: the club
    promotes at once (0 hours), or the discussion starts too soon for an offer to run."""
    if not is_offer_mode(club):
        return None
    expires = min(now + timedelta(hours=club.offer_hours), club.discussion_starts)
    return expires if expires > now else None


def taken(club):
    """Seats held, read under the caller's lock: confirmed places and running offers."""
    return club.signups.filter(ClubSignup.TAKES_A_SEAT).count()


def due(signups, now):
    """The offers among `signups` whose time is up (the seat is still held until processed)."""
    return signups.filter(ClubSignup.HOLDS_OFFER, offer_expires_at__lte=now)


def next_in_line(club, count):
    """Who is offered the next `count` freed seats: the waitlist in order, without readers
    offered a seat before (holding it now, or passed over by it)."""
    return club.signups.filter(
        status=ClubSignup.Status.WAITLISTED,
        offered_at__isnull=True,
    ).order_by("position")[:count]


def state(signup, now=None):
    """OFFERED (a seat is held for them now), EXPIRED (their offer ran out, processed or not)
    or None."""
    if signup.status != ClubSignup.Status.WAITLISTED:
        return None
    now = now or timezone.now()
    if signup.offer_expires_at is None:
        return None
    if signup.offer_passed_at is None and signup.offer_expires_at > now:
        return OFFERED
    return EXPIRED


def when(value):
    """A deadline as readers and teachers read it: local time, in the active language."""
    return date_format(timezone.localtime(value), "Y-m-d H:i")


def label(signup, now=None):
    """The offer's state in a few words, for the teacher's list and the attendance CSV."""
    current = state(signup, now)
    if current == OFFERED:
        return _("Seat offered until %(deadline)s") % {"deadline": when(signup.offer_expires_at)}
    if current == EXPIRED:
        return _("Offer expired %(deadline)s; not offered again") % {
            "deadline": when(signup.offer_expires_at)
        }
    if signup.offered_at is None or signup.offer_passed_at is not None:
        return ""  # never offered, or promoted by the teacher after the offer passed
    if signup.status == ClubSignup.Status.CONFIRMED:
        return _("Offer accepted")
    if signup.status == ClubSignup.Status.CANCELLED:
        return _("Offer declined")
    return ""
