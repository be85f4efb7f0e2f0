"""The result of the last check of every link the guides show."""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["LinkCheck"]


class LinkCheck(models.Model):
    """One URL, checked: a resource's address or a link in a guide's body.

    `pages` and `sources` are rewritten at every run from where the URL was found, so the
    broken-links report can say which guides to fix without searching them again.
    """

    url = models.URLField(_("address"), max_length=1000, unique=True)
    status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    ok = models.BooleanField(_("working"), default=False, db_index=True)
    final_url = models.URLField(_("redirected to"), max_length=1000, blank=True)
    error = models.CharField(_("error"), max_length=500, blank=True)
    checked_at = models.DateTimeField(_("checked"), db_index=True)
    sources = models.TextField(_("found in"), blank=True)
    pages = models.ManyToManyField(
        "guides.GuidePage", verbose_name=_("guides"), blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("link check")
        verbose_name_plural = _("link checks")
        ordering = ["-checked_at", "url"]

    def __str__(self):
        return self.url

    @property
    def result(self):
        if self.status:
            return str(self.status)
        return self.error or "—"
