"""Remembering records that left the repository, from model signals.

A record leaves when its object is deleted, unpublished, or stops matching its kind's
queryset for any other reason (consent withdrawn, a note's recommendation unpublished). The
signals compare membership before and after each save or delete, so a kind never has to
say *how* it can leave: only what is exposed. Objects that were never exposed leave no trace.

A kind may also list `watched_models` and implement `affected_by(instance)` (a queryset of its
own objects) when its exposure depends on another model, such as an archive note on its
recommendation.
"""

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.utils import timezone

from .kinds import restricted_path
from .registry import registry

_BEFORE = "_oai_exposed_before"


def _model_of(instance):
    model = type(instance)
    specific_class = getattr(instance, "specific_class", None)
    if specific_class is not None and specific_class is not model:
        return specific_class
    return model


def _exposed(kind, pks):
    """{pk: set specs} of those among `pks` the kind exposes now."""
    objects = list(kind.get_queryset().filter(pk__in=list(pks)))
    if not objects:
        return {}
    kind.prepare(objects, None)
    return {obj.pk: kind.get_set_specs(obj) for obj in objects}


def _affected(instance):
    """[(kind, pks)] whose exposure may change when `instance` changes."""
    model = _model_of(instance)
    if model is not type(instance):
        instance = instance.specific  # a page saved through its base class
    found = [(kind, [instance.pk]) for kind in registry.for_model(model)]
    for kind in registry:
        for watched in getattr(kind, "watched_models", ()):
            try:
                from django.apps import apps

                watched_model = apps.get_model(watched)
            except LookupError:
                continue
            if issubclass(model, watched_model):
                found.append((kind, list(kind.affected_by(instance).values_list("pk", flat=True))))
    return found


def _before(sender, instance, raw=False, **kwargs):
    if raw or not len(registry):
        return
    if instance.pk is None and restricted_path(instance) is None:
        return  # a new object was exposed nowhere; a new restriction may withdraw pages
    affected = _affected(instance)
    if affected:
        setattr(instance, _BEFORE, [(kind, pks, _exposed(kind, pks)) for kind, pks in affected])


def _after_save(sender, instance, created=False, raw=False, **kwargs):
    if raw or not len(registry):
        return
    before = getattr(instance, _BEFORE, None)
    if before is None:  # created (or saved raw): nothing of it was exposed before
        before = [(kind, pks, {}) for kind, pks in _affected(instance)]
    else:
        delattr(instance, _BEFORE)
    for kind, pks, exposed_before in before:
        _reconcile(kind, pks, exposed_before)


def _after_delete(sender, instance, **kwargs):
    before = getattr(instance, _BEFORE, None)
    if not before:
        return
    delattr(instance, _BEFORE)
    for kind, pks, exposed_before in before:
        _reconcile(kind, pks, exposed_before)


def _reconcile(kind, pks, exposed_before):
    from .models import DeletedRecord

    exposed_now = set(kind.get_queryset().filter(pk__in=pks).values_list("pk", flat=True))
    if exposed_now:
        DeletedRecord.objects.filter(kind=kind.name, object_pk__in=exposed_now).delete()
    appeared = exposed_now - set(exposed_before)
    if appeared:
        _touch(kind, appeared)
    for pk, specs in exposed_before.items():
        if pk not in exposed_now:
            remember(kind, pk, specs)


def _touch(kind, pks):
    """A record that appears because something else changed (a book's first recommendation)
    is new to harvesters: move its datestamp to now when it is a stored date field, so that
    incremental harvests see it. Pages are dated by their publication already."""
    from django.db.models import DateTimeField

    try:
        field = kind.get_model()._meta.get_field(kind.datestamp_field)
    except Exception:  # an annotation, not a stored field
        return
    if isinstance(field, DateTimeField) and kind.datestamp_field != "last_published_at":
        kind.get_model().objects.filter(pk__in=pks).update(**{field.name: timezone.now()})


def remember(kind, pk, set_specs, when=None):
    """Record `kind`/`pk` as deleted now (or at `when`)."""
    from .models import DeletedRecord

    DeletedRecord.objects.update_or_create(
        kind=kind.name,
        object_pk=pk,
        defaults={
            "datestamp": when or timezone.now(),
            "set_specs": DeletedRecord.encode_sets(set_specs),
        },
    )


def connect():
    pre_save.connect(_before, dispatch_uid="oai_before_save")
    post_save.connect(_after_save, dispatch_uid="oai_after_save")
    pre_delete.connect(_before, dispatch_uid="oai_before_delete")
    post_delete.connect(_after_delete, dispatch_uid="oai_after_delete")
