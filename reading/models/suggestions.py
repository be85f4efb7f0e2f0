"""Purchase suggestions: a recommended book the library does not hold, on its way to the shelf.

The paper's loop (§2, §3.2.1: "基于师生推荐及时补藏图书") is that readers' recommendations
drive acquisitions. A book recommended while the library holds no copy, no e-book and no
catalogue record becomes one suggestion, whoever and however many recommended it; the
acquisitions and outreach librarians move it (reading.suggestions holds the rules), and each
recommender with an email hears once when it arrives and once when it stands on a shelf.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

__all__ = ["PurchaseSuggestion", "SuggestionNotice"]


class PurchaseSuggestion(models.Model):
    class Status(models.TextChoices):
        SUGGESTED = "suggested", pgettext_lazy("purchase", "Suggested")
        ORDERED = "ordered", pgettext_lazy("purchase", "Ordered")
        RECEIVED = "received", pgettext_lazy("purchase", "Received")
        SHELVED = "shelved", pgettext_lazy("purchase", "On a display shelf")
        DECLINED = "declined", pgettext_lazy("purchase", "Declined")

    book = models.OneToOneField(
        "reading.Book",
        verbose_name=_("book"),
        on_delete=models.CASCADE,
        related_name="purchase_suggestion",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SUGGESTED
    )
    decline_reason = models.TextField(
        _("reason for declining"),
        blank=True,
        help_text=_("Required when the suggestion is declined; kept for the acquisitions team."),
    )
    note = models.TextField(
        _("acquisitions note"),
        blank=True,
        help_text=_("For the librarians only: vendor, order number, price…"),
    )
    campaign = models.ForeignKey(
        "reading.CampaignPage",
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="purchase_suggestions",
        help_text=_("The campaign the book was first recommended in."),
    )
    first_recommended_on = models.DateField(_("first recommended on"), default=timezone.localdate)
    shelf = models.ForeignKey(
        "reading.ShelfPage",
        verbose_name=_("shelf"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    suggested_at = models.DateTimeField(_("suggested"), default=timezone.now)
    ordered_at = models.DateTimeField(_("ordered"), null=True, blank=True)
    received_at = models.DateTimeField(_("received"), null=True, blank=True)
    shelved_at = models.DateTimeField(_("shelved"), null=True, blank=True)
    declined_at = models.DateTimeField(_("declined"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("purchase suggestion")
        verbose_name_plural = _("purchase suggestions")
        ordering = ["-suggested_at"]
        indexes = [models.Index(fields=["status", "-suggested_at"])]

    def __str__(self):
        return str(self.book)

    @property
    def age_days(self):
        """Days since it was suggested, while it is still open; else until it was settled."""
        end = self.shelved_at or self.received_at or self.declined_at or timezone.now()
        return (timezone.localdate(end) - timezone.localdate(self.suggested_at)).days

    @property
    def days_to_shelf(self):
        if self.shelved_at is None:
            return None
        return (timezone.localdate(self.shelved_at) - self.first_recommended_on).days


class SuggestionNotice(models.Model):
    """That a recommender was told (or is being told) of one step: the row is written before
    the email is sent, under a unique constraint, so nobody is told twice, whatever the order
    of imports, edits and shelf publications."""

    class Reason(models.TextChoices):
        RECEIVED = "received", pgettext_lazy("purchase", "Received")
        SHELVED = "shelved", pgettext_lazy("purchase", "On a display shelf")

    suggestion = models.ForeignKey(
        PurchaseSuggestion, on_delete=models.CASCADE, related_name="notices"
    )
    email = models.EmailField()
    reason = models.CharField(max_length=16, choices=Reason.choices)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("suggestion notice")
        verbose_name_plural = _("suggestion notices")
        constraints = [
            models.UniqueConstraint(
                fields=["suggestion", "email", "reason"], name="suggestion_notice_once"
            )
        ]

    def __str__(self):
        return f"{self.suggestion} → {self.email} ({self.reason})"
