"""A reading club's series of sessions, and who came to each (reading.sessions holds the rules).

A club may meet several times, a session per part of the book, each with its own time, place
and meeting link; one sign-up covers the series (as LibCal's series-linked registration does).
The sessions exist once, on the club's original (Chinese) page, with the English wording
beside, as the reading plan does. A club without session rows meets once: its discussion.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

__all__ = ["ClubSession", "ClubSessionAttendance"]


class ClubSession(Orderable):
    page = ParentalKey("reading.ClubPage", on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(
        pgettext_lazy("session", "title"),
        max_length=120,
        help_text=_('For example "第一部分：第一至三封信".'),
    )
    title_en = models.CharField(
        _("title in English"),
        max_length=120,
        blank=True,
        help_text=_('For example "Part 1: letters 1–3". Empty: the English page shows the title.'),
    )
    milestone = models.ForeignKey(
        "reading.ClubMilestone",
        verbose_name=_("part of the reading plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
        help_text=_("The part of the plan this session discusses (optional)."),
    )
    starts = models.DateTimeField(_("starts"))
    ends = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=255, blank=True)
    place_en = models.CharField(_("place in English"), max_length=255, blank=True)
    meeting_url = models.URLField(_("online meeting link"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("title_en")]),
        FieldPanel("milestone"),
        FieldRowPanel([FieldPanel("starts"), FieldPanel("ends")]),
        FieldRowPanel([FieldPanel("place"), FieldPanel("place_en")]),
        FieldPanel("meeting_url"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self):
        return self.title


class ClubSessionAttendance(models.Model):
    """Whether one participant came to one session of a series, and how it was recorded."""

    class How(models.TextChoices):
        CODE = "code", _("by code")
        HAND = "hand", _("by the teacher")

    signup = models.ForeignKey(
        "reading.ClubSignup",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="session_attendance",
    )
    session = models.ForeignKey(
        ClubSession,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="attendance",
    )
    present = models.BooleanField(_("present"))
    how = models.CharField(_("recorded"), max_length=4, choices=How.choices)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("session attendance")
        verbose_name_plural = _("session attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["signup", "session"], name="club_session_attendance_once"
            ),
        ]

    def __str__(self):
        return f"{self.signup_id} · {self.session_id} · {self.present}"
