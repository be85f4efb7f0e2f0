"""Recommendation campaigns (思库推荐): campaigns, recommendations, recommenders, column articles
and the public submissions that become recommendations after moderation.

A campaign collects recommendations year after year ("the one book that influenced me most",
since 2018); each recommendation is one reader's word on one book, so the same book
recommended by several readers stays one `reading.Book` with several recommendations.
"""

import re
import secrets
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, Paginator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from reading import structured_data
from reading.blocks import COLUMN_BLOCKS
from reading.uploads import ProvenFormatFileField
from website.core.api_fields import FromPage
from website.core.privacy import ReaderPageManager, for_readers
from website.core.terms import is_english, tag_label, tag_search_fields
from website.core.translation_groups import one_per_group
from website.search.cjk import has_cjk
from website.search.indexing import ChineseSearchMixin, cjk_search_field

__all__ = [
    "CampaignIndexPage",
    "CampaignPage",
    "ColumnArticlePage",
    "RecommendationPage",
    "RecommendationTheme",
    "Recommender",
    "RecommenderRole",
    "NameDisplay",
    "Submission",
]

RECOMMENDATIONS_PER_PAGE = 12


class RecommenderRole(models.TextChoices):
    STUDENT = "student", _("Student")
    FACULTY = "faculty", _("Faculty")
    STAFF = "staff", _("Staff")
    ALUMNI = "alumni", _("Alumni")


class NameDisplay(models.TextChoices):
    FULL = "full", _("Full name")
    INITIALS = "initials", _("Initials only")
    ANONYMOUS = "anonymous", _("Anonymous")


def initials_of(name):
    """'Zhang Wei' -> 'Z. W.'; '张伟' -> 'Z. W.' (pinyin initials, so that the surname alone
    never identifies a reader in a small department)."""
    name = unicodedata.normalize("NFKC", name or "").strip()
    if not name:
        return ""
    if has_cjk(name):
        from pypinyin import Style, lazy_pinyin

        letters = [
            p[:1].upper() for p in lazy_pinyin(name, style=Style.FIRST_LETTER) if p.strip("·• ")
        ]
    else:
        letters = [part[:1].upper() for part in re.split(r"[\s.\-·]+", name) if part]
    return " ".join(f"{letter}." for letter in letters if letter.isalnum())


VIDEO_TYPES = {"video/mp4", "video/webm", "video/ogg", "video/quicktime", "video/x-m4v"}


def video_problem(file):
    """Why `file` cannot be played as a vlog, or "" when it is a video (judged by its bytes,
    not by its name: a renamed document must not be offered to readers as a video)."""
    import filetype

    try:
        file.open("rb")
        head = file.read(8192)
        file.seek(0)
    except (OSError, ValueError):
        return str(_("The vlog file cannot be read."))
    kind = filetype.guess(head)
    if kind is None or kind.mime not in VIDEO_TYPES:
        return str(_("The vlog file is not an MP4, WebM or Ogg video."))
    return ""


class RecommenderQuerySet(models.QuerySet):
    def public(self):
        """Recommenders with a public page: named in full by their own choice, with at least
        one recommendation a reader may see."""
        readable = RecommendationPage.objects.for_readers().values("recommender_id")
        return self.filter(name_display=NameDisplay.FULL, pk__in=readable)


class Recommender(index.Indexed, models.Model):
    """A reader who recommends books: one record across campaigns and years.

    The email is kept for the library's replies only; it is never rendered on a public page.
    `name_display` is the reader's own choice; a public recommender page exists only while it
    is "full name", so changing it (withdrawing consent) removes the page at once.
    """

    name = models.CharField(pgettext_lazy("person", "name"), max_length=120)
    name_en = models.CharField(
        _("name in English"),
        max_length=120,
        blank=True,
        help_text=_("Romanised name shown on English pages, e.g. Zhang Wei."),
    )
    role = models.CharField(_("role"), max_length=16, choices=RecommenderRole.choices)
    school = models.CharField(
        _("school or department"),
        max_length=120,
        blank=True,
        help_text=_("As the university names it, e.g. 理学院 or 图书馆."),
    )
    school_en = models.CharField(_("school or department in English"), max_length=120, blank=True)
    distinction = models.CharField(
        _("title or distinction"),
        max_length=120,
        blank=True,
        help_text=_("Shown with a full name only, e.g. 中国科学院院士 or 讲席教授."),
    )
    distinction_en = models.CharField(
        _("title or distinction in English"), max_length=120, blank=True
    )
    name_display = models.CharField(
        _("how the name may be shown"),
        max_length=16,
        choices=NameDisplay.choices,
        default=NameDisplay.INITIALS,
    )
    email = models.EmailField(_("email (private)"), blank=True, db_index=True)
    slug = models.SlugField(
        pgettext_lazy("address", "slug"), max_length=80, unique=True, allow_unicode=True
    )
    bio = models.TextField(_("short biography"), blank=True)
    bio_en = models.TextField(_("short biography in English"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RecommenderQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
        FieldRowPanel([FieldPanel("role"), FieldPanel("name_display")]),
        FieldRowPanel([FieldPanel("school"), FieldPanel("school_en")]),
        FieldRowPanel([FieldPanel("distinction"), FieldPanel("distinction_en")]),
        FieldPanel("email"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("bio"), FieldPanel("bio_en")]),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("name_en"),
        index.AutocompleteField("name"),
        index.FilterField("role"),
    ]

    class Meta:
        verbose_name = _("recommender")
        verbose_name_plural = _("recommenders")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            from django.utils.text import slugify

            base = slugify(self.name_en or self.name, allow_unicode=True)[:60] or "reader"
            slug, n = base, 1
            while Recommender.objects.filter(slug=slug).exclude(pk=self.pk).exists():
                n += 1
                slug = f"{base}-{n}"
            self.slug = slug
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("reading:recommender", kwargs={"slug": self.slug})

    @property
    def is_named(self):
        return self.name_display == NameDisplay.FULL

    def _localised(self, zh, en, language=None):
        from django.utils.translation import get_language

        language = language or get_language() or ""
        return en if (language.startswith("en") and en) else zh

    def public_name(self, language=None):
        """The name as the reader allowed it to be shown, in the reader's interface language."""
        if self.name_display == NameDisplay.FULL:
            return self._localised(self.name, self.name_en, language)
        if self.name_display == NameDisplay.INITIALS:
            return initials_of(self.name_en or self.name)
        return str(_("Anonymous reader"))

    def credited_name(self, language=None):
        """The name a public channel may credit (feed author, API, JSON-LD, OAI-PMH creator),
        or None for a reader who chose to stay anonymous: such a reader is never credited,
        not even as "Anonymous reader"."""
        if self.name_display == NameDisplay.ANONYMOUS:
            return None
        return self.public_name(language)

    def api_data(self, language):
        """The recommender as the JSON API serves them in a recommendation: as credited."""
        name = self.credited_name(language)
        return None if name is None else {"name": name, "role": self.role}

    @property
    def display_name(self):
        return self.public_name()

    @property
    def display_school(self):
        return self._localised(self.school, self.school_en)

    @property
    def display_distinction(self):
        if not self.is_named:
            return ""
        return self._localised(self.distinction, self.distinction_en)

    @property
    def display_bio(self):
        return self._localised(self.bio, self.bio_en)


class CampaignIndexPage(ChineseSearchMixin, Page):
    """The 思库推荐 section: every campaign, open ones first."""

    objects = ReaderPageManager()

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro"), cjk_search_field()]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["reading.CampaignPage", "reading.ColumnArticlePage"]

    class Meta:
        verbose_name = _("campaign index")
        verbose_name_plural = _("campaign indexes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        campaigns = list(CampaignPage.objects.for_readers().child_of(self).order_by("-starts_on"))
        campaigns.sort(key=lambda c: not c.is_open)
        context["campaigns"] = campaigns
        context["columns"] = (
            ColumnArticlePage.objects.for_readers()
            .descendant_of(self)
            .order_by("-published_on")[:6]
        )
        return context


class CampaignPage(ChineseSearchMixin, Page):
    """One campaign: the call for recommendations and the recommendations it has drawn."""

    objects = ReaderPageManager()

    intro = models.TextField(_("one-line summary"), blank=True)
    call_for_recommendations = RichTextField(
        _("call for recommendations"),
        blank=True,
        help_text=_("What readers are asked to write, on what paper, and what happens next."),
    )
    starts_on = models.DateField(_("starts on"), default=timezone.localdate)
    ends_on = models.DateField(
        _("ends on"),
        null=True,
        blank=True,
        help_text=_("Leave empty for a campaign that keeps running."),
    )
    accepting_submissions = models.BooleanField(
        _("accepting submissions"),
        default=True,
        help_text=_("Untick to close the public form even inside the period."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("call_for_recommendations"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
                FieldPanel("accepting_submissions"),
            ],
            heading=_("Period and state"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("call_for_recommendations"),
        cjk_search_field(),
    ]
    parent_page_types = ["reading.CampaignIndexPage", "home.HomePage"]
    subpage_types = ["reading.RecommendationPage", "reading.ColumnArticlePage"]

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def clean(self):
        super().clean()
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The campaign cannot end before it starts.")})

    @property
    def is_open(self):
        today = timezone.localdate()
        if not self.accepting_submissions or (self.starts_on and today < self.starts_on):
            return False
        return not (self.ends_on and today > self.ends_on)

    def submit_url(self):
        return reverse("reading:campaign_submit", kwargs={"page_id": self.pk})

    def recommendations(self):
        """Live recommendations of this campaign in this page's language, newest first.

        A recommendation not yet translated is listed in its original language, so that the
        English campaign never hides what readers sent in Chinese (and the other way round).
        """
        translation_ids = list(
            Page.objects.filter(translation_key=self.translation_key).values_list("pk", flat=True)
        )
        parents = Page.objects.filter(pk__in=translation_ids)
        siblings_in_locale = RecommendationPage.objects.for_readers().filter(
            locale=self.locale, translation_key=OuterRef("translation_key")
        )
        path_filter = Q()
        for parent in parents:
            path_filter |= Q(path__startswith=parent.path, depth=parent.depth + 1)
        return (
            RecommendationPage.objects.for_readers()
            .filter(path_filter)
            .filter(Q(locale=self.locale) | ~Exists(siblings_in_locale))
            .select_related("book", "recommender", "locale")
            .prefetch_related("tagged_items__tag__english", "book__ebooks")
            .order_by("-recommended_on", "-pk")
        )

    def filter_recommendations(self, queryset, params):
        """Apply the reader's filters; unknown values are ignored rather than failing."""
        active = {}
        theme = (params.get("theme") or "").strip()
        if theme:
            queryset = queryset.filter(tagged_items__tag__slug=theme).distinct()
            active["theme"] = theme
        role = params.get("role") or ""
        if role in RecommenderRole.values:
            queryset = queryset.filter(recommender__role=role)
            active["role"] = role
        school = (params.get("school") or "").strip()
        if school:
            queryset = queryset.filter(recommender__school=school)
            active["school"] = school
        year = params.get("year") or ""
        if year.isdigit() and len(year) == 4:
            queryset = queryset.filter(recommended_on__year=int(year))
            active["year"] = year
        return queryset, active

    def facets(self, queryset):
        """The filter choices that exist in this campaign (a handful of small queries)."""
        themes = (
            Tag.objects.filter(
                reading_recommendationtheme_items__content_object__in=queryset.values("pk")
            )
            .values("slug", "name", "english__name")
            .annotate(count=models.Count("reading_recommendationtheme_items", distinct=True))
            .order_by("-count", "name")
        )
        english = is_english(self.locale.language_code)
        themes = [
            {
                **row,
                "label": row["english__name"] if english and row["english__name"] else row["name"],
            }
            for row in themes
        ]
        schools = {}
        for school, school_en in (
            queryset.order_by()
            .values_list("recommender__school", "recommender__school_en")
            .distinct()
        ):
            if school:
                schools.setdefault(school, school_en or school)
        years = sorted(
            {d.year for d in queryset.order_by().values_list("recommended_on", flat=True)},
            reverse=True,
        )
        return {
            "themes": themes,
            "schools": schools,
            "years": years,
            "roles": RecommenderRole.choices,
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        everything = self.recommendations()
        filtered, active = self.filter_recommendations(everything, request.GET)
        paginator = Paginator(filtered, RECOMMENDATIONS_PER_PAGE)
        try:
            page_number = int(request.GET.get("page", 1))
        except ValueError:
            page_number = 1
        try:
            page = paginator.page(page_number)
        except EmptyPage:
            page = paginator.page(paginator.num_pages if page_number > 1 else 1)
        query = request.GET.copy()
        query.pop("page", None)
        context.update(
            recommendations=page,
            paginator=paginator,
            active_filters=active,
            filter_query=query.urlencode(),
            facets=self.facets(everything),
            columns=ColumnArticlePage.objects.for_readers()
            .child_of(self)
            .filter(locale=self.locale)
            .order_by("-published_on")[:4],
        )
        return context


class RecommendationTheme(TaggedItemBase):
    """A theme of a recommendation (大学生发展, 心理健康, 科学史…), a tag editors choose."""

    content_object = ParentalKey(
        "reading.RecommendationPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class RecommendationPage(ChineseSearchMixin, Page):
    """One reader's recommendation of one book, as written on the library's letter paper."""

    objects = ReaderPageManager()

    book = models.ForeignKey(
        "reading.Book",
        verbose_name=_("book"),
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    recommender = models.ForeignKey(
        Recommender,
        verbose_name=_("recommender"),
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    text = models.TextField(
        _("recommendation"), help_text=_("The reader's words, as they wrote them.")
    )
    recommended_on = models.DateField(_("recommended on"), default=timezone.localdate)
    themes = ClusterTaggableManager(
        through=RecommendationTheme, blank=True, verbose_name=_("themes")
    )
    show_note = models.BooleanField(
        _("show the handwritten note"),
        default=False,
        help_text=_("Only when the reader consented to publishing the scan of their note."),
    )
    vlog_url = models.URLField(
        _("vlog address"),
        blank=True,
        help_text=_("A video page with embedding (Bilibili, Youku, YouTube…); it is embedded."),
    )
    vlog_file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("vlog file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("An MP4 or WebM file, for campus video platforms that cannot be embedded."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("book"),
        FieldPanel("recommender"),
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("recommended_on"), FieldPanel("show_note")]),
        FieldPanel("themes"),
        MultiFieldPanel([FieldPanel("vlog_url"), FieldPanel("vlog_file")], heading=_("Vlog")),
    ]
    og_type = "article"
    api_fields = [
        APIField("book", serializer=FromPage(lambda page: page.book.api_data())),
        APIField(
            "recommender",
            serializer=FromPage(lambda page: page.recommender.api_data(page.locale.language_code)),
        ),
        APIField("text"),
        APIField("recommended_on"),
        APIField(
            "themes",
            serializer=FromPage(
                lambda page: [
                    tag_label(tag, page.locale.language_code) for tag in page.theme_tags()
                ]
            ),
        ),
    ]

    def theme_tags(self):
        """The themes' tags with their English forms: one query, none when a listing has
        prefetched them (`tagged_items__tag__english`) or in a preview (where the themes are
        the form's, not yet saved)."""
        items = self.tagged_items.all()
        prefetched = "tagged_items" in getattr(self, "_prefetched_objects_cache", {})
        if isinstance(items, models.QuerySet) and not prefetched:
            items = items.select_related("tag__english")
        return [item.tag for item in items]

    def get_json_ld(self, request):
        return structured_data.recommendation(self, request)

    search_fields = Page.search_fields + [
        index.SearchField("text"),
        index.SearchField("book_search_text"),
        tag_search_fields("themes"),
        index.FilterField("recommended_on"),
        cjk_search_field(),
    ]
    parent_page_types = ["reading.CampaignPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")

    def clean(self):
        super().clean()
        if self.vlog_url and self.vlog_file_id:
            raise ValidationError(
                {"vlog_file": _("Give either a vlog address or a vlog file, not both.")}
            )
        if self.vlog_file_id:
            problem = video_problem(self.vlog_file.file)
            if problem:
                raise ValidationError({"vlog_file": problem})

    def book_search_text(self):
        """The book's title and authors, so that searching 三体 finds its recommendations."""
        book = self.book if self.book_id else None
        return f"{book.title} {book.subtitle} {book.authors}" if book else ""

    @cached_property
    def note(self):
        """The archived handwritten note shown on this page: the librarian chose to show it,
        and it is public (`ArchiveItem.objects.public()`, the rule every channel asks)."""
        if not self.show_note:
            return None
        translation_ids = Page.objects.filter(translation_key=self.translation_key).values("pk")
        return self._note_queryset().filter(recommendation_id__in=translation_ids).first()

    @staticmethod
    def _note_queryset():
        # function-local: archive.py imports this module for its public() rule
        from reading.models.archive import ArchiveItem

        return ArchiveItem.objects.public().select_related("display_image")

    def vlog_embed_html(self):
        """The player for a vlog address through Wagtail's embed finders (cached in the
        database), or "" when the platform offers no embedding: the page then links to it."""
        if not self.vlog_url:
            return ""
        from wagtail.embeds import embeds
        from wagtail.embeds.exceptions import EmbedException

        try:
            return embeds.get_embed(self.vlog_url, max_width=800).html
        except (EmbedException, OSError, ValueError):
            return ""

    @property
    def has_vlog(self):
        return bool(self.vlog_url or self.vlog_file_id)

    def column_articles(self):
        """Live column articles that feature this recommendation (or one of its translations),
        found through Wagtail's reference index rather than by parsing StreamField JSON."""
        from django.contrib.contenttypes.models import ContentType

        from wagtail.models import ReferenceIndex

        translation_ids = [
            str(pk)
            for pk in Page.objects.filter(translation_key=self.translation_key).values_list(
                "pk", flat=True
            )
        ]
        page_type = ContentType.objects.get_for_model(Page)
        source_ids = ReferenceIndex.objects.filter(
            to_content_type=page_type,
            to_object_id__in=translation_ids,
            content_type=ContentType.objects.get_for_model(ColumnArticlePage),
        ).values_list("object_id", flat=True)
        articles = ColumnArticlePage.objects.for_readers().filter(
            translation_key__in=ColumnArticlePage.objects.filter(
                pk__in=[int(i) for i in source_ids]
            ).values("translation_key")
        )
        chosen = one_per_group(articles.select_related("locale"), locale_id=self.locale_id)
        return sorted(chosen, key=lambda a: a.published_on, reverse=True)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["other_recommendations"] = (
            RecommendationPage.objects.for_readers()
            .filter(book=self.book_id, locale=self.locale)
            .exclude(translation_key=self.translation_key)
            .select_related("recommender")
            .order_by("-recommended_on")[:10]
        )
        context["column_articles"] = self.column_articles()
        return context


class ColumnArticlePage(ChineseSearchMixin, Page):
    """A column article (专栏推文) that presents several recommendations as cards."""

    objects = ReaderPageManager()

    intro = models.TextField(_("introduction"), blank=True)
    published_on = models.DateField(_("published on"), default=timezone.localdate)
    byline = models.CharField(
        _("byline"), max_length=120, blank=True, help_text=_("e.g. 图书馆读者服务部")
    )
    body = StreamField(COLUMN_BLOCKS, blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("published_on"), FieldPanel("byline")]),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        cjk_search_field(),
    ]
    parent_page_types = ["reading.CampaignPage", "reading.CampaignIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("column article")
        verbose_name_plural = _("column articles")


def submission_note_path(instance, filename):
    """A random name: the reader's file name (often their own name) never becomes a path. The
    extension is that of the format the bytes prove (reading.uploads.ProvenFormatFileField), so
    a file sent as `.htaccess` or `note.html` is stored as what it really is."""
    import os

    extension = os.path.splitext(filename)[1].lower()[:5]
    now = timezone.now()
    return f"submissions/{now:%Y/%m}/{secrets.token_hex(16)}{extension}"


class Submission(models.Model):
    """A recommendation as a reader sent it through the public form, kept whatever happens.

    It is stored before anything else is done with it, so that a failing email or a librarian's
    later decision never loses what the reader wrote. Accepting it creates the draft
    recommendation page; the submission stays as the record of what was received, and its
    note file moves into the archive (one copy of a reader's handwriting, not two). The file
    of a rejected submission is removed after `SUBMISSION_REJECTED_FILE_DAYS` (see
    reading.retention).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for moderation")
        CHANGES = "changes", pgettext_lazy("submission status", "Changes requested")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", pgettext_lazy("submission status", "Rejected")

    campaign = models.ForeignKey(
        "reading.CampaignPage",
        verbose_name=_("campaign"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="submissions",
    )
    campaign_title = models.CharField(_("campaign title"), max_length=255, editable=False)
    language = models.CharField(_("language"), max_length=10, default="zh-hans")
    name = models.CharField(pgettext_lazy("person", "name"), max_length=120)
    role = models.CharField(_("role"), max_length=16, choices=RecommenderRole.choices)
    school = models.CharField(_("school or department"), max_length=120)
    email = models.EmailField(_("email"))
    name_display = models.CharField(
        _("how your name may be shown"),
        max_length=16,
        choices=NameDisplay.choices,
        default=NameDisplay.FULL,
    )
    consent_text = models.BooleanField(_("consent to publish the recommendation"), default=False)
    consent_note = models.BooleanField(_("consent to publish the handwritten note"), default=False)
    isbn = models.CharField(_("ISBN"), max_length=13, blank=True)
    title = models.CharField(_("book title"), max_length=255, blank=True)
    author = models.CharField(_("author"), max_length=255, blank=True)
    book = models.ForeignKey(
        "reading.Book",
        verbose_name=_("catalogue match"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submissions",
    )
    text = models.TextField(_("recommendation"))
    note_file = ProvenFormatFileField(
        _("handwritten note"), upload_to=submission_note_path, blank=True
    )
    note_content_type = models.CharField(max_length=60, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    message = models.TextField(
        _("message to the reader"),
        blank=True,
        help_text=_("Sent with the decision: what to change, or why it cannot be published."),
    )
    token = models.CharField(max_length=43, unique=True, editable=False)
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recommendation = models.ForeignKey(
        "reading.RecommendationPage",
        verbose_name=_("recommendation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submissions",
    )
    # When the reader was told that their recommendation is published: they are told once.
    published_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    archived_note = models.ForeignKey(
        "reading.ArchiveItem",
        verbose_name=_("archived note"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submissions",
        editable=False,
        help_text=_(
            "Once accepted, the note lives in the archive only: the submission's own copy of "
            "the file is removed."
        ),
    )

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "-created_at"])]

    def __str__(self):
        return f"{self.book_label} — {self.name}"

    def save(self, *args, **kwargs):
        if not self.token:
            self.token = secrets.token_urlsafe(32)
        if self.campaign_id and not self.campaign_title:
            self.campaign_title = self.campaign.title
        super().save(*args, **kwargs)

    @property
    def book_label(self):
        if self.book_id:
            return str(self.book)
        parts = [p for p in (self.title, self.author) if p]
        return " / ".join(parts) or self.isbn

    def edit_url(self):
        return reverse("reading:submission_edit", kwargs={"token": self.token})

    @cached_property
    def duplicates(self):
        """Earlier recommendations of the same book (see reading.duplicates)."""
        from reading.duplicates import find_books

        books = find_books(isbn=self.isbn, title=self.title, author=self.author, book=self.book)
        return books

    def get_duplicate_display(self):
        return len(self.duplicates)


def get_campaign_or_404(page_id):
    page = for_readers(Page.objects.filter(pk=page_id).type(CampaignPage)).first()
    if page is None:
        raise Http404
    return page.specific
