from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from reading.views import files as reading_files
from reading.views import shelves as reading_shelves
from website.api import api_router
from website.core import views as core_views
from website.core.sitemaps import TranslatedSitemap
from website.search import views as search_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("request-too-large/", core_views.request_too_large, name="request_too_large"),
    path("oai/", include("website.oai.urls")),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # private media (website/core/storage.py): each answered only to whom may have it
    path("private-media/<path:name>", reading_files.private_media_file, name="private_media"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": TranslatedSitemap}}, name="sitemap"),
    path("api/v2/", api_router.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    # every public kind's view beacon (website/core/counting.py), and a shelf label's QR code
    path("go/seen/<slug:kind>/<int:pk>.gif", core_views.view_beacon, name="view_beacon"),
    path("go/shelf/<int:shelf_id>/qr/", reading_shelves.shelf_scan, name="shelf_scan"),
    path("go/", include("guides.go_urls")),  # guides: counted resource clicks and guide views
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("feeds/", include("website.feeds")),
    path("", include("reading.urls")),
    path("", include("guides.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
handler400 = "website.core.views.bad_request"
