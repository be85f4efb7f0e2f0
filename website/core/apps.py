from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Pieces every app shares: health check, language links, search indexing of Chinese."""

    name = "website.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from . import cache, terms

        cache.connect_signals()
        terms.connect_signals()
        # The apps add their API endpoints and feeds to the foundation's (website/api.py,
        # website/feeds.py) from modules of their own, as they add OAI kinds and search kinds.
        autodiscover_modules("api", "feeds")
        # ... and the kinds of page whose views are counted (website/core/counting.py).
        autodiscover_modules("counted")
