"""The result of the last check of every link a reader can click, and where each was found."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

__all__ = ["LinkCheck", "LinkPlace"]


class LinkCheck(models.Model):
    """One URL, checked: a resource's address, a link in a guide's body, a book's e-book, a
    recommendation's vlog, a link in a column article or a club's online meeting.

    `pages`, `sources` and `places` are rewritten at every run from where the URL was found,
    so the broken-links report can say what to fix without searching again.
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


class LinkPlace(models.Model):
    """A record or page that shows a checked link, and as what: the report links each to its
    edit view, so that a librarian goes straight to the book or the page to fix."""

    class Kind(models.TextChoices):
        RESOURCE = "resource", _("resource address")
        EBOOK = "ebook", _("e-book link")
        VLOG = "vlog", _("vlog address")
        COLUMN = "column", _("link in a column article")
        CLUB_MEETING = "club_meeting", _("online meeting link")

    link = models.ForeignKey(
        LinkCheck, verbose_name=_("link check"), on_delete=models.CASCADE, related_name="places"
    )
    kind = models.CharField(_("found as"), max_length=20, choices=Kind.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    label = models.CharField(_("title or name"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("place of a link")
        verbose_name_plural = _("places of links")
        ordering = ["kind", "label", "pk"]

    def __str__(self):
        return f"{capfirst(self.get_kind_display())}: {self.label}"
