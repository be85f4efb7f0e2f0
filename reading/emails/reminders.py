"""The reminder emails of a reading club (reading.reminders decides who gets which, when):
the nudge on a day without a check-in, the one the day before the discussion (with the
club's .ics), and the teacher's digest of the check-ins. Text with an HTML alternative; a
participant's come in the language they signed up in, with their private link and a link
that only stops the reminders, without logging in (also as a List-Unsubscribe header)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from wagtail.users.models import UserProfile

from reading import sessions
from reading.calendars import club_calendar
from reading.digest import club_digest
from reading.emails.clubs import private_link, site_root


def opt_out_link(signup, page):
    """The link that only stops the reminders (reading.reminders.opt_out_token), never the
    private link: it also goes in the List-Unsubscribe header, which mail providers fetch."""
    from reading.reminders import opt_out_token

    with translation.override(signup.language):
        path = reverse("reading:club_reminders_off", args=[opt_out_token(signup)])
    return site_root(page) + path


def _message(subject, template, context, to, headers=None):
    text = render_to_string(f"reading/email/{template}.txt", context)
    html = render_to_string(f"reading/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()), body=text, to=to, headers=headers or {}
    )
    message.attach_alternative(html, "text/html")
    return message


def _participant_message(signup, kind, subject, extra):
    page = signup.club_page_in_language()
    off = opt_out_link(signup, page)
    context = {
        "signup": signup,
        "club": page,
        "kind": kind,
        "link": private_link(signup, page),
        "opt_out": off,
        "club_url": page.full_url or "",
        **extra,
    }
    headers = {
        "List-Unsubscribe": f"<{off}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return page, _message(
        subject % {"title": page.title}, "club_reminder", context, [signup.email], headers
    )


def nudge_message(signup, today, milestone):
    with translation.override(signup.language):
        _page, message = _participant_message(
            signup,
            "nudge",
            _("A check-in for today? (reading club “%(title)s”)"),
            {"today": today, "milestone": milestone},
        )
    return message


def eve_message(signup, session_pk=None):
    """The day before a session (`session_pk`: a series' row; None: the club's discussion)."""
    with translation.override(signup.language):
        page = signup.club_page_in_language()
        session = sessions.find(page, session_pk) or sessions.sessions_of(page)[0]
        page, message = _participant_message(
            signup, "eve", _("Tomorrow: the discussion of “%(title)s”"), {"session": session}
        )
        message.attach(
            f"club-{signup.club_id}.ics",
            club_calendar(page),
            "text/calendar; charset=utf-8; method=PUBLISH",
        )
    return message


def teacher_language(user):
    language = UserProfile.get_for_user(user).preferred_language
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def digest_message(club):
    """The digest of `club`'s check-ins, to its leader's admin account, in their admin
    language, with a link to the club's digest in the admin."""
    user = club.leader.user
    with translation.override(teacher_language(user)):
        digest = club_digest(club)
        admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
            "my_clubs:digest", args=[club.pk]
        )
        context = {
            "club": club,
            "leader": club.leader,
            "digest": digest,
            "admin_url": admin_url,
        }
        return _message(
            _("Before tomorrow's discussion: what the readers of “%(title)s” wrote")
            % {"title": club.title},
            "club_digest",
            context,
            [user.email],
        )
