"""What a reading club's scheduled reminders have sent (reading.reminders).

A row is written *before* each email, under a unique constraint, and deleted again if the
email could not be sent: so the scheduled command can run twice, or in two places at once,
and nobody is reminded twice for the same reason on the same day (the pattern of
SuggestionNotice)."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

__all__ = ["ClubReminder"]


class ClubReminder(models.Model):
    class Kind(models.TextChoices):
        NUDGE = "nudge", pgettext_lazy("reminder", "No check-in yet today")
        EVE = "eve", pgettext_lazy("reminder", "The discussion is tomorrow")
        DIGEST = "digest", pgettext_lazy("reminder", "Digest for the teacher")

    club = models.ForeignKey(
        "reading.ClubPage",
        verbose_name=_("club"),
        on_delete=models.CASCADE,
        related_name="reminders_sent",
    )
    # Empty for the teacher's digest, which goes to the club's leader, not to a participant.
    signup = models.ForeignKey(
        "reading.ClubSignup",
        verbose_name=_("participant"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reminders_sent",
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    day = models.DateField(_("day"))
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("club reminder")
        verbose_name_plural = _("club reminders")
        ordering = ["-day", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["signup", "kind", "day"],
                condition=Q(signup__isnull=False),
                name="club_reminder_once_a_day",
            ),
            models.UniqueConstraint(
                fields=["club", "kind", "day"],
                condition=Q(signup__isnull=True),
                name="club_digest_once_a_day",
            ),
        ]

    def __str__(self):
        return f"{self.club_id} · {self.signup_id or '-'} · {self.kind} · {self.day}"
