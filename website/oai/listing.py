"""Selecting one page of a list across every kind and the deleted records.

Every kind is a stream ordered by (datestamp, kind name, pk); so are the deleted records. A
page takes the first `size + 1` of each stream after the last key sent, merges them and keeps
`size`: a fixed number of queries per page whatever its size, and an order that holds while
records are added, changed or deleted underneath (see tokens.py).
"""

from dataclasses import dataclass, field
from datetime import datetime
from heapq import merge

from django.db.models import Q

from .models import DeletedRecord
from .registry import registry


@dataclass
class Item:
    datestamp: datetime
    kind: str
    pk: int
    obj: object = None
    deleted: DeletedRecord = None

    @property
    def key(self):
        return (self.datestamp, self.kind, self.pk)


@dataclass
class Selection:
    prefix: str
    set_spec: str = None
    from_: datetime = None  # inclusive
    until: datetime = None  # exclusive
    streams: list = field(init=False)

    def __post_init__(self):
        if self.set_spec:
            chosen = registry.for_set(self.set_spec)
        else:
            chosen = [(kind, None) for kind in registry]
        self.streams = [(kind, subset) for kind, subset in chosen if self.prefix in kind.formats]
        self._querysets = {}

    def _live(self, kind, subset):
        """Built once per stream: a page's `public()` restriction lookup then runs once, not
        once for the count and again for the page."""
        if (kind.name, subset) not in self._querysets:
            self._querysets[kind.name, subset] = self._build_live(kind, subset)
        return self._querysets[kind.name, subset]

    def _build_live(self, kind, subset):
        queryset = kind.filter_format(kind.get_queryset(), self.prefix)
        if subset:
            queryset = kind.filter_subset(queryset, subset)
        stamp = kind.datestamp_field
        queryset = queryset.filter(**{f"{stamp}__isnull": False})
        if self.from_:
            queryset = queryset.filter(**{f"{stamp}__gte": self.from_})
        if self.until:
            queryset = queryset.filter(**{f"{stamp}__lt": self.until})
        return queryset

    def _deleted(self):
        queryset = DeletedRecord.objects.filter(kind__in=[kind.name for kind, _ in self.streams])
        if self.set_spec:
            queryset = queryset.filter(set_specs__contains=f" {self.set_spec} ")
        if self.from_:
            queryset = queryset.filter(datestamp__gte=self.from_)
        if self.until:
            queryset = queryset.filter(datestamp__lt=self.until)
        return queryset

    def count(self):
        if not self.streams:
            return 0
        return sum(self._live(kind, subset).count() for kind, subset in self.streams) + (
            self._deleted().count()
        )

    def page(self, after, size, request):
        """Up to `size` items after the key `after`, and whether more follow."""
        if not self.streams:
            return [], False
        runs = []
        for kind, subset in self.streams:
            stamp = kind.datestamp_field
            queryset = self._live(kind, subset)
            if after:
                queryset = queryset.filter(_after(stamp, "pk", kind.name, after))
            objects = list(queryset.order_by(stamp, "pk")[: size + 1])
            runs.append(
                [Item(kind.get_datestamp(obj), kind.name, obj.pk, obj=obj) for obj in objects]
            )
        deleted = self._deleted()
        if after:
            moment, kind_name, pk = after
            deleted = deleted.filter(
                Q(datestamp__gt=moment)
                | Q(datestamp=moment, kind__gt=kind_name)
                | Q(datestamp=moment, kind=kind_name, object_pk__gt=pk)
            )
        runs.append(
            [
                Item(record.datestamp, record.kind, record.object_pk, deleted=record)
                for record in deleted.order_by("datestamp", "kind", "object_pk")[: size + 1]
            ]
        )
        items = list(merge(*runs, key=lambda item: item.key))
        more = len(items) > size
        items = items[:size]
        self.prepare(items, request)
        return items, more

    def prepare(self, items, request):
        by_kind = {}
        for item in items:
            if item.obj is not None:
                by_kind.setdefault(item.kind, []).append(item.obj)
        for name, objects in by_kind.items():
            registry.get(name).prepare(objects, request)


def _after(stamp, pk, kind_name, after):
    """Objects of kind `kind_name` whose key (datestamp, kind, pk) follows `after`."""
    moment, after_kind, after_pk = after
    if kind_name < after_kind:
        return Q(**{f"{stamp}__gt": moment})
    if kind_name > after_kind:
        return Q(**{f"{stamp}__gte": moment})
    return Q(**{f"{stamp}__gt": moment}) | Q(**{stamp: moment, f"{pk}__gt": after_pk})
