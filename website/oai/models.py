from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DeletedRecord(models.Model):
    """What a harvester must be told after a record left the repository.

    Identify declares deletedRecord=persistent: once an item was exposed and is then
    deleted, unpublished or loses its consent, its header stays here for good (with the
    sets it was in, so that selective harvests by set hear of the deletion too), and is
    removed only if the item comes back."""

    kind = models.CharField(_("kind"), max_length=50)
    object_pk = models.BigIntegerField(pgettext_lazy("oai", "object id"))
    datestamp = models.DateTimeField(_("deleted at"), db_index=True)
    # Space-delimited with a leading and trailing space, so that `contains=" spec "` selects
    # by set on SQLite and PostgreSQL alike.
    set_specs = models.TextField(_("sets"), blank=True, default=" ")

    class Meta:
        verbose_name = _("deleted OAI-PMH record")
        verbose_name_plural = _("deleted OAI-PMH records")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_pk"], name="oai_deleted_once")
        ]
        indexes = [models.Index(fields=["datestamp", "kind", "object_pk"])]

    def __str__(self):
        return f"{self.kind}/{self.object_pk}"

    @property
    def sets(self):
        return self.set_specs.split()

    @staticmethod
    def encode_sets(specs):
        return " " + " ".join(specs) + " " if specs else " "
