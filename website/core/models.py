"""What the foundation stores for every app: the state of long background jobs, the counts of
the public forms' limits, the English forms of the tags readers see, and readers' views of
public pages counted per day, and the emails the mail server would not take."""

from django.conf import settings
from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

__all__ = ["BackgroundJob", "HeldEmail", "PostCounter", "TermInEnglish", "ViewCount"]


class BackgroundJob(models.Model):
    """One long operation a person started from the admin (a link check, an export), so that
    the page they wait on can say where it stands: queued, running with a count, done with the
    result, or failed with the reason. See `website.core.jobs`."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=60, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), null=True, blank=True)
    result = models.TextField(_("result"), blank=True)
    result_url = models.CharField(_("result address"), max_length=500, blank=True)
    error = models.TextField(_("reason of the failure"), blank=True)
    language = models.CharField(_("language"), max_length=12, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(pgettext_lazy("task", "finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)


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


class TermInEnglish(models.Model):
    """The English form of a tag (a book's subject, a recommendation's theme), which taggit
    stores under one name only. Librarians tag in Chinese; English pages show this form
    (`website.core.terms.tag_label`), and an English tag of the same name counts as the same
    term wherever tags are counted."""

    tag = models.OneToOneField(
        "taggit.Tag",
        verbose_name=pgettext_lazy("term", "tag"),
        on_delete=models.CASCADE,
        related_name="english",
    )
    name = models.CharField(
        _("English name"),
        max_length=100,
        help_text=_("Shown in place of the tag on English pages and in English data."),
    )

    class Meta:
        verbose_name = _("term in English")
        verbose_name_plural = _("terms in English")
        ordering = ["tag__name"]

    def __str__(self):
        return f"{self.tag.name} → {self.name}"


class ViewCount(models.Model):
    """A day's views of one public object (a guide, a recommendation, a shelf, a book…),
    counted by `website.core.counting` and nothing else.

    The object is named by its kind (a key of the counted kinds the apps declare) and its id,
    not by a foreign key, so that the foundation names no app and a deleted object's history
    stays in the totals. No IP address, user agent, session or account is stored: the
    figures cannot be turned back into a reader's history. `source` tells how the reader
    came: the page itself, or the QR code on a shelf's printed label.
    """

    class Source(models.TextChoices):
        PAGE = "page", _("Page view")
        QR = "qr", _("QR code scan")

    kind = models.CharField(_("kind"), max_length=30)
    object_id = models.PositiveIntegerField(_("object ID"))
    date = models.DateField(_("date"), db_index=True)
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.PAGE
    )
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("view count")
        verbose_name_plural = _("view counts")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "date", "source"], name="core_viewcount_unique_day"
            )
        ]
        indexes = [models.Index(fields=["kind", "object_id"], name="core_viewcount_object")]

    def __str__(self):
        return f"{self.kind}:{self.object_id} {self.date} {self.source}: {self.views}"

    @classmethod
    def count(cls, kind, object_id, day, source=Source.PAGE):
        """One more view; F() so that two readers at the same moment both count."""
        row, _created = cls.objects.get_or_create(
            kind=kind, object_id=object_id, date=day, source=source, defaults={"views": 0}
        )
        cls.objects.filter(pk=row.pk).update(views=F("views") + 1)


class HeldEmail(models.Model):
    """An email the mail server would not take, kept whole (as the MIME message it was) so
    that it can be sent again exactly, later by itself with growing pauses and at last by a
    librarian's click. See `website.core.mail`. Holds addresses: only staff who may see
    readers' contact details read it, and it is deleted once delivered."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting to be tried again")
        FAILED = "failed", _("Not delivered")

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WAITING
    )
    subject = models.CharField(pgettext_lazy("email", "subject"), max_length=300, blank=True)
    recipients = models.TextField(_("recipients"))
    from_email = models.CharField(max_length=300)
    message = models.BinaryField()
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=1)
    error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("first tried"), auto_now_add=True)
    tried_at = models.DateTimeField(_("last tried"), auto_now_add=True)
    next_try_at = models.DateTimeField(_("next try"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("undelivered email")
        verbose_name_plural = _("undelivered emails")
        ordering = ["-tried_at", "-pk"]
        permissions = [("resend_heldemail", _("Can send an undelivered email again"))]

    def __str__(self):
        return self.subject or str(self.pk)
