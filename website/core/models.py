"""Tables of the foundation."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PostCounter(models.Model):
    """One count of the public forms' limits (website/core/ratelimit.py) when there is no
    Redis: a row a key, so that every worker and every app server sharing the database counts
    the same posts. `expires` is seconds since the epoch; an expired row starts afresh."""

    key = models.CharField(max_length=200, primary_key=True)
    count = models.PositiveIntegerField(default=0)
    expires = models.FloatField(db_index=True)

    class Meta:
        verbose_name = _("post counter")
        verbose_name_plural = _("post counters")

    def __str__(self):
        return self.key
