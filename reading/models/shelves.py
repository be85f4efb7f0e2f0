"""Themed shelves (思库专架, 思库主题书架): the display shelf in the library and its page online.

A shelf lists books in the curator's order, each with a line of the curator's own and its
print and e-book holdings together, so the shelf on the first floor and the one on the web
are the same shelf; a printed QR label on the physical shelf leads to the page. A shelf may
also fill itself from a subject tag (for the long lists, such as the scientists' biographies
chosen by academicians), with the curator's own books pinned first and some books excluded.
"""

from django.db import models
from django.db.models import Exists, F, Func, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.images import get_image_model, get_image_model_string
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Orderable, Page
from wagtail.search import index

from reading import structured_data
from website.core.api_fields import FromPage
from website.core.privacy import ReaderPageManager
from website.search.indexing import ChineseSearchMixin, cjk_search_field

__all__ = ["ShelfExclusion", "ShelfIndexPage", "ShelfItem", "ShelfPage"]

COVER_FILTER = "fill-120x170"


class ShelfIndexPage(ChineseSearchMixin, Page):
    """All the themed shelves, each with its cover."""

    introduction = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction"), cjk_search_field()]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["reading.ShelfPage"]

    class Meta:
        verbose_name = _("shelf index")
        verbose_name_plural = _("shelf indexes")

    def shelves(self):
        shelves = (
            ShelfPage.objects.for_readers()
            .child_of(self)
            .prefetch_related(
                Prefetch("cover", queryset=get_image_model().objects.prefetch_renditions())
            )
        )
        return ShelfPage.with_book_count(shelves)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["shelves"] = self.shelves()
        return context


class ShelfPage(ChineseSearchMixin, Page):
    objects = ReaderPageManager()

    theme = models.CharField(
        _("theme"),
        max_length=200,
        help_text=_("For example: biographies of scientists chosen by academicians."),
    )
    curator = models.CharField(
        _("curated by"),
        max_length=200,
        blank=True,
        help_text=_("A person, a group or a department, e.g. “Recommended by academicians”."),
    )
    place = models.CharField(
        _("place in the library"),
        max_length=200,
        blank=True,
        help_text=_("Where the physical shelf stands, e.g. “1st floor, display shelf 3”."),
    )
    on_display_since = models.DateField(
        _("on display since"),
        null=True,
        blank=True,
        help_text=_(
            "The day the physical shelf was set up: the loans report compares its books' "
            "loans before and after it. Empty: the day this page was first published."
        ),
    )
    introduction = RichTextField(_("introduction"), blank=True)
    cover = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("cover"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    theme_tag = models.ForeignKey(
        "taggit.Tag",
        verbose_name=_("fill from subject"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Optional: every book with this subject joins the shelf after the books listed "
            "above, in title order, except the excluded ones."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("theme"),
        FieldPanel("curator"),
        FieldPanel("place"),
        FieldPanel("on_display_since"),
        FieldPanel("cover"),
        FieldPanel("introduction"),
        InlinePanel(
            "items",
            label=_("Books, in shelf order"),
            help_text=_("These come first, in this order, each with the curator's line."),
        ),
        MultiFieldPanel(
            [FieldPanel("theme_tag"), InlinePanel("exclusions", label=_("Excluded books"))],
            heading=_("Fill from a subject"),
        ),
    ]
    og_type = "article"
    api_fields = [
        APIField("theme"),
        APIField("curator"),
        APIField("place"),
        APIField("introduction"),
        APIField("cover", serializer=ImageRenditionField("fill-600x400")),
        APIField(
            "books",
            serializer=FromPage(lambda page: [b.api_data(n) for b, n in page.entries()]),
        ),
    ]

    def get_json_ld(self, request):
        return structured_data.shelf(self, request)

    search_fields = Page.search_fields + [
        index.SearchField("theme", boost=2),
        index.SearchField("curator"),
        index.SearchField("place"),
        index.SearchField("introduction"),
        index.SearchField("shelf_text"),
        cjk_search_field(),
    ]
    parent_page_types = ["reading.ShelfIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("themed shelf")
        verbose_name_plural = _("themed shelves")

    @staticmethod
    def with_book_count(shelves):
        """`shelves` with `item_count`, the number of books each shows (as `entries()`)."""
        return shelves.annotate(item_count=book_count())

    def _books(self):
        from reading.models import Book

        return Book.objects.prefetch_related(
            Prefetch("cover", queryset=get_image_model().objects.prefetch_renditions()), "ebooks"
        )

    def entries(self):
        """(book, curator's line) for every book on the shelf, in shelf order.

        Read through the page's own relations, so that a preview shows the unsaved list."""
        items = self.items.select_related("book").prefetch_related(
            Prefetch("book__cover", queryset=get_image_model().objects.prefetch_renditions()),
            "book__ebooks",
        )
        listed = {self.pk: [(item.book, item.note) for item in items]}
        excluded = {
            (self.pk, book_id) for book_id in self.exclusions.values_list("book_id", flat=True)
        }
        return self._add_tagged([self], listed, excluded)[self.pk]

    @classmethod
    def entries_of(cls, shelves):
        """{shelf pk: [(book, curator's line)]} for several saved shelves at once, by the same
        rule as `entries()` (OAI-PMH asks this for a page of records)."""
        ids = [shelf.pk for shelf in shelves]
        listed = {pk: [] for pk in ids}
        for item in (
            ShelfItem.objects.filter(page_id__in=ids)
            .select_related("book")
            .prefetch_related("book__ebooks")
            .order_by("page_id", "sort_order", "pk")
        ):
            listed[item.page_id].append((item.book, item.note))
        excluded = set(
            ShelfExclusion.objects.filter(page_id__in=ids).values_list("page_id", "book_id")
        )
        return cls._add_tagged(shelves, listed, excluded)

    @staticmethod
    def _add_tagged(shelves, listed, excluded):
        """Which books are on a shelf: the curator's list first, then every book of the theme
        tag in title order, less the excluded ones (one query for all the shelves' tags)."""
        from reading.models import Book

        tags = {shelf.theme_tag_id for shelf in shelves if shelf.theme_tag_id}
        if not tags:
            return listed
        tagged = {}
        books = (
            Book.objects.filter(tagged_subjects__tag_id__in=tags)
            .annotate(shelf_tag_id=models.F("tagged_subjects__tag_id"))
            .prefetch_related(
                Prefetch("cover", queryset=get_image_model().objects.prefetch_renditions()),
                "ebooks",
            )
            .order_by("title", "pk")
        )
        for book in books:
            tagged.setdefault(book.shelf_tag_id, []).append(book)
        for shelf in shelves:
            seen = {book.pk for book, _note in listed[shelf.pk]}
            for book in tagged.get(shelf.theme_tag_id, []):
                if book.pk not in seen and (shelf.pk, book.pk) not in excluded:
                    seen.add(book.pk)
                    listed[shelf.pk].append((book, ""))
        return listed

    def shelf_text(self):
        """The books' titles and authors and the curator's lines, so the shelf is found by them."""
        return " ".join(
            " ".join(filter(None, [book.title, book.authors, note]))
            for book, note in self.entries()
        )

    @property
    def label_call_to_action(self):
        """The printed label's call to action. Here rather than in `label.svg`, whose strings
        `makemessages` does not read; the label renders it in the shelf's own language."""
        return _("Scan for the e-books and the whole list")

    def get_context(self, request, *args, **kwargs):
        """A page of the shelf's books, narrowed as the reader asked (reading/listing.py)."""
        from reading.listing import BookListing  # listing imports the book models: a cycle

        context = super().get_context(request, *args, **kwargs)
        entries = self.entries()
        listing = BookListing(request.GET)
        page = listing.paginate(listing.filter_entries(entries))
        context.update(
            entries=page,
            listing=listing,
            pager=listing.pager(page),
            shelf_total=len(entries),
            subjects=BookListing.subjects_of(book.pk for book, _note in entries),
        )
        return context


def book_count():
    """The number of books a shelf shows (`ShelfPage.entries()`), as an annotation.

    A shelf that fills itself from a subject holds its pinned books and the subject's books,
    so counting the pinned items alone said "5 chosen books" above a shelf of 59. Two
    subqueries, whatever the number of shelves."""
    from reading.models import Book

    shelf = OuterRef(OuterRef("pk"))
    tagged = (
        Book.objects.filter(tagged_subjects__tag_id=OuterRef("theme_tag_id"))
        .exclude(Exists(ShelfItem.objects.filter(page_id=shelf, book_id=OuterRef("pk"))))
        .exclude(Exists(ShelfExclusion.objects.filter(page_id=shelf, book_id=OuterRef("pk"))))
        .order_by()
        .annotate(n=Func(F("pk"), function="COUNT", template="COUNT(DISTINCT %(expressions)s)"))
        .values("n")
    )
    listed = (
        ShelfItem.objects.filter(page_id=OuterRef("pk"))
        .order_by()
        .annotate(n=Func(F("pk"), function="COUNT"))
        .values("n")
    )
    return Coalesce(Subquery(listed, output_field=IntegerField()), 0) + Coalesce(
        Subquery(tagged, output_field=IntegerField()), 0
    )


class ShelfItem(Orderable):
    page = ParentalKey(ShelfPage, on_delete=models.CASCADE, related_name="items")
    book = models.ForeignKey(
        "reading.Book", verbose_name=_("book"), on_delete=models.CASCADE, related_name="+"
    )
    note = models.CharField(
        _("curator's line"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences on why this book is on the shelf."),
    )

    panels = [FieldPanel("book"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("book on the shelf")
        verbose_name_plural = _("books on the shelf")


class ShelfExclusion(Orderable):
    page = ParentalKey(ShelfPage, on_delete=models.CASCADE, related_name="exclusions")
    book = models.ForeignKey(
        "reading.Book", verbose_name=_("book"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("book")]

    class Meta(Orderable.Meta):
        verbose_name = _("excluded book")
        verbose_name_plural = _("excluded books")
