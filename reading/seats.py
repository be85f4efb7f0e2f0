"""Who holds a seat in a reading club: sign-up, cancellation, promotion from the waitlist.

Every change to a club's seats runs in one transaction that first locks the club's row
(SELECT … FOR UPDATE). Concurrent sign-ups for the same club are therefore served one after
another, and the count of confirmed places read under the lock is the truth, so capacity is
never exceeded. The conditional unique constraint on (club, normalised email) is the second
wall: even a path that forgot the lock cannot give one address two active places.
Emails go out only after the transaction commits, so nobody is told of a seat that was
rolled back.
"""

import logging
from functools import partial

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from reading.club_editing import publish_club_changes
from reading.models.clubs import ClubPage, ClubScheduleChange, ClubSignup

logger = logging.getLogger(__name__)


class SignupRefused(Exception):
    """A sign-up or cancellation the rules do not allow; `message` is for the reader."""

    def __init__(self, message, code):
        super().__init__(str(message))
        self.message = message
        self.code = code


WINDOW_MESSAGES = {
    "past": _("This club has already met; sign-up is closed."),
    "not_open": _("Sign-up for this club has not opened yet."),
    "closed": _("Sign-up for this club has closed."),
}


def _locked(club):
    """The club's original page, re-read under a row lock held until the transaction ends."""
    return ClubPage.objects.select_for_update(of=("self",)).get(pk=club.original.pk)


def notify(signup_id, kind, **kwargs):
    """Email the participant once the current transaction commits (in the background)."""
    from reading.emails.clubs import send_club_email

    transaction.on_commit(partial(send_club_email.enqueue, signup_id, kind, **kwargs))


def check_window(club, now=None):
    state = club.signup_state(now)
    if state != "open":
        raise SignupRefused(WINDOW_MESSAGES[state], state)


def check_audience(club, role):
    if club.audience == ClubPage.Audience.STUDENTS and role != ClubSignup.Role.STUDENT:
        raise SignupRefused(_("This club is open to students only."), "audience")
    if club.audience == ClubPage.Audience.STAFF and role != ClubSignup.Role.STAFF:
        raise SignupRefused(_("This club is open to staff only."), "audience")


def sign_up(club, *, name, email, role, member_number, school, note="", language=None, now=None):
    """Give the reader a confirmed place if one is free, else the next place in the waitlist."""
    now = now or timezone.now()
    email_normalised = ClubSignup.normalise_email(email)
    member_number = member_number.strip().upper()
    with transaction.atomic():
        locked = _locked(club)
        check_window(locked, now)
        check_audience(locked, role)
        active = locked.signups.active()
        if active.filter(email_normalised=email_normalised).exists():
            raise SignupRefused(
                _("This email address already has a place in this club (or its waitlist)."),
                "duplicate",
            )
        if active.filter(member_number=member_number).exists():
            raise SignupRefused(
                _("This student or staff number already has a place in this club."), "duplicate"
            )
        confirmed = active.filter(status=ClubSignup.Status.CONFIRMED).count()
        status = (
            ClubSignup.Status.CONFIRMED
            if confirmed < locked.capacity
            else ClubSignup.Status.WAITLISTED
        )
        position = (locked.signups.aggregate(m=Max("position"))["m"] or 0) + 1
        try:
            with transaction.atomic():
                signup = ClubSignup.objects.create(
                    club=locked,
                    name=name.strip(),
                    email=email.strip(),
                    role=role,
                    member_number=member_number,
                    school=school.strip(),
                    note=note.strip(),
                    status=status,
                    position=position,
                    language=language or get_language() or "zh-hans",
                    created_at=now,
                )
        except IntegrityError as exc:
            raise SignupRefused(
                _("This email address already has a place in this club (or its waitlist)."),
                "duplicate",
            ) from exc
        notify(signup.pk, "signed_up")
    logger.info("club sign-up", extra={"club": locked.pk, "status": status})
    return signup


def promote_waitlisted(locked_club, now=None):
    """Fill free seats from the head of the waitlist; the caller holds the club's lock."""
    now = now or timezone.now()
    promoted = []
    confirmed = locked_club.signups.filter(status=ClubSignup.Status.CONFIRMED).count()
    free = locked_club.capacity - confirmed
    if free <= 0 or locked_club.is_past(now):
        return promoted
    waiting = locked_club.signups.filter(status=ClubSignup.Status.WAITLISTED).order_by("position")[
        :free
    ]
    for signup in waiting:
        signup.status = ClubSignup.Status.CONFIRMED
        signup.promoted_at = now
        signup.save(update_fields=["status", "promoted_at"])
        promoted.append(signup)
        notify(signup.pk, "promoted")
    return promoted


def cancel(signup, now=None):
    """Give up a place (or a waitlist place); the first waiting reader takes a freed seat."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked(signup.club)
        signup = ClubSignup.objects.select_for_update().get(pk=signup.pk)
        if signup.status == ClubSignup.Status.CANCELLED:
            raise SignupRefused(_("This place was already cancelled."), "cancelled")
        if locked.is_past(now):
            raise SignupRefused(_("This club has already met."), "past")
        signup.status = ClubSignup.Status.CANCELLED
        signup.cancelled_at = now
        signup.save(update_fields=["status", "cancelled_at"])
        notify(signup.pk, "cancelled")
        promoted = promote_waitlisted(locked, now)
    return signup, promoted


def after_publish(page):
    """Run when a club page is published (see the page_published receiver)."""
    if not page.is_original:
        return
    shared = {name: getattr(page, name) for name in ClubPage.SHARED_FIELDS}
    ClubPage.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk).update(
        **shared
    )
    with transaction.atomic():
        locked = _locked(page)
        promote_waitlisted(locked)
        last = locked.schedule_changes.order_by("-sequence").first()
        if last is not None and not last.differs_from(locked):
            return
        change = ClubScheduleChange.objects.create(
            club=locked,
            sequence=0 if last is None else last.sequence + 1,
            **{name: getattr(locked, name) for name in ClubScheduleChange.WATCHED},
        )
        if last is None:
            return
        recipients = list(locked.signups.active().values_list("pk", flat=True))
        for signup_id in recipients:
            notify(signup_id, "moved")
        change.notified = len(recipients)
        change.save(update_fields=["notified"])
    logger.info(
        "club discussion moved", extra={"club": page.pk, "participants told": len(recipients)}
    )


def promote(signup, *, user, add_seat=False, now=None):
    """The club's teacher gives this waitlisted reader a place, ahead of the queue.

    With a seat free the reader takes it. With every seat taken the teacher may add one
    (`add_seat`): the club's seats are raised by one, published as a revision of the page in
    the teacher's name, so capacity is never exceeded and the page's history says why. The
    reader gets the same "promoted" email as on the automatic path."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked(signup.club)
        signup = ClubSignup.objects.select_for_update().get(pk=signup.pk)
        if signup.status != ClubSignup.Status.WAITLISTED:
            raise SignupRefused(_("This reader is not on the waitlist."), "not_waitlisted")
        if locked.is_past(now):
            raise SignupRefused(_("This club has already met."), "past")
        confirmed = locked.signups.filter(status=ClubSignup.Status.CONFIRMED).count()
        full = confirmed >= locked.capacity
        if full and not add_seat:
            raise SignupRefused(
                _("Every seat is taken: add a seat to promote this reader."), "full"
            )
        signup.status = ClubSignup.Status.CONFIRMED
        signup.promoted_at = now
        signup.save(update_fields=["status", "promoted_at"])
        notify(signup.pk, "promoted")
        if full:
            # Published after the reader's seat is taken, so the new seat is theirs and the
            # waitlist's automatic promotion (after_publish) finds no seat left to fill.
            publish_club_changes(locked, user, {"capacity": confirmed + 1})
    logger.info("club place promoted by its teacher", extra={"club": locked.pk})
    return signup
