"""The emails a reading-club participant receives, in the language they signed up in.

Each is a background task (sent after the sign-up's transaction commits), so a slow mail
server never holds the club's row lock or delays the reader's page.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from reading import offers
from reading.calendars import club_calendar
from reading.models.clubs import ClubPage, ClubSignup
from website.core.mail import mail_task

logger = logging.getLogger(__name__)

SUBJECTS = {
    "confirmed": lambda: _("Your place in the reading club “%(title)s” is confirmed"),
    "waitlisted": lambda: _("You are on the waitlist of the reading club “%(title)s”"),
    "promoted": lambda: _("A seat freed up: your place in “%(title)s” is confirmed"),
    "cancelled": lambda: _("Your place in the reading club “%(title)s” is cancelled"),
    "moved": lambda: _("The discussion of “%(title)s” has moved"),
    "message": lambda: _("%(subject)s (reading club “%(title)s”)"),
    "link": lambda: _("Your private link for the reading club “%(title)s”"),
    "duplicate": lambda: _("You already have a place in the reading club “%(title)s”"),
    "number_taken": lambda: _("Your sign-up for the reading club “%(title)s”"),
    "offered": lambda: _("A seat in “%(title)s” is held for you until %(deadline)s"),
    "offer_expired": lambda: _("The seat offered to you in “%(title)s” has passed on"),
    "offer_declined": lambda: _("You declined the seat in “%(title)s”"),
}

WITH_CALENDAR = {"confirmed", "promoted", "moved"}
NO_LINK = {"cancelled", "offer_declined"}


def site_root(page):
    site = page.get_site()
    if site is not None:
        return site.root_url
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def private_link(signup, page=None):
    page = page or signup.club_page_in_language()
    with translation.override(signup.language):
        path = reverse("reading:club_participant", args=[signup.make_token()])
    return site_root(page) + path


def build_message(signup, kind, subject="", body=""):
    with translation.override(signup.language):
        page = signup.club_page_in_language()
        if kind == "signed_up":
            kind = "confirmed" if signup.status == ClubSignup.Status.CONFIRMED else "waitlisted"
        waiting_ahead = 0
        if signup.status == ClubSignup.Status.WAITLISTED:
            waiting_ahead = signup.club.signups.filter(
                status=ClubSignup.Status.WAITLISTED, position__lt=signup.position
            ).count()
        context = {
            "signup": signup,
            "club": page,
            "kind": kind,
            "link": private_link(signup, page) if kind not in NO_LINK else "",
            "club_url": page.full_url or "",
            "waiting_ahead": waiting_ahead,
            "message_body": body,
            "deadline": offers.when(signup.offer_expires_at) if signup.offer_expires_at else "",
        }
        text = render_to_string("reading/email/club_message.txt", context)
        message = EmailMessage(
            subject=SUBJECTS[kind]()
            % {"title": page.title, "subject": subject, "deadline": context["deadline"]},
            body=text,
            to=[signup.email],
        )
        if kind in WITH_CALENDAR:
            message.attach(
                f"club-{signup.club_id}.ics",
                club_calendar(page),
                "text/calendar; charset=utf-8; method=PUBLISH",
            )
    return message


def _throttled(key):
    """True when an email for `key` went out within CLUB_RESEND_WINDOW_SECONDS."""
    window = getattr(settings, "CLUB_RESEND_WINDOW_SECONDS", 600)
    return not cache.add(key, 1, window)


@mail_task()
def send_club_email(signup_id, kind, subject="", body=""):
    signup = ClubSignup.objects.select_related("club").filter(pk=signup_id).first()
    if signup is None:
        return 0
    if kind == "duplicate" and _throttled(f"club-duplicate:signup:{signup.pk}"):
        return 0
    sent = build_message(signup, kind, subject, body).send()
    logger.info("club email sent", extra={"kind": kind, "club": signup.club_id})
    return sent


@mail_task()
def send_link_again(club_id, email_normalised):
    """The private link again, to an address that has a place (or waits for one) in the club.

    At most one such email per sign-up per `CLUB_RESEND_WINDOW_SECONDS`, so that nobody can
    fill a participant's inbox by asking for their link over and over."""
    signup = (
        ClubSignup.objects.select_related("club")
        .filter(club_id=club_id, email_normalised=email_normalised)
        .exclude(status=ClubSignup.Status.CANCELLED)
        .first()
    )
    if signup is None:
        return 0
    if _throttled(f"club-resend:signup:{signup.pk}"):
        return 0
    sent = build_message(signup, "link").send()
    logger.info("club email sent", extra={"kind": "link", "club": signup.club_id})
    return sent


@mail_task()
def send_number_taken(club_id, email, email_normalised, language):
    """Tell an address that signed up why it got no place: the student or staff number it
    gave already holds one (under another address, which is not named)."""
    if _throttled(f"club-number-taken:{club_id}:{email_normalised}"):
        return 0
    club = ClubPage.objects.filter(pk=club_id).first()
    if club is None:
        return 0
    with translation.override(language):
        page = (
            ClubPage.objects.live()
            .filter(translation_key=club.translation_key, locale__language_code=language)
            .first()
        ) or club
        context = {
            "kind": "number_taken",
            "club": page,
            "club_url": page.full_url or "",
            "resend_url": site_root(page) + reverse("reading:club_resend_link", args=[page.pk]),
        }
        message = EmailMessage(
            subject=SUBJECTS["number_taken"]() % {"title": page.title},
            body=render_to_string("reading/email/club_message.txt", context),
            to=[email],
        )
    sent = message.send()
    logger.info("club email sent", extra={"kind": "number_taken", "club": club_id})
    return sent
