"""The rules of a reading club's email reminders, which participants opt into at sign-up.

- A **nudge** on a day of the reading period without a check-in for that day (the local day,
  settings.TIME_ZONE, as streaks count it: reading.streaks), at most one a day, saying what
  the plan has due next (reading.plans).
- One **the day before the discussion** (in a series, the day before each session:
  reading.sessions), with its time, place, meeting link and .ics; that day there is no nudge
  at all (whether or not this email has gone out yet), so nobody gets two reminders in one
  day, whichever of them fails and is retried.
- The teacher's **digest** of the check-ins (reading.digest), the day before the discussion,
  to the club leader's admin account.

Only confirmed participants who opted in and have not opted out since are reminded: never a
waitlisted or cancelled sign-up. `send_club_reminders` (a daily scheduled command) calls
`send_due()`; every email is claimed first as a ClubReminder row under a unique constraint and
released if it could not be sent, so running the command twice sends nothing the second time
and a failed email is tried again at the next run. A claim never marked sent after
STALE_CLAIM (the process that wrote it died) is free again.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import partial

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from reading import plans, streaks
from reading.emails import reminders as emails
from reading.models.club_sessions import ClubSession
from reading.models.clubs import CheckIn, ClubPage, ClubSignup
from reading.models.reminders import ClubReminder

logger = logging.getLogger(__name__)

Kind = ClubReminder.Kind

# Sending one email takes seconds: a claim still unsent after this was left by a process that
# died between the claim and the email, and may be taken again.
STALE_CLAIM = timedelta(minutes=30)


def day_bounds(day):
    """The aware datetimes at which `day` starts and ends in the site's time zone."""
    zone = streaks.site_zone()
    start = datetime.combine(day, time.min, tzinfo=zone)
    return start, datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)


def remindable():
    """The sign-ups that may be reminded at all: confirmed, opted in, in a live club."""
    return ClubSignup.objects.filter(
        reminders=True, status=ClubSignup.Status.CONFIRMED, club__live=True
    )


def _held():
    """Claims that count: sent, or claimed recently enough to be still on their way."""
    return ClubReminder.objects.filter(
        Q(sent_at__isnull=False) | Q(created_at__gte=timezone.now() - STALE_CLAIM)
    )


def _sent(kind, day):
    return _held().filter(signup=OuterRef("pk"), kind=kind, day=day)


def eve_due(today):
    """(sign-up, session pk) pairs whose club meets tomorrow (local days) and who were not
    reminded yet today: a club's discussion, or each session of a series (reading.sessions),
    so a series reminds the day before each of its sessions."""
    start, end = day_bounds(today + timedelta(days=1))
    tomorrow = {}
    for page_id, session_id in (
        ClubSession.objects.filter(starts__gte=start, starts__lt=end)
        .order_by("starts")
        .values_list("page_id", "pk")
    ):
        tomorrow.setdefault(page_id, session_id)
    single = (
        ClubPage.objects.filter(discussion_starts__gte=start, discussion_starts__lt=end)
        .exclude(Exists(ClubSession.objects.filter(page=OuterRef("pk"))))
        .values_list("pk", flat=True)
    )
    for page_id in single:
        tomorrow.setdefault(page_id, None)
    signups = (
        remindable()
        .filter(club_id__in=tomorrow)
        .exclude(Exists(_sent(Kind.EVE, today)))
        .select_related("club")
        .order_by("club_id", "position")
    )
    return [(signup, tomorrow[signup.club_id]) for signup in signups]


def nudges_due(today):
    """Sign-ups in their club's reading period with no check-in for `today`, not nudged yet
    today, and whose club does not meet tomorrow (nor any session of its series): that day the
    day-before email replaces the nudge, even while it is failing and waiting to be retried."""
    start, end = day_bounds(today + timedelta(days=1))
    return (
        remindable()
        .filter(club__reading_starts__lte=today, club__reading_ends__gte=today)
        .exclude(club__discussion_starts__gte=start, club__discussion_starts__lt=end)
        .exclude(
            Exists(
                ClubSession.objects.filter(page=OuterRef("club"), starts__gte=start, starts__lt=end)
            )
        )
        .exclude(Exists(CheckIn.objects.filter(signup=OuterRef("pk"), day=today)))
        .exclude(Exists(_sent(Kind.NUDGE, today)))
        .select_related("club")
        .order_by("club_id", "position")
    )


def digests_due(today):
    """Original club pages meeting tomorrow whose leader has an admin account with an email."""
    start, end = day_bounds(today + timedelta(days=1))
    return [
        club
        for club in ClubPage.objects.live()
        .filter(discussion_starts__gte=start, discussion_starts__lt=end)
        .exclude(leader__user__isnull=True)
        .exclude(leader__user__email="")
        .exclude(
            Exists(
                _held().filter(
                    club=OuterRef("pk"), signup__isnull=True, kind=Kind.DIGEST, day=today
                )
            )
        )
        .select_related("leader__user")
        .order_by("pk")
        if club.is_original
    ]


def due_milestone(club, today):
    """The part of the plan due next on `today` (None without a plan): what a nudge says to
    read."""
    return plans.milestone_for(today, club.plan)


def claim(club, signup, kind, day):
    """The reminder row for this email, written now; None if it was claimed already. A claim
    left unsent for STALE_CLAIM is taken over (one conditional update: one process wins)."""
    try:
        with transaction.atomic():
            return ClubReminder.objects.create(club=club, signup=signup, kind=kind, day=day)
    except IntegrityError:
        pass
    now = timezone.now()
    stale = ClubReminder.objects.filter(
        club=club,
        signup=signup,
        kind=kind,
        day=day,
        sent_at__isnull=True,
        created_at__lt=now - STALE_CLAIM,
    )
    row = stale.values_list("pk", flat=True).first()
    if row is None or not stale.filter(pk=row).update(created_at=now):
        return None
    return ClubReminder.objects.get(pk=row)


def deliver(reminder, build):
    """Build and send a claimed reminder's email (`build()` returns it); if either fails,
    release the claim, so that the next run tries again. Returns the number of emails sent."""
    try:
        sent = build().send()
    except Exception:
        logger.exception("club reminder not sent", extra={"kind": reminder.kind})
        reminder.delete()
        return 0
    reminder.sent_at = timezone.now()
    reminder.save(update_fields=["sent_at"])
    return sent


@dataclass
class Sent:
    nudge: int = 0
    eve: int = 0
    digest: int = 0

    @property
    def total(self):
        return self.nudge + self.eve + self.digest


def send_due(today=None):
    """Send every reminder due on `today` (the local date) that was not sent yet."""
    today = today or timezone.localdate()
    result = Sent()
    for signup, session_pk in eve_due(today):
        reminder = claim(signup.club, signup, Kind.EVE, today)
        if reminder is not None:
            result.eve += deliver(reminder, partial(emails.eve_message, signup, session_pk))
    plans_by_club = {}
    for signup in nudges_due(today):
        if signup.club_id not in plans_by_club:
            plans_by_club[signup.club_id] = due_milestone(signup.club, today)
        reminder = claim(signup.club, signup, Kind.NUDGE, today)
        if reminder is not None:
            milestone = plans_by_club[signup.club_id]
            build = partial(emails.nudge_message, signup, today, milestone)
            result.nudge += deliver(reminder, build)
    for club in digests_due(today):
        reminder = claim(club, None, Kind.DIGEST, today)
        if reminder is not None:
            result.digest += deliver(reminder, partial(emails.digest_message, club))
    logger.info(
        "club reminders sent",
        extra={"nudge": result.nudge, "eve": result.eve, "digest": result.digest},
    )
    return result


# The link that stops the reminders travels in every reminder and in its List-Unsubscribe header,
# which mail providers fetch: it is signed apart (its own salt) and does nothing else, unlike
# the private link, which also cancels the place and edits the check-ins.
OPT_OUT_SALT = "reading.clubs.reminders-off"


def opt_out_token(signup):
    return signing.dumps({"s": signup.pk, "n": signup.secret}, salt=OPT_OUT_SALT)


def signup_from_opt_out_token(token):
    """(signup, None) or (None, reason): 'invalid', or 'cancelled' for a cancelled place."""
    try:
        data = signing.loads(token, salt=OPT_OUT_SALT)
        signup_id, nonce = int(data["s"]), str(data["n"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None, "invalid"
    signup = ClubSignup.objects.select_related("club").filter(pk=signup_id).first()
    if signup is None or not constant_time_compare(signup.secret, nonce):
        return None, "invalid"
    if signup.status == ClubSignup.Status.CANCELLED:
        return None, "cancelled"
    return signup, None


def opt_out(signup):
    """No more reminders for this sign-up (the link in every reminder, or the private page)."""
    ClubSignup.objects.filter(pk=signup.pk).update(reminders=False)
    signup.reminders = False
