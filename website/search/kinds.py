"""What each app declares to be found by the site search: its kinds of record and page.

The search view knows no app (the foundation imports none). A kind is a small class in the
app's `search_kinds.py`, found at start-up the way the OAI kinds are::

    from website.search.kinds import RecordKind, Result, register

    @register
    class DatabaseKind(RecordKind):
        model = "guides.Database"
        order = 10                      # where its results stand among the other kinds

        def get_queryset(self):
            return Database.objects.all()   # only what the public may see

        def describe(self, database, loaded):
            return Result(title=database.name, url=..., meta=[...], text=database.description)

Pages are one kind for all page types (one Wagtail search over live, public pages of the
reader's language); a page type that has more to say in a result (a recommendation's
recommender, year and campaign) registers a `PageDescriber` for its model.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from wagtail.fields import StreamField
from wagtail.search import index
from wagtail.search.backends import get_search_backend


@dataclass
class Result:
    """One line of the results: what the template shows, whatever kind it came from."""

    title: str
    url: str
    text: str = ""  # the text the excerpt is cut from (plain or HTML; it is stripped)
    meta: list = field(default_factory=list)  # short facts: recommender, year, campaign…
    links: list = field(default_factory=list)  # [(label, url)]: where else it can be seen
    kind_label: str = ""
    kind_key: str = ""  # app_label-modelname, for the result's CSS class
    lang: str = ""  # the HTML lang of the title when it differs from the page's


def stored_text(obj, skip=("title", "cjk_search_text")):
    """The text of an object's searched columns, read from the row already loaded.

    Methods and StreamFields are left out on purpose: they may query related records
    (a guide's chosen databases, a shelf's books), which would cost queries per result.
    """
    parts = []
    for search_field in obj.get_search_fields():
        if not isinstance(search_field, index.SearchField) or search_field.field_name in skip:
            continue
        try:
            model_field = obj._meta.get_field(search_field.field_name)
        except FieldDoesNotExist:
            continue
        if model_field.is_relation or isinstance(model_field, StreamField):
            continue
        if isinstance(model_field, (models.CharField, models.TextField)):
            parts.append(getattr(obj, model_field.attname) or "")
    return " ".join(part for part in parts if part)


class RecordKind:
    """A kind of record (a snippet) that search finds."""

    model = None  # "app_label.ModelName"
    order = 50  # kinds are listed by this, then by name

    @property
    def key(self):
        return self.model.lower()

    def get_model(self):
        return apps.get_model(self.model)

    @property
    def label(self):
        return self.get_model()._meta.verbose_name_plural

    def get_queryset(self):
        """The objects the public may see; searched in the backend, never loaded whole."""
        raise NotImplementedError

    def search(self, query, rewritten):
        """Sliceable, countable results for the reader's `query` (already `rewritten` for
        Chinese). Override to add an exact lookup, such as a book by ISBN."""
        return get_search_backend().search(rewritten, self.get_queryset(), operator="and")

    def load(self, objects):
        """Fetch what the results need for all `objects` at once (prefetch related records);
        what it returns is given to `describe` for each of them."""
        return None

    def describe(self, obj, loaded):
        raise NotImplementedError


class PageDescriber:
    """What a page type adds to its result; the default says title, address and text."""

    model = None  # "app_label.ModelName"; None for every page type

    def load(self, pages, request):
        """Fetch related records for all `pages` of this type at once; what it returns is
        given to `describe` for each of them."""
        return None

    def describe(self, page, request, loaded):
        return Result(
            title=page.title,
            url=page.get_url(request=request),
            text=page.search_description or stored_text(page),
        )


class Registry:
    def __init__(self):
        self._kinds = {}
        self._describers = {}

    def register(self, cls):
        instance = cls()
        if not instance.model:
            raise ValueError(f"{cls.__name__} must set model")
        if isinstance(instance, PageDescriber):
            self._describers[instance.model.lower()] = instance
        else:
            self._kinds[instance.key] = instance
        return cls

    def kinds(self):
        return sorted(self._kinds.values(), key=lambda kind: (kind.order, kind.key))

    def get(self, key):
        return self._kinds.get(key)

    def describer_for(self, model):
        """The describer of `model` or of the nearest page type it inherits from."""
        for klass in model.__mro__:
            meta = getattr(klass, "_meta", None)
            if meta is not None and meta.label_lower in self._describers:
                return self._describers[meta.label_lower]
        return DEFAULT_DESCRIBER


DEFAULT_DESCRIBER = PageDescriber()
registry = Registry()
register = registry.register
