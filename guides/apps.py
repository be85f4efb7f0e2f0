from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidesConfig(AppConfig):
    """Topic and subject guides and the reusable resources they share."""

    name = "guides"
    verbose_name = _("Guides")
