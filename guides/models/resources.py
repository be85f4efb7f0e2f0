"""The records guides reuse: subjects, databases, videos, web tools and librarian profiles.

As LibGuides' "assets", each is edited once and chosen in many guides; a guide stores only the
record's id (a SnippetChooserBlock), so a changed URL shows everywhere at once, and Wagtail's
reference index lists, on every record's "Usage" tab, the guides that use it. Books are the
reading app's `reading.Book` record, with its print and e-book holdings.
"""

import filetype

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.images import get_image_model_string
from wagtail.models import Orderable
from wagtail.search import index

from guides import sorting
from guides.bilingual import BilingualMixin, active_language
from website.search.indexing import ChineseSearchMixin, cjk_search_field

__all__ = [
    "Database",
    "DatabaseSubject",
    "LibrarianProfile",
    "Subject",
    "Video",
    "WebTool",
]


def _require_one_name(instance, field, label):
    if (
        not (getattr(instance, f"{field}_zh") or "").strip()
        and not (getattr(instance, f"{field}_en") or "").strip()
    ):
        message = _("Give the %(label)s in Chinese, in English or both.") % {"label": label}
        raise ValidationError({f"{field}_zh": message, f"{field}_en": message})


class ChoiceListField(models.CharField):
    """Several choices stored as one comma-separated column, edited as checkboxes.

    Platforms of a tool are a short fixed list that is only ever shown, never joined on, so
    a separate table would cost a query per tool for nothing.
    """

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if value is None or value == "":
            return []
        if isinstance(value, (list, tuple)):
            return [str(item) for item in value if item]
        return [item for item in str(value).split(",") if item]

    def get_prep_value(self, value):
        return ",".join(self.to_python(value))

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def validate(self, value, model_instance):
        valid = {key for key, _label in self.choices}
        for item in value or []:
            if item not in valid:
                raise ValidationError(_("%(value)s is not a known choice.") % {"value": item})
        if not self.blank and not value:
            raise ValidationError(self.error_messages["blank"], code="blank")

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=self.choices,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
        )

    def labels(self, value):
        names = dict(self.choices)
        return [names.get(item, item) for item in value or []]


class Subject(BilingualMixin, index.Indexed, models.Model):
    """A subject that guides, databases and librarians share (物理 / Physics).

    A record rather than free tags so that the Chinese and English guides browse by the same
    subject, named in each reader's language.
    """

    name_zh = models.CharField(_("name (Chinese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    slug = models.SlugField(
        pgettext_lazy("address", "slug"),
        max_length=100,
        unique=True,
        help_text=_("Used in addresses: physics."),
    )

    panels = [FieldRowPanel([FieldPanel("name_zh"), FieldPanel("name_en")]), FieldPanel("slug")]
    search_fields = [
        index.SearchField("name_zh"),
        index.SearchField("name_en"),
        index.AutocompleteField("name_zh"),
        index.AutocompleteField("name_en"),
    ]

    class Meta:
        verbose_name = pgettext_lazy("book", "subject")
        verbose_name_plural = _("subjects")
        ordering = ["slug"]

    def __str__(self):
        return f"{self.name_zh} / {self.name_en}"

    @property
    def name(self):
        return self.in_language("name")


class Resource(BilingualMixin, ChineseSearchMixin, index.Indexed, models.Model):
    """What every reusable record has: the click-counting redirect key and dates."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    #: The name of the record in the /go/<kind>/<id>/ redirect and the usage figures.
    resource_kind = ""

    class Meta:
        abstract = True

    def __str__(self):
        zh, en = self.name_pair()
        if zh and en and zh != en:
            return f"{zh} / {en}"
        return zh or en or "—"

    def name_pair(self):
        return self.name_zh, self.name_en

    @property
    def name(self):
        return self.in_language("name")

    def destination_url(self):
        """Where the click redirect sends a reader; only ever this record's own address."""
        return self.url


class Database(ClusterableModel, Resource):
    """A subscribed or open database (中国知网, Web of Science, 新东方多媒体学习库)."""

    ACCESS_CHOICES = [
        ("open", _("Open to everyone")),
        ("campus", _("Campus network")),
        ("vpn", _("Campus network or VPN")),
        ("registration", _("Registration required")),
    ]
    TYPE_CHOICES = [
        ("articles", _("Journal articles")),
        ("ebooks", _("E-books")),
        ("data", _("Data and statistics")),
        ("multimedia", _("Multimedia")),
        ("language", _("Language learning")),
        ("reference", _("Reference and encyclopaedias")),
        ("theses", _("Theses and dissertations")),
        ("patents", _("Patents and standards")),
        ("citation", _("Citation indexes")),
    ]

    resource_kind = "database"

    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    url = models.URLField(_("address"), max_length=1000)
    access = models.CharField(_("access"), max_length=20, choices=ACCESS_CHOICES, default="vpn")
    database_type = models.CharField(
        _("type"), max_length=20, choices=TYPE_CHOICES, default="articles"
    )
    vendor = models.CharField(_("vendor"), max_length=200, blank=True)
    vendor_en = models.CharField(
        _("vendor (English)"),
        max_length=200,
        blank=True,
        help_text=_("Of a vendor with a Chinese name; shown on English pages."),
    )
    is_new = models.BooleanField(_("new"), default=False)
    is_trial = models.BooleanField(_("trial"), default=False)
    trial_ends = models.DateField(
        _("trial ends"), null=True, blank=True, help_text=_("Only for trial databases.")
    )
    sort_key_zh = models.CharField(max_length=200, editable=False, db_index=True, default="")
    sort_key_en = models.CharField(max_length=200, editable=False, db_index=True, default="")
    initial_zh = models.CharField(max_length=1, editable=False, db_index=True, default="#")
    initial_en = models.CharField(max_length=1, editable=False, db_index=True, default="#")

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("name_zh"), FieldPanel("name_en")]),
                FieldPanel("description_zh"),
                FieldPanel("description_en"),
                FieldPanel("url"),
            ],
            heading=_("Database"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("access"), FieldPanel("database_type")]),
                FieldRowPanel([FieldPanel("vendor"), FieldPanel("vendor_en")]),
                FieldRowPanel([FieldPanel("is_new"), FieldPanel("is_trial")]),
                FieldPanel("trial_ends"),
            ],
            heading=_("Access and type"),
        ),
        InlinePanel(
            "subject_links",
            label=_("Subjects"),
            help_text=_("Tick 'best bet' to list it first on that subject's A–Z list."),
        ),
    ]
    search_fields = [
        index.SearchField("name_zh", boost=3),
        index.SearchField("name_en", boost=3),
        index.AutocompleteField("name_zh"),
        index.AutocompleteField("name_en"),
        index.SearchField("description_zh"),
        index.SearchField("description_en"),
        index.SearchField("vendor"),
        index.SearchField("vendor_en"),
        index.FilterField("access"),
        index.FilterField("database_type"),
        cjk_search_field(),
    ]

    class Meta:
        verbose_name = _("database")
        verbose_name_plural = _("databases")
        ordering = ["sort_key_zh", "pk"]

    def save(self, *args, **kwargs):
        self.sort_key_zh = sorting.sort_key(self.name_zh or self.name_en)
        self.sort_key_en = sorting.sort_key(self.name_en or self.name_zh)
        self.initial_zh = sorting.initial(self.name_zh or self.name_en)
        self.initial_en = sorting.initial(self.name_en or self.name_zh)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = set(update_fields) | {
                "sort_key_zh",
                "sort_key_en",
                "initial_zh",
                "initial_en",
            }
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        _require_one_name(self, "name", pgettext_lazy("resource", "name"))
        if self.trial_ends and not self.is_trial:
            raise ValidationError({"trial_ends": _("Only a trial database has a trial end date.")})

    @property
    def description(self):
        return self.in_language("description")

    @property
    def display_vendor(self):
        """The vendor as English readers know it when the record has that form."""
        return (active_language() == "en" and self.vendor_en) or self.vendor


class DatabaseSubject(Orderable):
    """A database's subject, and whether it is one of that subject's best bets."""

    database = ParentalKey(Database, on_delete=models.CASCADE, related_name="subject_links")
    subject = models.ForeignKey(
        Subject,
        verbose_name=pgettext_lazy("book", "subject"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    best_bet = models.BooleanField(
        _("best bet"), default=False, help_text=_("Listed first for this subject.")
    )

    panels = [FieldRowPanel([FieldPanel("subject"), FieldPanel("best_bet")])]

    class Meta(Orderable.Meta):
        verbose_name = _("database subject")
        verbose_name_plural = _("database subjects")
        constraints = [
            models.UniqueConstraint(
                fields=["database", "subject"], name="guides_databasesubject_unique"
            )
        ]


def _max_video_bytes():
    return getattr(settings, "GUIDES_VIDEO_MAX_BYTES", 1024 * 1024 * 1024)


def validate_video_file(upload):
    """A video is an MP4 or WebM by its bytes, whatever its name says."""
    if getattr(upload, "_committed", False):
        return  # already stored (and checked) when it was uploaded
    if upload.size > _max_video_bytes():
        raise ValidationError(_("The video is larger than the allowed size."))
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in {"video/mp4", "video/webm", "video/x-m4v"}:
        raise ValidationError(_("Upload an MP4 or WebM video file."))


def validate_captions_file(upload):
    """Captions are WebVTT (what the HTML <track> element reads), UTF-8, under 2 MB."""
    if getattr(upload, "_committed", False):
        return
    if upload.size > 2 * 1024 * 1024:
        raise ValidationError(_("The captions file is larger than 2 MB."))
    head = upload.read(64)
    upload.seek(0)
    try:
        text = head.decode("utf-8-sig", errors="strict")
    except UnicodeDecodeError:
        text = ""
    if not text.startswith("WEBVTT"):
        raise ValidationError(_("Upload captions as a WebVTT (.vtt) file in UTF-8."))


class Video(Resource):
    """A training video, most often the subject librarians' own recordings."""

    resource_kind = "video"

    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    duration = models.DurationField(
        _("duration"), null=True, blank=True, help_text=_("hh:mm:ss, for example 00:25:30.")
    )
    embed_url = models.URLField(
        _("player address"),
        max_length=1000,
        blank=True,
        help_text=_("The embeddable player address (https://), or upload a file below."),
    )
    video_file = models.FileField(
        _("video file"),
        upload_to="guides/videos/",
        blank=True,
        validators=[FileExtensionValidator(["mp4", "webm", "m4v"]), validate_video_file],
        help_text=_("An MP4 or WebM file, if the video is not on a video platform."),
    )
    captions = models.FileField(
        _("captions"),
        upload_to="guides/captions/",
        blank=True,
        validators=[FileExtensionValidator(["vtt"]), validate_captions_file],
        help_text=_("WebVTT captions, shown with an uploaded video."),
    )
    captions_language = models.CharField(
        _("captions language"),
        max_length=10,
        choices=[("zh-Hans", _("Chinese")), ("en", _("English"))],
        default="zh-Hans",
    )

    panels = [
        FieldRowPanel([FieldPanel("title_zh"), FieldPanel("title_en")]),
        FieldPanel("description_zh"),
        FieldPanel("description_en"),
        FieldPanel("duration"),
        MultiFieldPanel(
            [FieldPanel("embed_url"), FieldPanel("video_file")], heading=_("The video")
        ),
        FieldRowPanel([FieldPanel("captions"), FieldPanel("captions_language")]),
    ]
    search_fields = [
        index.SearchField("title_zh", boost=3),
        index.SearchField("title_en", boost=3),
        index.AutocompleteField("title_zh"),
        index.AutocompleteField("title_en"),
        index.SearchField("description_zh"),
        index.SearchField("description_en"),
        cjk_search_field(),
    ]

    class Meta:
        verbose_name = _("video")
        verbose_name_plural = _("videos")
        ordering = ["-created_at", "pk"]

    def clean(self):
        super().clean()
        _require_one_name(self, "title", pgettext_lazy("book", "title"))
        if bool(self.embed_url) == bool(self.video_file):
            message = _("Give either a player address or a video file, not both.")
            raise ValidationError({"embed_url": message, "video_file": message})
        if self.embed_url and not self.embed_url.startswith("https://"):
            raise ValidationError({"embed_url": _("The player address must start with https://")})

    def name_pair(self):
        return self.title_zh, self.title_en

    @property
    def title(self):
        return self.in_language("title")

    name = title

    @property
    def description(self):
        return self.in_language("description")

    @property
    def url(self):
        return self.embed_url or (self.video_file.url if self.video_file else "")

    @property
    def duration_display(self):
        if not self.duration:
            return ""
        seconds = int(self.duration.total_seconds())
        hours, rest = divmod(seconds, 3600)
        minutes, seconds = divmod(rest, 60)
        if hours:
            return f"{hours}:{minutes:02d}:{seconds:02d}"
        return f"{minutes}:{seconds:02d}"


class WebTool(Resource):
    """A web site, app, browser extension or desktop tool (Grammarly, TED, 百词斩)."""

    KIND_CHOICES = [
        ("website", _("Web site")),
        ("app", pgettext_lazy("web tool kind", "App")),
        ("extension", _("Browser extension")),
        ("desktop", _("Desktop tool")),
    ]
    PLATFORM_CHOICES = [
        ("web", _("Web")),
        ("windows", "Windows"),
        ("macos", "macOS"),
        ("linux", "Linux"),
        ("ios", "iOS"),
        ("android", "Android"),
        ("harmonyos", "HarmonyOS"),
        ("chrome", "Chrome"),
        ("edge", "Edge"),
        ("firefox", "Firefox"),
    ]
    PRICING_CHOICES = [
        ("free", _("Free")),
        ("freemium", _("Free with paid extras")),
        ("paid", _("Paid")),
        ("licensed", _("Licensed by the library")),
    ]

    resource_kind = "webtool"

    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    url = models.URLField(_("address"), max_length=1000)
    kind = models.CharField(_("kind"), max_length=20, choices=KIND_CHOICES, default="website")
    platforms = ChoiceListField(
        _("platforms"), max_length=200, choices=PLATFORM_CHOICES, blank=True
    )
    pricing = models.CharField(_("price"), max_length=20, choices=PRICING_CHOICES, default="free")
    note_zh = models.TextField(_("note (Chinese)"), blank=True)
    note_en = models.TextField(_("note (English)"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name_zh"), FieldPanel("name_en")]),
        FieldPanel("url"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("pricing")]),
        FieldPanel("platforms"),
        FieldPanel("note_zh"),
        FieldPanel("note_en"),
    ]
    search_fields = [
        index.SearchField("name_zh", boost=3),
        index.SearchField("name_en", boost=3),
        index.AutocompleteField("name_zh"),
        index.AutocompleteField("name_en"),
        index.SearchField("note_zh"),
        index.SearchField("note_en"),
        index.FilterField("kind"),
        cjk_search_field(),
    ]

    class Meta:
        verbose_name = _("web tool")
        verbose_name_plural = _("web tools")
        ordering = ["name_en", "name_zh", "pk"]

    def clean(self):
        super().clean()
        _require_one_name(self, "name", pgettext_lazy("resource", "name"))

    @property
    def note(self):
        return self.in_language("note")

    @cached_property
    def platform_labels(self):
        return self._meta.get_field("platforms").labels(self.platforms)


class LibrarianProfile(BilingualMixin, ChineseSearchMixin, index.Indexed, models.Model):
    """A guide owner as readers see them: name, title, photo, subjects, where to book a chat.

    The work email is shown publicly only when `show_email` is ticked; reminders reach the
    owner whatever it says.
    """

    name_zh = models.CharField(_("name (Chinese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=150, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=150, blank=True)
    email = models.EmailField(_("email"), help_text=_("Review reminders go to this address."))
    show_email = models.BooleanField(
        _("show email on guides"), default=False, help_text=_("Otherwise only librarians see it.")
    )
    photo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    subjects = models.ManyToManyField(
        Subject, verbose_name=_("subjects"), blank=True, related_name="librarians"
    )
    consultation_url = models.URLField(
        _("consultation link"),
        max_length=1000,
        blank=True,
        help_text=_("Where readers book a consultation."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("admin account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="librarian_profile",
    )

    panels = [
        FieldRowPanel([FieldPanel("name_zh"), FieldPanel("name_en")]),
        FieldRowPanel([FieldPanel("title_zh"), FieldPanel("title_en")]),
        FieldRowPanel([FieldPanel("email"), FieldPanel("show_email")]),
        FieldPanel("photo"),
        FieldPanel("subjects"),
        FieldPanel("consultation_url"),
        FieldPanel("user"),
    ]
    search_fields = [
        index.SearchField("name_zh", boost=2),
        index.SearchField("name_en", boost=2),
        index.AutocompleteField("name_zh"),
        index.AutocompleteField("name_en"),
        index.SearchField("title_zh"),
        index.SearchField("title_en"),
        cjk_search_field(),
    ]

    class Meta:
        verbose_name = _("librarian profile")
        verbose_name_plural = _("librarian profiles")
        ordering = ["name_en", "name_zh", "pk"]

    def __str__(self):
        if self.name_en and self.name_en != self.name_zh:
            return f"{self.name_zh} ({self.name_en})"
        return self.name_zh

    @property
    def name(self):
        return self.in_language("name")

    @property
    def title(self):
        return self.in_language("title")
