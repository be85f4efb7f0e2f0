"""Guide pages: the index readers browse, the guides themselves and the A–Z database list.

Sections are tabs inside one page (a StreamField of section blocks), not child pages: a guide
is then one address to share, one search hit, one view count and one thing to review,
translate and publish, which is what an owner keeps alive. The tabs are plain anchor links
over sections that are all in the HTML, so they work without JavaScript (the page scrolls to
the section) and with it (an ARIA tab list shows one section at a time); a link to
guide/#grammar opens that tab either way.
"""

from datetime import date

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Exists, OuterRef, Q, Value
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from guides import sorting, structured_data
from guides.bilingual import active_language
from guides.blocks import SectionsBlock, section_anchor
from website.core.api_fields import FromPage, names_in_language
from website.core.privacy import ReaderPageManager
from website.search.cjk import query_text
from website.search.indexing import ChineseSearchMixin, cjk_search_field

__all__ = ["DatabaseListPage", "GuideIndexPage", "GuidePage"]

GUIDES_PER_PAGE = 12
MAX_QUERY_LENGTH = 100


def _page_number(request):
    return request.GET.get("page") or 1


class GuideIndexPage(ChineseSearchMixin, Page):
    """All guides of one language, browsed by type, subject and owner, and searched."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro"), cjk_search_field()]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["guides.GuidePage", "guides.DatabaseListPage"]

    class Meta:
        verbose_name = _("guide index")
        verbose_name_plural = _("guide indexes")

    def guides(self):
        return GuidePage.objects.for_readers().child_of(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        all_guides = self.guides()
        guides = all_guides
        filters = {
            "type": (request.GET.get("type") or "").strip(),
            "subject": (request.GET.get("subject") or "").strip(),
            "owner": (request.GET.get("owner") or "").strip(),
            "q": (request.GET.get("q") or "").strip()[:MAX_QUERY_LENGTH],
        }
        if filters["type"] in dict(GuidePage.GUIDE_TYPES):
            guides = guides.filter(guide_type=filters["type"])
        else:
            filters["type"] = ""
        if filters["subject"]:
            guides = guides.filter(subjects__slug=filters["subject"])
        if filters["owner"].isdigit():
            guides = guides.filter(owners__pk=int(filters["owner"]))
        else:
            filters["owner"] = ""
        guides = guides.distinct().order_by("title")
        if filters["q"]:
            rewritten = query_text(filters["q"])
            hits = list(all_guides.search(rewritten, operator="and")) if rewritten else []
            allowed = set(guides.values_list("pk", flat=True))
            ordered_ids = [hit.pk for hit in hits if hit.pk in allowed]
            by_id = {
                guide.pk: guide
                for guide in GuidePage.objects.filter(pk__in=ordered_ids).prefetch_related(
                    "subjects", "owners"
                )
            }
            results = [by_id[pk] for pk in ordered_ids if pk in by_id]
        else:
            results = guides.prefetch_related("subjects", "owners")
        paginator = Paginator(results, GUIDES_PER_PAGE)
        try:
            page_of_guides = paginator.page(_page_number(request))
        except (PageNotAnInteger, EmptyPage):
            page_of_guides = paginator.page(1)

        from guides.models.resources import LibrarianProfile, Subject

        live_ids = all_guides.values("pk")
        context.update(
            {
                "guides": page_of_guides,
                "filters": filters,
                "guide_types": GuidePage.GUIDE_TYPES,
                "subjects": Subject.objects.filter(guide_pages__in=live_ids).distinct(),
                "owners": LibrarianProfile.objects.filter(guide_pages__in=live_ids).distinct(),
                "database_list": DatabaseListPage.objects.live().child_of(self).first(),
                "is_filtered": any(filters.values()),
            }
        )
        return context


class GuidePage(ChineseSearchMixin, Page):
    """A subject, topic or course guide, kept alive by its owners."""

    objects = ReaderPageManager()

    GUIDE_TYPES = [
        ("subject", _("Subject guide")),
        ("topic", _("Topic guide")),
        ("course", _("Course guide")),
    ]

    guide_type = models.CharField(_("type"), max_length=20, choices=GUIDE_TYPES, default="topic")
    subjects = ParentalManyToManyField(
        "guides.Subject", verbose_name=_("subjects"), blank=True, related_name="guide_pages"
    )
    owners = ParentalManyToManyField(
        "guides.LibrarianProfile",
        verbose_name=_("owners"),
        blank=True,
        related_name="guide_pages",
        help_text=_("The librarians who keep this guide up to date."),
    )
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("Two or three sentences: who the guide is for.")
    )
    review_by = models.DateField(
        _("review by"),
        null=True,
        blank=True,
        help_text=_("The owners get a reminder when this date has passed."),
    )
    sections = StreamField(
        SectionsBlock(), blank=True, verbose_name=_("sections"), use_json_field=True
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("guide_type"), FieldPanel("review_by")]),
                FieldPanel("subjects"),
                FieldPanel("owners"),
                FieldPanel("summary"),
            ],
            heading=_("About this guide"),
        ),
        FieldPanel("sections"),
    ]
    og_type = "article"
    api_fields = [
        APIField("guide_type"),
        APIField("summary"),
        APIField("review_by"),
        APIField(
            "subjects",
            serializer=FromPage(lambda page: names_in_language(page.subjects, page.locale)),
        ),
        APIField(
            "owners",
            serializer=FromPage(lambda page: names_in_language(page.owners, page.locale)),
        ),
        APIField("sections"),
    ]

    def get_json_ld(self, request):
        return structured_data.guide(self, request)

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("sections"),
        index.SearchField("subject_names", boost=2),
        index.FilterField("guide_type"),
        index.FilterField("review_by"),
        cjk_search_field(),
    ]
    parent_page_types = ["guides.GuideIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("guide")
        verbose_name_plural = _("guides")

    def subject_names(self):
        return " ".join(f"{s.name_zh} {s.name_en}" for s in self.subjects.all())

    def section_list(self):
        """(anchor, value) for every section, the anchors unique within the page."""
        sections = []
        for position, child in enumerate(self.sections):
            sections.append(
                {
                    "anchor": section_anchor(child.value, position),
                    "value": child.value,
                    "block": child,
                }
            )
        return sections

    @property
    def is_due_for_review(self):
        return self.review_by is not None and self.review_by < date.today()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.section_list()
        context["owners"] = list(self.owners.select_related("photo").prefetch_related("subjects"))
        context["guide_subjects"] = list(self.subjects.all())
        return context


class DatabaseListPage(ChineseSearchMixin, Page):
    """Every database A–Z, filtered by subject, type, access and first letter.

    Chinese names are filed by pinyin among the Latin ones (guides/sorting.py); when a subject
    is chosen its best bets come first, as LibGuides' A–Z list does.
    """

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro"), cjk_search_field()]
    parent_page_types = ["guides.GuideIndexPage", "home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("A–Z database list")
        verbose_name_plural = _("A–Z database lists")

    def databases(self, filters, language=None):
        from guides.models.resources import Database, DatabaseSubject

        language = language or active_language()
        databases = Database.objects.all()
        subject = filters.get("subject_obj")
        if subject is not None:
            databases = databases.filter(subject_links__subject=subject).annotate(
                best_bet=Exists(
                    DatabaseSubject.objects.filter(
                        database=OuterRef("pk"), subject=subject, best_bet=True
                    )
                )
            )
        else:
            databases = databases.annotate(best_bet=Value(False))
        if filters.get("type"):
            databases = databases.filter(database_type=filters["type"])
        if filters.get("access"):
            databases = databases.filter(access=filters["access"])
        if filters.get("letter"):
            databases = databases.filter(**{f"initial_{language}": filters["letter"]})
        for word in filters.get("q", "").split():
            # Each word in a name (either language), the vendor or a description; a substring
            # match, so 知网 finds 中国知网 and "med" finds PubMed, as the box filters as one types.
            databases = databases.filter(
                Q(name_zh__icontains=word)
                | Q(name_en__icontains=word)
                | Q(vendor__icontains=word)
                | Q(description_zh__icontains=word)
                | Q(description_en__icontains=word)
            )
        return (
            databases.distinct()
            .order_by("-best_bet", f"sort_key_{language}", "pk")
            .prefetch_related("subject_links__subject")
        )

    def get_context(self, request, *args, **kwargs):
        from guides.models.resources import Database, Subject

        context = super().get_context(request, *args, **kwargs)
        language = active_language()
        filters = {
            "subject": (request.GET.get("subject") or "").strip(),
            "type": (request.GET.get("type") or "").strip(),
            "access": (request.GET.get("access") or "").strip(),
            "letter": (request.GET.get("letter") or "").strip().upper(),
            "q": " ".join((request.GET.get("q") or "").split())[:MAX_QUERY_LENGTH],
        }
        if filters["type"] not in dict(Database.TYPE_CHOICES):
            filters["type"] = ""
        if filters["access"] not in dict(Database.ACCESS_CHOICES):
            filters["access"] = ""
        if filters["letter"] not in sorting.LETTERS + [sorting.OTHER]:
            filters["letter"] = ""
        subject = Subject.objects.filter(slug=filters["subject"]).first()
        if subject is None:
            filters["subject"] = ""
        databases = list(self.databases({**filters, "subject_obj": subject}, language))
        used_letters = set(
            Database.objects.values_list(f"initial_{language}", flat=True).distinct()
        )
        context.update(
            {
                "databases": databases,
                "best_bets": [db for db in databases if db.best_bet],
                "others": [db for db in databases if not db.best_bet],
                "filters": filters,
                "subject": subject,
                "subjects": Subject.objects.filter(
                    pk__in=Database.objects.values("subject_links__subject")
                ),
                "database_types": Database.TYPE_CHOICES,
                "access_choices": Database.ACCESS_CHOICES,
                "letters": [
                    (letter, letter in used_letters) for letter in sorting.LETTERS + [sorting.OTHER]
                ],
                "is_filtered": any(filters.values()),
            }
        )
        return context
