"""The admin for the records guides reuse, grouped under one "Guides" menu.

Each record's edit view has Wagtail's "Usage" panel (the reference index), which lists the
guides that choose it; the listings add the number of guides so that an editor sees at a
glance which records matter before changing or deleting one.
"""

import django_filters

from django.db.models import CharField, Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Coalesce
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.models import ReferenceIndex
from wagtail.search.backends import get_search_backend
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from guides.models import Database, LibrarianProfile, Subject, Video, WebTool
from website.core.spreadsheets import SafeSpreadsheetMixin
from website.search.cjk import has_cjk, query_text


class RecordIndexView(SafeSpreadsheetMixin, IndexView):
    """Finds Chinese names by any two characters, and counts the guides using each record."""

    def search_queryset(self, queryset):
        if self.is_searching and has_cjk(self.search_query):
            hits = get_search_backend().search(
                query_text(self.search_query), self.model.objects.all(), operator="and"
            )
            return queryset.filter(pk__in=[hit.pk for hit in hits])
        return super().search_queryset(queryset)

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        references = (
            ReferenceIndex.objects.filter(
                to_content_type=ReferenceIndex._get_base_content_type(self.model),
                to_object_id=Cast(OuterRef("pk"), output_field=CharField()),
            )
            .values("to_object_id")
            .annotate(guides=Count("object_id", distinct=True))
            .values("guides")
        )
        return queryset.annotate(
            guide_count=Coalesce(Subquery(references, output_field=IntegerField()), Value(0))
        )


USED_IN = Column("guide_count", label=_("Used in guides"), sort_key="guide_count")


def filter_subject(queryset, name, value):
    return queryset.filter(subject_links__subject=value).distinct() if value else queryset


class DatabaseFilterSet(WagtailFilterSet):
    access = django_filters.ChoiceFilter(label=_("Access"), choices=Database.ACCESS_CHOICES)
    database_type = django_filters.ChoiceFilter(label=_("Type"), choices=Database.TYPE_CHOICES)
    subject = django_filters.ModelChoiceFilter(
        label=_("Subject"), queryset=Subject.objects.all(), method=filter_subject
    )
    is_new = django_filters.BooleanFilter(label=pgettext_lazy("database", "New"))
    is_trial = django_filters.BooleanFilter(label=_("Trial"))

    class Meta:
        model = Database
        fields = []


class WebToolFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=WebTool.KIND_CHOICES)
    pricing = django_filters.ChoiceFilter(label=_("Price"), choices=WebTool.PRICING_CHOICES)

    class Meta:
        model = WebTool
        fields = []


class SubjectViewSet(SnippetViewSet):
    model = Subject
    icon = "tag"
    menu_label = _("Subjects")
    list_display = ["name_zh", "name_en", "slug"]
    search_fields = ["name_zh", "name_en", "slug"]


class DatabaseViewSet(SnippetViewSet):
    model = Database
    icon = "site"
    menu_label = _("Databases")
    index_view_class = RecordIndexView
    filterset_class = DatabaseFilterSet
    list_display = [
        "name_zh",
        "name_en",
        Column("get_access_display", label=_("Access")),
        Column("get_database_type_display", label=_("Type")),
        BooleanColumn("is_trial", label=_("Trial")),
        USED_IN,
    ]
    list_export = ["name_zh", "name_en", "url", "access", "database_type", "vendor", "vendor_en"]
    ordering = ["sort_key_zh"]


class VideoViewSet(SnippetViewSet):
    model = Video
    icon = "media"
    menu_label = _("Videos")
    index_view_class = RecordIndexView
    list_display = [
        "title_zh",
        "title_en",
        Column("duration_display", label=_("Duration")),
        USED_IN,
    ]


class WebToolViewSet(SnippetViewSet):
    model = WebTool
    icon = "cogs"
    menu_label = _("Web tools")
    index_view_class = RecordIndexView
    filterset_class = WebToolFilterSet
    list_display = [
        "name_en",
        "name_zh",
        Column("get_kind_display", label=_("Kind")),
        Column("get_pricing_display", label=_("Price")),
        USED_IN,
    ]


class LibrarianProfileViewSet(SnippetViewSet):
    model = LibrarianProfile
    icon = "user"
    menu_label = _("Librarians")
    index_view_class = RecordIndexView
    list_display = ["name_zh", "name_en", "title_zh", "email", USED_IN]


class GuideRecordsGroup(SnippetViewSetGroup):
    menu_label = _("Guide records")
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = (
        DatabaseViewSet,
        VideoViewSet,
        WebToolViewSet,
        LibrarianProfileViewSet,
        SubjectViewSet,
    )
