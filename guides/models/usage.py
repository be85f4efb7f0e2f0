"""Usage figures: resource clicks, counted per day and nothing else (guide views are counted
with every public kind's in `website.core.models.ViewCount`).

A row is a day's total for one resource (and the guide the click came from);
no IP address, user agent, session or account is ever stored, so the figures cannot be turned
back into a reader's history. Counters are incremented with F() so two readers at the same
moment both count.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

__all__ = ["ResourceClick"]

RESOURCE_KINDS = [
    ("database", _("Database")),
    ("video", _("Video")),
    ("webtool", _("Web tool")),
    ("book", _("Book")),
]


def _increment(model, lookup, field):
    row, _created = model.objects.get_or_create(**lookup, defaults={field: 0})
    model.objects.filter(pk=row.pk).update(**{field: F(field) + 1})


class ResourceClick(models.Model):
    """Clicks through /go/<kind>/<id>/ on one day, from one guide (or from none)."""

    kind = models.CharField(_("kind"), max_length=20, choices=RESOURCE_KINDS)
    object_id = models.PositiveIntegerField(_("record"))
    guide = models.ForeignKey(
        "guides.GuidePage",
        verbose_name=_("guide"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    date = models.DateField(_("date"), db_index=True)
    clicks = models.PositiveIntegerField(_("clicks"), default=0)

    class Meta:
        verbose_name = _("resource clicks")
        verbose_name_plural = _("resource clicks")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "guide", "date"],
                condition=Q(guide__isnull=False),
                name="guides_resourceclick_unique_guide_day",
            ),
            models.UniqueConstraint(
                fields=["kind", "object_id", "date"],
                condition=Q(guide__isnull=True),
                name="guides_resourceclick_unique_day",
            ),
        ]

    def __str__(self):
        return f"{self.kind}:{self.object_id} {self.date}: {self.clicks}"

    @classmethod
    def count(cls, kind, object_id, guide, day):
        _increment(
            cls, {"kind": kind, "object_id": object_id, "guide": guide, "date": day}, "clicks"
        )
