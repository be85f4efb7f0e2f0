"""What the guides add to the site search (see website/search/kinds.py): databases, web tools
and videos, each with the guides that use it and, for a database, its place in the A–Z list."""

from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _

from wagtail.models import Locale, Page, ReferenceIndex

from guides.models import Database, DatabaseListPage, GuidePage, Video, WebTool
from guides.templatetags.guides_tags import go_url
from website.core.privacy import for_readers
from website.search.kinds import RecordKind, Result, register

GUIDES_PER_RESULT = 3


class GuideRecordKind(RecordKind):
    """A record edited once and chosen in many guides: its result names those guides."""

    def load(self, records):
        """{record pk: [guide, …]}: the live guides of the reader's language that use them."""
        if not records:
            return {}
        references = ReferenceIndex.objects.filter(
            to_content_type=ContentType.objects.get_for_model(self.get_model()),
            to_object_id__in=[str(record.pk) for record in records],
            base_content_type=ContentType.objects.get_for_model(Page),
        ).values_list("to_object_id", "object_id")
        guides = GuidePage.objects.for_readers().filter(locale=Locale.get_active())
        guides = guides.in_bulk([int(page_id) for _record, page_id in references])
        used_in = {}
        for record_id, page_id in references:
            guide = guides.get(int(page_id))
            found = used_in.setdefault(int(record_id), [])
            if guide is not None and guide not in found:
                found.append(guide)
        return {"used_in": used_in}

    def links(self, record, loaded):
        guides = sorted(loaded["used_in"].get(record.pk, []), key=lambda guide: guide.title)
        return [
            (_("In the guide “%(title)s”") % {"title": guide.title}, guide.url)
            for guide in guides[:GUIDES_PER_RESULT]
        ]


@register
class DatabaseKind(GuideRecordKind):
    model = "guides.Database"
    order = 10

    def get_queryset(self):
        return Database.objects.all()  # shared guide records: all are public

    def load(self, records):
        loaded = super().load(records)
        if records:
            loaded["az"] = (
                for_readers(DatabaseListPage.objects.all())
                .filter(locale=Locale.get_active())
                .first()
            )
        return loaded

    def describe(self, database, loaded):
        links = []
        az = loaded.get("az")
        if az is not None:
            query = urlencode({"q": database.name})
            links.append((_("In the A–Z database list"), f"{az.url}?{query}"))
        meta = [str(database.get_database_type_display()), str(database.get_access_display())]
        if database.vendor:
            meta.append(database.display_vendor)
        other_name = database.name_en if database.name == database.name_zh else database.name_zh
        text = " ".join(part for part in (other_name, database.description) if part)
        return Result(
            title=database.name,
            url=go_url(database),
            text=text,
            meta=meta,
            links=links + self.links(database, loaded),
        )


@register
class WebToolKind(GuideRecordKind):
    model = "guides.WebTool"
    order = 20

    def get_queryset(self):
        return WebTool.objects.all()  # shared guide records: all are public

    def describe(self, tool, loaded):
        meta = [str(tool.get_kind_display()), str(tool.get_pricing_display())]
        meta.extend(str(label) for label in tool.platform_labels)
        other_name = tool.name_en if tool.name == tool.name_zh else tool.name_zh
        return Result(
            title=tool.name,
            url=go_url(tool),
            text=" ".join(part for part in (other_name, tool.note) if part),
            meta=meta,
            links=self.links(tool, loaded),
        )


@register
class VideoKind(GuideRecordKind):
    model = "guides.Video"
    order = 30

    def get_queryset(self):
        return Video.objects.all()  # shared guide records: all are public

    def describe(self, video, loaded):
        meta = [video.duration_display] if video.duration else []
        links = self.links(video, loaded)
        return Result(
            title=video.title,
            # A video is watched in its guide, with captions; alone only when no guide has it.
            url=links[0][1] if links else go_url(video),
            text=video.description,
            meta=meta,
            links=links[1:] if links else [],
        )
