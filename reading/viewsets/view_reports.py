"""The Views report: how many readers opened each public page, and how many came from a
shelf's QR code (website/core/counting.py counts both, per day, nobody named).

One row per counted object (a campaign, a recommendation, a shelf, a club, a note, a book, a
guide), most viewed first, with its QR scans beside its views; a chart of page views per kind
and month, the ten most viewed, and the scans per shelf. The rows are grouped counts; the
objects they name are loaded for one page of the table at a time, one query per kind.
"""

from dataclasses import dataclass

import django_filters

from django.core.exceptions import PermissionDenied
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from reading import report_charts
from reading.counted import SHELF
from reading.permissions import can_read_view_figures
from website.core import counting
from website.core.charts import ChartedReportMixin
from website.core.columns import BarColumn
from website.core.models import ViewCount
from website.core.spreadsheets import SafeSpreadsheetMixin


@dataclass
class ViewedItem:
    """One row of the report, with what it names in words."""

    kind: str
    object_id: int
    views: int
    scans: int
    kind_label: str = ""
    title: str = ""
    language: str = ""  # a page's; the Chinese and English pages are counted apart
    url: str = ""


def describe(rows):
    """The rows (grouped counts) as ViewedItems, their objects loaded one query per kind."""
    rows = list(rows)
    found = counting.objects((row["kind"], row["object_id"]) for row in rows)
    items = []
    for row in rows:
        kind = counting.KINDS.get(row["kind"])
        obj = found.get((row["kind"], row["object_id"]))
        item = ViewedItem(row["kind"], row["object_id"], row.get("page_views", 0), row["scans"])
        item.kind_label = str(kind.label) if kind else row["kind"]
        if obj is None or kind is None:
            item.title = str(_("(deleted) #%(id)s") % {"id": row["object_id"]})
        else:
            item.title, item.url = kind.title(obj), kind.url(obj) or ""
            locale = getattr(obj, "locale", None)
            item.language = locale.get_display_name() if locale else ""
        items.append(item)
    return items


class PublicLinkColumn(Column):
    """The object's name, linked to its public page (opened beside the admin)."""

    cell_template_name = "reading/admin/public_link_cell.html"


def _kind_choices():
    return [(kind.key, kind.label) for kind in counting.kinds()]


class ViewsFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=_kind_choices)
    date = django_filters.DateFromToRangeFilter(
        label=_("Days counted"), widget=DateRangePickerWidget
    )

    class Meta:
        model = ViewCount
        fields = []


class ViewsReportView(SafeSpreadsheetMixin, ChartedReportMixin, ReportView):
    page_title = _("Views")
    header_icon = "view"
    index_url_name = "reading_report_views"
    index_results_url_name = "reading_report_views_results"
    filterset_class = ViewsFilterSet
    paginate_by = 50
    columns = [
        Column("kind_label", label=_("Kind")),
        PublicLinkColumn("title", label=_("Page")),
        Column("language", label=_("Language")),
        BarColumn("views", label=_("Page views")),
        Column("scans", label=_("QR code scans")),
    ]
    list_export = ["kind_label", "title", "language", "url", "views", "scans"]
    export_headings = {
        "kind_label": _("Kind"),
        "title": _("Page"),
        "language": _("Language"),
        "url": _("Address"),
        "views": _("Page views"),
        "scans": _("QR code scans"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not can_read_view_figures(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return "views"

    def get_queryset(self):
        return ViewCount.objects.all()

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        self.counts = queryset  # the charts count the same days and kinds as the table
        return (
            queryset.values("kind", "object_id")
            .annotate(
                page_views=Coalesce(Sum("views", filter=Q(source=ViewCount.Source.PAGE)), 0),
                scans=Coalesce(Sum("views", filter=Q(source=ViewCount.Source.QR)), 0),
            )
            .order_by("-page_views", "-scans", "kind", "object_id")
        )

    def get_table(self, object_list, **kwargs):
        # The table names the objects of its page only: described here, before it is drawn.
        return super().get_table(describe(object_list), **kwargs)

    def decorate_paginated_queryset(self, object_list):
        """The export's rows (the whole list, unpaginated), described like the table's."""
        if self.is_export:
            return describe(object_list)
        return object_list

    def get_charts(self, top):
        counts = getattr(self, "counts", ViewCount.objects.all())
        top = describe(top)
        shelves = (
            counts.filter(kind=SHELF.key, source=ViewCount.Source.QR)
            .values("kind", "object_id")
            .annotate(scans=Sum("views"))
            .order_by("-scans", "object_id")[:10]
        )
        return [
            report_charts.views_by_month(counts),
            report_charts.top_ten(
                _("The ten most viewed pages"),
                _("Page views"),
                ((item.title, item.views) for item in top if item.views),
                "top-viewed",
            ),
            report_charts.top_ten(
                _("QR code scans per shelf"),
                _("Scans"),
                ((item.title, item.scans) for item in describe(shelves)),
                "shelf-scans",
            ),
        ]


class ViewsReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_read_view_figures(request.user)


def menu_item():
    return ViewsReportMenuItem(
        _("Views"), reverse("reading_report_views"), icon_name="view", order=705
    )


def urls():
    return [
        path("reports/views/", ViewsReportView.as_view(), name="reading_report_views"),
        path(
            "reports/views/results/",
            ViewsReportView.as_view(results_only=True),
            name="reading_report_views_results",
        ),
    ]
