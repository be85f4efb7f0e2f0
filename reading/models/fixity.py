"""Fixity events: every check of an archived original, kept for good.

The archive item's `fixity_status` says how its last check went, for listings; it is
overwritten each time. The events are the evidence: a file found changed and later restored
leaves its trace here. Rows are only ever added (PREMIS calls such a record an event: date,
outcome, algorithm, agent), and they outlive the item they speak of.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .archive import FixityStatus

__all__ = ["FixityEvent"]


class AppendOnly(Exception):
    """A fixity event was about to be changed or deleted."""


class FixityEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("Fixity events are never changed.")

    def delete(self):
        raise AppendOnly("Fixity events are never deleted.")

    def failures(self):
        return self.exclude(outcome=FixityStatus.OK)


class FixityEvent(models.Model):
    item = models.ForeignKey(
        "reading.ArchiveItem",
        verbose_name=_("archived note"),
        related_name="fixity_events",
        null=True,
        on_delete=models.SET_NULL,  # the evidence stays when an item is deleted
    )
    item_number = models.PositiveIntegerField(_("archived note number"))
    checked_at = models.DateTimeField(_("checked at"), db_index=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=FixityStatus.choices)
    algorithm = models.CharField(_("algorithm"), max_length=20, default="SHA-256")
    expected = models.CharField(_("expected checksum"), max_length=64)
    found = models.CharField(_("found checksum"), max_length=64, blank=True)
    agent = models.CharField(_("checked by"), max_length=150)

    objects = FixityEventQuerySet.as_manager()

    class Meta:
        ordering = ["-checked_at", "-pk"]
        verbose_name = _("fixity event")
        verbose_name_plural = _("fixity events")

    def __str__(self):
        return f"#{self.item_number} {self.checked_at:%Y-%m-%d %H:%M} {self.outcome}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnly("Fixity events are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("Fixity events are never deleted.")
