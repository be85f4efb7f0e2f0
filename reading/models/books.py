"""The book record: one row per work, with its print holding and its e-book platforms beside it.

The paper's 纸电一体化 (print–electronic integration) means a reader never has to look in two
places: wherever a book appears (a recommendation, a shelf, a club, a guide) it shows the call
number and copies on the shelf next to the e-book link. So both holdings live on the book
itself rather than in separate records, and every page uses the same `holdings.html` include.
"""

from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.images import get_image_model_string
from wagtail.models import Orderable
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from reading import isbn as isbn_tools
from website.core.terms import tag_search_fields
from website.search.indexing import ChineseSearchMixin, cjk_search_field

__all__ = ["Book", "BookEbook", "BookISBN", "BookSubject"]


LANGUAGE_CHOICES = [
    ("zh", _("Chinese")),
    ("en", _("English")),
    ("ja", _("Japanese")),
    ("fr", _("French")),
    ("de", _("German")),
    ("ru", _("Russian")),
    ("other", _("Other")),
]


def _in_reader_language(record, field):
    """The English form on English pages when the record has one, else the catalogue's own
    (Chinese) form."""
    english = getattr(record, f"{field}_en")
    return (
        english if english and (get_language() or "").startswith("en") else getattr(record, field)
    )


class BookSubject(TaggedItemBase):
    """The subjects of a book, as taggit tags shared with the rest of the site."""

    content_object = models.ForeignKey(
        "reading.Book", on_delete=models.CASCADE, related_name="tagged_subjects"
    )

    class Meta:
        verbose_name = _("book subject")
        verbose_name_plural = _("book subjects")


class BookQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def with_holdings(self):
        """What a list of books needs to render its cards in a constant number of queries."""
        return self.select_related("cover").prefetch_related("subjects__english", "ebooks")

    def by_isbn(self, value):
        """Books that carry `value` (any form) as their ISBN or one of their other ISBNs."""
        code = isbn_tools.normalise(value)
        return self.filter(isbn_entries__isbn=code).distinct()

    def with_holding_status(self, status):
        """Books whose holding_status is `status` ("both", "print", "ebook" or "none")."""
        has_print = Q(copies__gt=0) | ~Q(call_number="")
        has_ebook = Exists(BookEbook.objects.filter(book=OuterRef("pk")))
        condition = {
            "both": has_print & has_ebook,
            "print": has_print & ~has_ebook,
            "ebook": has_ebook & ~has_print,
            "none": ~has_print & ~has_ebook,
        }[status]
        return self.filter(condition)

    def presented_to_readers(self):
        """Books that a page readers may see presents: recommended on a live, unrestricted
        recommendation, or listed on such a themed shelf. The one rule for "a public book"
        that OAI-PMH's book set and the link checker ask."""
        from django.apps import apps  # the page models refer to Book: resolved at call time

        recommendations = apps.get_model("reading", "RecommendationPage").objects
        shelves = apps.get_model("reading", "ShelfPage").objects
        shelf_items = apps.get_model("reading", "ShelfItem").objects
        recommended = recommendations.for_readers().filter(book=OuterRef("pk"))
        shelved = shelf_items.filter(
            book=OuterRef("pk"), page__in=shelves.for_readers().values("pk")
        )
        return self.filter(Exists(recommended) | Exists(shelved))


class Book(ChineseSearchMixin, index.Indexed, ClusterableModel):
    """A work the library holds in print, as an e-book, or both.

    `isbn13` is the ISBN the catalogue leads with; `other_isbns` are the same work's other
    editions, its translation or its e-book, so that a recommendation naming any of them
    finds this record. Every ISBN of a book is also written to `BookISBN`, a unique index,
    so that no two books claim the same ISBN and matching by ISBN is a single lookup.
    """

    title = models.CharField(pgettext_lazy("book", "title"), max_length=500)
    title_en = models.CharField(
        _("English title"),
        max_length=500,
        blank=True,
        help_text=_("Of a Chinese book that has one (its translation's title); shown beside it."),
    )
    subtitle = models.CharField(_("subtitle"), max_length=500, blank=True)
    authors = models.CharField(
        _("authors"),
        max_length=1000,
        blank=True,
        help_text=_("Authors, translators and editors, separated by semicolons."),
    )
    isbn13 = models.CharField(
        _("ISBN"),
        max_length=20,  # room for hyphens as typed; stored as 13 digits
        blank=True,
        db_index=True,
        help_text=_("ISBN-13 or ISBN-10 (converted); hyphens and spaces are ignored."),
    )
    other_isbns = models.TextField(
        _("other ISBNs of the same work"),
        blank=True,
        help_text=_(
            "Other editions, the translation or the original, the e-book: "
            "one ISBN per line or separated by semicolons."
        ),
    )
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=LANGUAGE_CHOICES, default="zh", blank=True
    )
    cover = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("cover"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    subjects = TaggableManager(
        verbose_name=_("subjects"), through=BookSubject, blank=True, related_name="books"
    )
    summary = models.TextField(_("summary"), blank=True)

    # The print holding, as Alma exports it.
    mms_id = models.CharField(
        _("MMS ID"),
        max_length=40,
        blank=True,
        db_index=True,
        help_text=_("The catalogue's record identifier (Alma MMS ID)."),
    )
    call_number = models.CharField(_("call number"), max_length=100, blank=True)
    location = models.CharField(
        _("location"), max_length=200, blank=True, help_text=_("Library and shelving location.")
    )
    location_en = models.CharField(
        _("location (English)"), max_length=200, blank=True, help_text=_("Shown on English pages.")
    )
    copies = models.PositiveSmallIntegerField(
        _("print copies"), default=0, help_text=_("Number of print copies; 0 when none.")
    )

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = BookQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("title"),
                FieldPanel("title_en"),
                FieldPanel("subtitle"),
                FieldPanel("authors"),
                FieldRowPanel(
                    [FieldPanel("publisher"), FieldPanel("year"), FieldPanel("language")]
                ),
                FieldPanel("isbn13"),
                FieldPanel("other_isbns"),
                FieldPanel("cover"),
                FieldPanel("subjects"),
                FieldPanel("summary"),
            ],
            heading=_("Book"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("mms_id"),
                FieldRowPanel([FieldPanel("call_number"), FieldPanel("copies")]),
                FieldRowPanel([FieldPanel("location"), FieldPanel("location_en")]),
            ],
            heading=_("Print holding"),
        ),
        InlinePanel(
            "ebooks",
            heading=_("E-books"),
            label=_("e-book platform"),
            help_text=_(
                "One row per platform that offers the book, the one readers should try first "
                "at the top."
            ),
        ),
    ]

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("title_en", boost=2),
        index.AutocompleteField("title"),
        index.SearchField("subtitle"),
        index.SearchField("authors", boost=2),
        index.AutocompleteField("authors"),
        index.SearchField("publisher"),
        index.SearchField("summary"),
        index.SearchField("isbn13"),
        index.SearchField("other_isbns"),
        index.SearchField("call_number"),
        index.SearchField("mms_id"),
        tag_search_fields("subjects"),
        index.FilterField("language"),
        index.FilterField("year"),
        index.FilterField("copies"),
        cjk_search_field(),
    ]

    class Meta:
        verbose_name = _("book")
        verbose_name_plural = _("books")
        ordering = ["title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["mms_id"], condition=~Q(mms_id=""), name="reading_book_unique_mms_id"
            ),
        ]

    def __str__(self):
        if self.authors:
            return f"{self.title} / {self.author_list[0]}"
        return self.title

    def save(self, *args, **kwargs):
        if self.isbn13:
            self.isbn13 = isbn_tools.normalise(self.isbn13)
        with transaction.atomic():
            super().save(*args, **kwargs)
            self.sync_isbn_index()

    def get_absolute_url(self):
        return reverse("reading:book_detail", args=[self.pk])

    def clean(self):
        super().clean()
        errors = {}
        if self.isbn13:
            try:
                self.isbn13 = isbn_tools.normalise(self.isbn13)
            except isbn_tools.InvalidISBN as exc:
                errors["isbn13"] = str(exc)
        bad = []
        for token in isbn_tools.split(self.other_isbns) or []:
            try:
                isbn_tools.normalise(token)
            except isbn_tools.InvalidISBN as exc:
                bad.append(str(exc))
        if self.other_isbns.strip() and not isbn_tools.split(self.other_isbns):
            bad.append(_("No ISBN could be read here."))
        if bad:
            errors["other_isbns"] = bad
        if not errors:
            self.other_isbns = "\n".join(self.other_isbn_list)
            taken = BookISBN.objects.filter(isbn__in=self.all_isbns)
            if self.pk:
                taken = taken.exclude(book_id=self.pk)
            for entry in taken.select_related("book"):
                field = "isbn13" if entry.isbn == self.isbn13 else "other_isbns"
                errors.setdefault(field, []).append(
                    _("ISBN %(isbn)s already belongs to “%(book)s”.")
                    % {"isbn": entry.isbn, "book": entry.book.title}
                )
        self.mms_id = self.mms_id.strip()
        if self.mms_id and Book.objects.filter(mms_id=self.mms_id).exclude(pk=self.pk).exists():
            errors["mms_id"] = _("Another book already has this MMS ID.")
        if errors:
            raise ValidationError(errors)

    # What readers see in their language: the English form on English pages when the record
    # has one, else the catalogue's own (Chinese) form.

    @property
    def display_title(self):
        return _in_reader_language(self, "title")

    @property
    def display_location(self):
        return _in_reader_language(self, "location")

    @property
    def generated_cover(self):
        """The cover drawn from the record when it has no cover image (`reading/covers.py`)."""
        from reading.covers import cover_design

        return cover_design(self)

    # Holdings -------------------------------------------------------------------------

    # What the JSON API and the pages' `api_fields` serve of a book (reading/api.py).
    API_FIELDS = (
        "id",
        "title",
        "subtitle",
        "authors",
        "isbn13",
        "publisher",
        "year",
        "language",
        "call_number",
        "location",
        "copies",
    )

    def api_data(self, note=None):
        """The book as the JSON API serves it inside a page (a shelf's books, a club's)."""
        data = {name: getattr(self, name) for name in self.API_FIELDS}
        data["other_isbns"] = self.other_isbn_list
        data["ebooks"] = [ebook.api_data() for ebook in self.ebook_list]
        data["holding_status"] = self.holding_status
        data["catalogue_url"] = self.catalogue_url
        if note is not None:
            data["note"] = note
        return data

    @property
    def has_print(self):
        return self.copies > 0 or bool(self.call_number)

    @property
    def ebook_list(self):
        """The book's e-book platforms, the one to try first first (prefetched by
        `with_holdings`; one query otherwise)."""
        return list(self.ebooks.all())

    @property
    def lead_ebook(self):
        """The platform a single link (a guide's click, structured data) goes to."""
        ebooks = self.ebook_list
        return ebooks[0] if ebooks else None

    @property
    def ebook_platforms(self):
        """The platforms' names, as one spreadsheet cell."""
        return "; ".join(ebook.platform for ebook in self.ebook_list if ebook.platform)

    @property
    def ebook_urls(self):
        """The platforms' links, as one spreadsheet cell."""
        return " ".join(ebook.url for ebook in self.ebook_list)

    @property
    def has_ebook(self):
        return bool(self.ebook_list)

    @property
    def holding_status(self):
        """ "both", "print", "ebook" or "none": what the book's card marks."""
        if self.has_print and self.has_ebook:
            return "both"
        if self.has_print:
            return "print"
        if self.has_ebook:
            return "ebook"
        return "none"

    def get_holding_status_display(self):
        return {
            "both": _("Print and e-book"),
            "print": _("Print only"),
            "ebook": _("E-book only"),
            "none": _("Not held"),
        }[self.holding_status]

    @property
    def catalogue_url(self):
        """The catalogue record (by MMS ID) or a catalogue search (by ISBN, else title).

        Both addresses are patterns in settings so that no library's address is in the code.
        """
        record_pattern = getattr(settings, "CATALOGUE_RECORD_URL", "")
        if self.mms_id and record_pattern:
            return record_pattern.replace("{mms_id}", quote(self.mms_id, safe=""))
        search_pattern = getattr(settings, "CATALOGUE_SEARCH_URL", "")
        if not search_pattern:
            return ""
        query = self.isbn13 or self.mms_id or self.title
        return search_pattern.replace("{query}", quote(query, safe=""))

    # Identifiers ----------------------------------------------------------------------

    @property
    def author_list(self):
        return [name.strip() for name in self.authors.split(";") if name.strip()]

    @property
    def other_isbn_list(self):
        """The other ISBNs, normalised; ones that do not parse are left out."""
        result = []
        for token in isbn_tools.split(self.other_isbns):
            try:
                code = isbn_tools.normalise(token)
            except isbn_tools.InvalidISBN:
                continue
            if code != self.isbn13 and code not in result:
                result.append(code)
        return result

    @property
    def all_isbns(self):
        """Every ISBN of the work, the leading one first."""
        codes = [self.isbn13] if self.isbn13 else []
        return codes + [code for code in self.other_isbn_list if code not in codes]

    def sync_isbn_index(self):
        """Keep BookISBN equal to `all_isbns`, so lookups by any ISBN use one index."""
        wanted = set(self.all_isbns)
        current = set(self.isbn_entries.values_list("isbn", flat=True))
        if current - wanted:
            self.isbn_entries.filter(isbn__in=current - wanted).delete()
        if wanted - current:
            BookISBN.objects.bulk_create(
                [BookISBN(book=self, isbn=code) for code in sorted(wanted - current)]
            )


class BookISBN(models.Model):
    """Every ISBN of every book, unique: the lookup table for matching imports and loans."""

    book = models.ForeignKey(Book, on_delete=models.CASCADE, related_name="isbn_entries")
    isbn = models.CharField(_("ISBN"), max_length=13, unique=True)

    class Meta:
        verbose_name = _("book ISBN")
        verbose_name_plural = _("book ISBNs")

    def __str__(self):
        return self.isbn


class BookEbook(Orderable):
    """One platform that offers the book as an e-book: a library licenses the same title on
    several (超星, 中国知网, a publisher's site), each with its own link and access terms, and a
    reader whose campus network reaches one may not reach another."""

    book = ParentalKey(Book, on_delete=models.CASCADE, related_name="ebooks")
    platform = models.CharField(_("e-book platform"), max_length=200, blank=True)
    platform_en = models.CharField(
        _("e-book platform (English)"),
        max_length=200,
        blank=True,
        help_text=_("Shown on English pages."),
    )
    url = models.URLField(_("e-book link"), max_length=1000)
    access_note = models.CharField(
        _("access note"),
        max_length=300,
        blank=True,
        help_text=_("For example: campus network or VPN."),
    )
    access_note_en = models.CharField(
        _("access note (English)"),
        max_length=300,
        blank=True,
        help_text=_("Shown on English pages."),
    )

    panels = [
        FieldRowPanel([FieldPanel("platform"), FieldPanel("platform_en")]),
        FieldPanel("url"),
        FieldRowPanel([FieldPanel("access_note"), FieldPanel("access_note_en")]),
    ]

    # What an import may set; the link is the row's identity.
    IMPORTED_FIELDS = ("platform", "access_note")

    class Meta(Orderable.Meta):
        verbose_name = _("e-book platform")
        verbose_name_plural = _("e-book platforms")
        constraints = [
            models.UniqueConstraint(fields=["book", "url"], name="reading_bookebook_unique_url"),
        ]

    def __str__(self):
        return self.platform or self.url

    @property
    def display_platform(self):
        return _in_reader_language(self, "platform")

    @property
    def display_access_note(self):
        return _in_reader_language(self, "access_note")

    def api_data(self):
        return {"platform": self.platform, "url": self.url, "access_note": self.access_note}
