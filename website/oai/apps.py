from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class OaiConfig(AppConfig):
    """The OAI-PMH data provider. Each app declares what it exposes in its own `oai.py`
    (found here the way Wagtail finds `wagtail_hooks.py`), so the provider never imports
    the apps it serves."""

    name = "website.oai"
    label = "oai"
    verbose_name = _("OAI-PMH data provider")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import tombstones

        tombstones.connect()
        autodiscover_modules("oai")
