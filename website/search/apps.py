from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "website.search"
    label = "site_search"
    verbose_name = _("Search")

    def ready(self):
        # Each app declares what search finds in its own search_kinds.py (kinds.py explains).
        autodiscover_modules("search_kinds")
