"""Finding a record by the kind name used in /go/<kind>/<id>/ and in the usage figures."""

from django.apps import apps

RESOURCE_MODELS = {
    "database": "guides.Database",
    "video": "guides.Video",
    "webtool": "guides.WebTool",
    "book": "reading.Book",
}


def model_for(kind):
    label = RESOURCE_MODELS.get(kind)
    return apps.get_model(label) if label else None


def kind_label(kind):
    """The kind as an editor reads it: the model's name in the admin's language."""
    model = model_for(kind)
    return model._meta.verbose_name if model else kind


def kind_of(instance):
    label = instance._meta.label
    for kind, model_label in RESOURCE_MODELS.items():
        if model_label == label:
            return kind
    return None


def destination_url(instance):
    """The one address a click on this record may go to."""
    if hasattr(instance, "destination_url"):
        return instance.destination_url() or ""
    # reading.Book: its first e-book platform when it has one, otherwise its catalogue record,
    # otherwise its page here (holdings and call number) when the library has set no catalogue.
    lead_ebook = getattr(instance, "lead_ebook", None)
    return (
        (lead_ebook.url if lead_ebook else "")
        or getattr(instance, "catalogue_url", "")
        or (instance.get_absolute_url() if hasattr(instance, "get_absolute_url") else "")
    )


def records_by_kind(pairs):
    """{(kind, id): record} for an iterable of (kind, id), one query per kind."""
    wanted = {}
    for kind, object_id in pairs:
        wanted.setdefault(kind, set()).add(object_id)
    found = {}
    for kind, ids in wanted.items():
        model = model_for(kind)
        if model is None:
            continue
        for pk, record in model.objects.in_bulk(ids).items():
            found[(kind, pk)] = record
    return found
