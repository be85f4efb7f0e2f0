"""The read-only JSON API (Wagtail API v2) at /api/v2/, for course pages and the campus app.

Endpoints:
  /api/v2/pages/     every published page; `?type=reading.ShelfPage&fields=*` or
                     `?type=guides.GuidePage&fields=*` gives a shelf's books (print and e-book
                     together) or a guide's subjects, owners and sections; also
                     recommendations and clubs. `?locale=en` for English.
  /api/v2/images/    images, with renditions through the fields parameter; never the images an
                     app keeps out (the scans of handwritten notes are shown only on their
                     pages, with consent).
  /api/v2/<app's>/   endpoints the apps add in their own `api` module (reading: books).

The foundation knows no app: each page type lists its own `api_fields`, and each app's `api`
module (found at start-up like `oai` and `search_kinds`) registers its endpoints with
`api_router` and names the images to keep out with `hide_images`. Nothing personal is
served: recommenders only as they allowed, guide owners by name and title only, clubs
without participants.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from website.core.privacy import for_readers

_hidden_images = []


def hide_images(image_ids):
    """Keep images out of the API: `image_ids()` returns a queryset of image ids (or a list)."""
    _hidden_images.append(image_ids)


class LibraryPagesAPIViewSet(PagesAPIViewSet):
    def get_base_queryset(self):
        """Wagtail's (live, public, in the site) narrowed to what a reader may see: a
        restriction on a translation withdraws the page too (website.core.privacy)."""
        return for_readers(super().get_base_queryset())


class PublicImagesAPIViewSet(ImagesAPIViewSet):
    """Images, except those an app keeps out with `hide_images`."""

    def get_queryset(self):
        queryset = super().get_queryset()
        for image_ids in _hidden_images:
            queryset = queryset.exclude(pk__in=image_ids())
        return queryset


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", LibraryPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
