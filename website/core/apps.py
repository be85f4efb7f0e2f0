from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Pieces every app shares: health check, language links, search indexing of Chinese."""

    name = "website.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from . import cache

        cache.connect_signals()
