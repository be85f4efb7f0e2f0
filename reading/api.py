"""What reading adds to the JSON API (`website/api.py`): the books endpoint, and the scans of
handwritten notes kept out of the images endpoint (a scan is personal; it appears only on
its own page, with its writer's consent and after review)."""

from rest_framework import serializers

from wagtail.api import APIField
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter, SearchFilter
from wagtail.api.v2.views import BaseAPIViewSet

from reading.models import ArchiveItem, Book
from website.api import api_router, hide_images


class EbooksField(serializers.Field):
    """A book's e-book platforms, each as `BookEbook.api_data` gives it (as in a shelf's books)."""

    def to_representation(self, ebooks):
        return [ebook.api_data() for ebook in ebooks.all()]


class BooksAPIViewSet(BaseAPIViewSet):
    """The book records with print and e-book holdings together."""

    filter_backends = [FieldsFilter, OrderingFilter, SearchFilter]
    name = "books"
    model = Book
    body_fields = BaseAPIViewSet.body_fields + [
        *(name for name in Book.API_FIELDS if name != "id"),
        "holding_status",
        "catalogue_url",
        APIField("ebooks", serializer=EbooksField(read_only=True)),
    ]

    listing_default_fields = BaseAPIViewSet.listing_default_fields + [
        "title",
        "authors",
        "isbn13",
        "holding_status",
    ]

    def get_queryset(self):
        return self.model.objects.prefetch_related("ebooks").order_by("pk")


def _note_scans():
    return ArchiveItem.objects.filter(display_image__isnull=False).values("display_image_id")


api_router.register_endpoint("books", BooksAPIViewSet)
hide_images(_note_scans)
