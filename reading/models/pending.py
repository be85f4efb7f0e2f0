"""Note photos that a reader sent with a recommendation form the site could not accept yet.

A browser cannot put a chosen file back into a form, so a photo sent with a form that came back
with an error (a missing field, a too-short text) would be lost and the reader would have to
find it on their phone again. The site keeps it instead, for a few hours, bound to the form
session that sent it: only that session can see its thumbnail or attach it to the submission.
The bytes are in the database, never under the public media URL, and are removed once the
submission takes them or the time is up (`reading.pending_notes`).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = ["PendingNote"]


class PendingNote(models.Model):
    token = models.CharField(max_length=43, unique=True, editable=False)
    # sha256 of the form session's secret, never the secret itself
    owner = models.CharField(max_length=64, db_index=True, editable=False)
    data = models.BinaryField(editable=False)
    thumbnail = models.BinaryField(editable=False)
    content_type = models.CharField(max_length=60, editable=False)
    original_filename = models.CharField(max_length=255, blank=True, editable=False)
    byte_size = models.PositiveIntegerField(editable=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)

    class Meta:
        verbose_name = _("note photo waiting for its form")
        verbose_name_plural = _("note photos waiting for their forms")

    def __str__(self):
        return self.original_filename or self.token[:8]
