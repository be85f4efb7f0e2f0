"""The read-only JSON API (Wagtail API v2) at /api/v2/, for course pages and the campus app.

Endpoints:
  /api/v2/pages/     every published page; `?type=reading.ShelfPage&fields=*` or
                     `?type=guides.GuidePage&fields=*` gives a shelf's books (print and e-book
                     together) or a guide's subjects, owners and sections; also
                     recommendations and clubs. `?locale=en` for English.
  /api/v2/images/    images, with renditions through the fields parameter; never the scans
                     of handwritten notes (they are shown only on their pages, with consent).
  /api/v2/books/     the book records (a snippet, not a page).

The extra page fields are declared here, by model label, so that `website` imports no app
and page owners need not add `api_fields`; a model's own `api_fields` still count. Nothing
personal is served: recommenders only as they allowed, guide owners by name and title only,
clubs without participants.
"""

from rest_framework.fields import Field

from django.apps import apps
from django.utils.functional import classproperty

from wagtail.api import APIField
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter, SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.images.api.fields import ImageRenditionField
from wagtail.images.api.v2.views import ImagesAPIViewSet

from website.core.privacy import for_readers

BOOK_FIELDS = (
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
    "ebook_platform",
    "ebook_url",
    "ebook_access_note",
)


def book_data(book, note=None):
    data = {name: getattr(book, name) for name in BOOK_FIELDS}
    data["other_isbns"] = book.other_isbn_list
    data["holding_status"] = book.holding_status
    data["catalogue_url"] = book.catalogue_url
    if note is not None:
        data["note"] = note
    return data


class FromPage(Field):
    """A read-only field computed from the whole page by `function(page)`."""

    def __init__(self, function, **kwargs):
        self.function = function
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        return self.function(page)


def _recommender(page):
    name = page.recommender.credited_name(page.locale.language_code)
    if name is None:
        return None
    return {"name": name, "role": page.recommender.role}


def _names(queryset, english):
    return [
        {
            "name": (item.name_en if english else item.name_zh) or item.name_zh,
            **(
                {"title": (item.title_en if english else item.title_zh) or item.title_zh}
                if hasattr(item, "title_zh")
                else {}
            ),
        }
        for item in queryset.all()
    ]


def _english(page):
    return page.locale.language_code.startswith("en")


PAGE_FIELDS = {
    "reading.shelfpage": [
        APIField("theme"),
        APIField("curator"),
        APIField("place"),
        APIField("introduction"),
        APIField("cover", serializer=ImageRenditionField("fill-600x400")),
        APIField(
            "books",
            serializer=FromPage(lambda page: [book_data(b, n) for b, n in page.entries()]),
        ),
    ],
    "guides.guidepage": [
        APIField("guide_type"),
        APIField("summary"),
        APIField("review_by"),
        APIField(
            "subjects", serializer=FromPage(lambda page: _names(page.subjects, _english(page)))
        ),
        APIField("owners", serializer=FromPage(lambda page: _names(page.owners, _english(page)))),
        APIField("sections"),
    ],
    "reading.recommendationpage": [
        APIField("book", serializer=FromPage(lambda page: book_data(page.book))),
        APIField("recommender", serializer=FromPage(_recommender)),
        APIField("text"),
        APIField("recommended_on"),
        APIField(
            "themes",
            serializer=FromPage(lambda page: [t.tag.name for t in page.tagged_items.all()]),
        ),
    ],
    "reading.clubpage": [
        APIField("introduction"),
        APIField("audience"),
        APIField("capacity"),
        APIField("reading_starts"),
        APIField("reading_ends"),
        APIField("discussion_starts"),
        APIField("discussion_ends"),
        APIField("discussion_place"),
        APIField("signup_opens"),
        APIField("signup_closes"),
        APIField("books", serializer=FromPage(lambda page: [book_data(b) for b in page.books()])),
    ],
}


class LibraryPagesAPIViewSet(PagesAPIViewSet):
    def get_base_queryset(self):
        """Wagtail's (live, public, in the site) narrowed to what a reader may see: a
        restriction on a translation withdraws the page too (website.core.privacy)."""
        return for_readers(super().get_base_queryset())

    @classmethod
    def get_body_fields(cls, model):
        fields = super().get_body_fields(model)
        have = {field.name for field in fields}
        extra = [f for f in PAGE_FIELDS.get(model._meta.label_lower, []) if f.name not in have]
        return fields + cls._convert_api_fields(extra)


class PublicImagesAPIViewSet(ImagesAPIViewSet):
    """Images, except the display images of archived notes: a note's scan is personal and
    appears only on its own page when its writer consented."""

    def get_queryset(self):
        notes = apps.get_model("reading", "ArchiveItem").objects.filter(display_image__isnull=False)
        return super().get_queryset().exclude(pk__in=notes.values("display_image_id"))


class BooksAPIViewSet(BaseAPIViewSet):
    """The book records with print and e-book holdings together."""

    filter_backends = [FieldsFilter, OrderingFilter, SearchFilter]
    body_fields = (
        BaseAPIViewSet.body_fields
        + [name for name in BOOK_FIELDS if name != "id"]
        + ["holding_status", "catalogue_url"]
    )
    listing_default_fields = BaseAPIViewSet.listing_default_fields + [
        "title",
        "authors",
        "isbn13",
        "holding_status",
    ]
    name = "books"

    @classproperty
    def model(cls):
        return apps.get_model("reading", "Book")

    def get_queryset(self):
        return self.model.objects.order_by("pk")


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", LibraryPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("books", BooksAPIViewSet)
