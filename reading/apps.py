from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadingConfig(AppConfig):
    """Books, recommendation campaigns, the handwritten-note archive, shelves and clubs."""

    name = "reading"
    verbose_name = _("Reading promotion")

    def ready(self):
        from reading import archive_images

        archive_images.register()
