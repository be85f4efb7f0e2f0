"""Guides over OAI-PMH (see website/oai/): every live guide, with its subjects and owners.

Owners appear by name only (as on the guide page); their emails never leave.
"""

from django.utils.translation import gettext_lazy as _

from website.oai.dublin_core import DublinCore
from website.oai.kinds import PageKind, add_in_each_language, publisher_name, rights_statement
from website.oai.registry import register


@register
class GuideKind(PageKind):
    name = "guide"
    set_spec = "guides"
    set_name = _("Subject and topic guides")
    set_description = _("The library's guides: databases, videos, tools and books by subject.")
    model = "guides.GuidePage"

    def get_queryset(self):
        return super().get_queryset().prefetch_related("subjects", "owners")

    def get_subsets(self):
        from guides.models import GuidePage

        return [(code, str(label)) for code, label in GuidePage.GUIDE_TYPES]

    def filter_subset(self, queryset, suffix):
        from guides.models import GuidePage

        if suffix in dict(GuidePage.GUIDE_TYPES):
            return queryset.filter(guide_type=suffix)
        return queryset.none()

    def get_set_specs(self, obj):
        return [self.set_spec, f"{self.set_spec}:{obj.guide_type}"]

    def dublin_core(self, obj, request):
        dc = DublinCore()
        for page in self.versions(obj):
            lang = self.page_language(page)
            dc.add("title", page.title, lang=lang)
            dc.add(
                "description", getattr(page, "summary", "") or page.search_description, lang=lang
            )
            dc.add("identifier", self.page_url(page, request))
            dc.add("language", lang)
        for owner in obj.owners.all():
            dc.add("creator", owner.name_zh, lang="zh-Hans")
            dc.add("creator", owner.name_en, lang="en")
        for subject in obj.subjects.all():
            dc.add("subject", subject.name_zh, lang="zh-Hans")
            dc.add("subject", subject.name_en, lang="en")
        dc.add("publisher", publisher_name())
        if obj.last_published_at:
            dc.add("date", obj.last_published_at.date().isoformat())
        dc.add("type", "Collection")
        dc.add("type", "Text")
        dc.add("format", "text/html")
        add_in_each_language(dc, "rights", rights_statement())
        return dc
