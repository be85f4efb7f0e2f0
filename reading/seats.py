"""Who holds a seat in a reading club: sign-up, cancellation, promotion from the waitlist.

Every change to a club's seats runs in one transaction that first locks the club's row
(SELECT … FOR UPDATE). Concurrent sign-ups for the same club are therefore served one after
another, and the count of confirmed places read under the lock is the truth, so capacity is
never exceeded. The conditional unique constraint on (club, normalised email) is the second
wall: even a path that forgot the lock cannot give one address two active places.
Emails go out only after the transaction commits, so nobody is told of a seat that was
rolled back.

A club may offer a freed seat for some hours instead of promoting at once (the rules:
`reading.offers`). The offer, its acceptance, its refusal and its expiry change seats under
the same lock; a running offer counts as a taken seat. Expiry is processed lazily whenever the
club's seats are touched (sign-up, cancellation, an answer to an offer, the teacher's
promotion) and by the `expire_club_offers` command, so a late acceptance and the command give
one answer whichever comes first.

A second sign-up with an address or a student number that already has a place changes
nothing, and its sender is answered exactly as a newcomer would be (`DuplicateSignup.receipt`):
the form must not tell anyone who has signed up. The holder of the place learns of it by email.
"""

import logging
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from reading import offers
from reading.club_editing import publish_club_changes
from reading.models.campaigns import NameDisplay
from reading.models.clubs import ClubPage, ClubScheduleChange, ClubSignup, mask_email

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


class DuplicateSignup(SignupRefused):
    """The address or the student number already holds a place (or waits for one).

    The reader is answered exactly as a newcomer would have been (`receipt`), so the sign-up
    form tells nobody who has a place; the holder of the place is told by email instead."""

    def __init__(self, receipt, holder=None):
        super().__init__(
            _("This email address or student or staff number already has a place in this club."),
            "duplicate",
        )
        self.receipt = receipt
        self.holder = holder


@dataclass(frozen=True)
class SignupReceipt:
    """What the reader who just signed up is told: their place, and where the link went.

    Kept in their session (a page read with a session is never served from, nor stored in,
    the page cache: website/core/cache.py), so the club page shows it instead of the form."""

    status: str
    waitlist_number: int
    masked_email: str

    SESSION_KEY = "reading.club_receipts"

    @property
    def confirmed(self):
        return self.status == ClubSignup.Status.CONFIRMED

    @classmethod
    def of(cls, signup):
        number = 0
        if signup.status == ClubSignup.Status.WAITLISTED:
            number = signup.club.signups.filter(
                status=ClubSignup.Status.WAITLISTED, position__lte=signup.position
            ).count()
        return cls(signup.status, number, mask_email(signup.email))

    def remember(self, session, club):
        receipts = dict(session.get(self.SESSION_KEY, {}))
        receipts[str(club.original.pk)] = [self.status, self.waitlist_number, self.masked_email]
        session[self.SESSION_KEY] = receipts

    @classmethod
    def recalled(cls, request, club):
        """The receipt this browser holds for `club`, or None (never opens a new session)."""
        session = getattr(request, "session", None)
        if session is None or not request.COOKIES.get(settings.SESSION_COOKIE_NAME):
            return None
        value = session.get(cls.SESSION_KEY, {}).get(str(club.original.pk))
        if not value:
            return None
        status, number, masked = value
        return cls(status, int(number), masked)

    @classmethod
    def forget(cls, session, club):
        receipts = dict(session.get(cls.SESSION_KEY, {}))
        if receipts.pop(str(club.original.pk), None) is not None:
            session[cls.SESSION_KEY] = receipts


def _newcomers_place(locked, active, email):
    """The place a new sign-up gets now: a seat if one is free (a seat held for an offer is
    not), else the end of the waitlist."""
    if offers.taken(locked) < locked.capacity:
        return SignupReceipt(ClubSignup.Status.CONFIRMED, 0, mask_email(email))
    waiting = active.filter(status=ClubSignup.Status.WAITLISTED).count()
    return SignupReceipt(ClubSignup.Status.WAITLISTED, waiting + 1, mask_email(email))


def _holder(active, email_normalised, member_number):
    """The active sign-up that already holds this address's or this number's place."""
    return (
        active.filter(email_normalised=email_normalised).first()
        or active.filter(member_number=member_number).first()
    )


def sign_up(
    club,
    *,
    name,
    email,
    role,
    member_number,
    school,
    note="",
    name_display=NameDisplay.INITIALS,
    reminders=False,
    language=None,
    now=None,
):
    """Give the reader a confirmed place if one is free, else the next place in the waitlist.

    A second sign-up for an address or a number that already has a place raises
    `DuplicateSignup` with the answer a newcomer would get; the holder of the place is emailed."""
    now = now or timezone.now()
    email_normalised = ClubSignup.normalise_email(email)
    member_number = member_number.strip().upper()
    language = language or get_language() or "zh-hans"
    holder = None
    with transaction.atomic():
        locked = _locked(club)
        check_window(locked, now)
        check_audience(locked, role)
        if expire_offers(locked, now):
            promote_waitlisted(locked, now)
        active = locked.signups.active()
        receipt = _newcomers_place(locked, active, email)
        holder = _holder(active, email_normalised, member_number)
        if holder is None:
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
                        name_display=name_display,
                        reminders=reminders,
                        status=receipt.status,
                        position=position,
                        language=language,
                        created_at=now,
                    )
            except IntegrityError:
                # Only a path that bypassed the lock gets here; the constraint still holds.
                holder = _holder(active, email_normalised, member_number)
                if holder is None:
                    raise
            else:
                notify(signup.pk, "signed_up")
    if holder is not None:
        _tell_holder(locked, holder, email, email_normalised, language)
        logger.info("club sign-up for a place already held", extra={"club": locked.pk})
        raise DuplicateSignup(receipt, holder)
    logger.info("club sign-up", extra={"club": locked.pk, "status": signup.status})
    return signup


def _tell_holder(club, holder, email, email_normalised, language):
    """Email the holder of the place (their place and link, in their language); when only the
    number matched, tell the address that was typed why it got no place, without naming the
    holder."""
    notify(holder.pk, "duplicate")
    if holder.email_normalised != email_normalised:
        from reading.emails.clubs import send_number_taken

        transaction.on_commit(
            partial(send_number_taken.enqueue, club.pk, email.strip(), email_normalised, language)
        )


def expire_offers(locked_club, now=None):
    """Offers whose time is up pass the reader by (they stay on the waitlist, not offered
    again: reading.offers); the caller holds the club's lock and fills the seats after."""
    now = now or timezone.now()
    expired = list(offers.due(locked_club.signups.all(), now))
    for signup in expired:
        signup.offer_passed_at = now
        signup.save(update_fields=["offer_passed_at"])
        notify(signup.pk, "offer_expired")
    return expired


def promote_waitlisted(locked_club, now=None):
    """Fill free seats from the head of the waitlist; the caller holds the club's lock.

    A club that promotes at once confirms the first waiting readers; one that offers seats
    offers each free seat to the next reader in line and holds it for them. Returns the
    readers promoted or offered a seat."""
    now = now or timezone.now()
    expire_offers(locked_club, now)
    free = locked_club.capacity - offers.taken(locked_club)
    if free <= 0 or locked_club.is_past(now):
        return []
    expires = offers.deadline(locked_club, now)
    if expires is not None:
        chosen = list(offers.next_in_line(locked_club, free))
        for signup in chosen:
            signup.offered_at = now
            signup.offer_expires_at = expires
            signup.save(update_fields=["offered_at", "offer_expires_at"])
            notify(signup.pk, "offered")
        return chosen
    waiting = (
        locked_club.signups.filter(status=ClubSignup.Status.WAITLISTED)
        .exclude(ClubSignup.HOLDS_OFFER)
        .order_by("position")[:free]
    )
    promoted = list(waiting)
    for signup in promoted:
        signup.status = ClubSignup.Status.CONFIRMED
        signup.promoted_at = now
        signup.save(update_fields=["status", "promoted_at"])
        notify(signup.pk, "promoted")
    return promoted


def answer_offer(signup, accept, now=None):
    """The reader accepts the seat offered to them (their place is confirmed) or declines it
    (they leave the waitlist, and the seat is offered to the next reader).

    Expired offers are processed first, under the lock, and that is kept even when the
    answer is then refused: an acceptance after the deadline is refused (`offers.REFUSALS`)
    whether or not the command has already passed the offer on."""
    now = now or timezone.now()
    refusal = None
    with transaction.atomic():
        locked = _locked(signup.club)
        expire_offers(locked, now)
        signup = ClubSignup.objects.select_for_update().get(pk=signup.pk)
        current = offers.state(signup, now)
        if signup.status == ClubSignup.Status.CONFIRMED:
            refusal = "confirmed"
        elif current == offers.EXPIRED:
            refusal = "expired"
        elif current != offers.OFFERED or locked.is_past(now):
            refusal = "no_offer"
        elif accept:
            signup.status = ClubSignup.Status.CONFIRMED
            signup.promoted_at = now
            signup.save(update_fields=["status", "promoted_at"])
            notify(signup.pk, "confirmed")
        else:
            signup.status = ClubSignup.Status.CANCELLED
            signup.cancelled_at = now
            signup.save(update_fields=["status", "cancelled_at"])
            notify(signup.pk, "offer_declined")
        promote_waitlisted(locked, now)
    if refusal is not None:
        raise SignupRefused(offers.REFUSALS[refusal], refusal)
    logger.info("club seat offer answered", extra={"club": locked.pk, "accepted": accept})
    return signup


def expire_due_offers(now=None):
    """Pass on every offer whose time is up, club by club, each under its club's lock (the
    `expire_club_offers` command). Run twice, the second run finds nothing: idempotent."""
    now = now or timezone.now()
    club_ids = set(offers.due(ClubSignup.objects.all(), now).values_list("club_id", flat=True))
    expired = 0
    for club in ClubPage.objects.filter(pk__in=club_ids).order_by("pk"):
        with transaction.atomic():
            locked = _locked(club)
            expired += len(expire_offers(locked, now))
            promote_waitlisted(locked, now)
    return expired


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
        if expire_offers(locked, now):
            signup.refresh_from_db()
        # A seat held for this very reader's offer is theirs already.
        holds = offers.state(signup, now) == offers.OFFERED
        confirmed = offers.taken(locked) - (1 if holds else 0)
        full = confirmed >= locked.capacity
        if full and not add_seat:
            raise SignupRefused(
                _("Every seat is taken: add a seat to promote this reader."), "full"
            )
        signup.status = ClubSignup.Status.CONFIRMED
        signup.promoted_at = now
        signup.save(update_fields=["status", "promoted_at"])
        notify(signup.pk, "promoted")
        promote_waitlisted(locked, now)  # seats an expired offer freed
        if full:
            # Published after the reader's seat is taken, so the new seat is theirs and the
            # waitlist's automatic promotion (after_publish) finds no seat left to fill.
            publish_club_changes(locked, user, {"capacity": confirmed + 1})
    logger.info("club place promoted by its teacher", extra={"club": locked.pk})
    return signup
