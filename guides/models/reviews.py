"""What review reminders were sent, so that a reminder goes out once per review date."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

__all__ = ["ReviewReminder"]


class ReviewReminder(models.Model):
    """One owner was told on `sent_at` that the guide was due on `review_by`.

    Keyed by the review date: when the owner reviews the guide and moves the date on, the
    next time it falls due is a new period and brings a new reminder.
    """

    guide = models.ForeignKey(
        "guides.GuidePage", verbose_name=_("guide"), on_delete=models.CASCADE, related_name="+"
    )
    owner = models.ForeignKey(
        "guides.LibrarianProfile",
        verbose_name=pgettext_lazy("guide", "owner"),
        on_delete=models.CASCADE,
        related_name="review_reminders",
    )
    review_by = models.DateField(_("review by"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("review reminder")
        verbose_name_plural = _("review reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["guide", "owner", "review_by"], name="guides_reviewreminder_unique"
            )
        ]

    def __str__(self):
        return f"{self.guide_id} → {self.owner_id} ({self.review_by})"
