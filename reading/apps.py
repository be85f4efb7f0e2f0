from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def recommendation_published(sender, instance, **kwargs):
    """page_published: the reader whose recommendation this is hears of it."""
    from reading.models import RecommendationPage
    from reading.publication import notify_published

    if isinstance(instance, RecommendationPage):
        notify_published(instance)


class ReadingConfig(AppConfig):
    """Books, recommendation campaigns, the handwritten-note archive, shelves and clubs."""

    name = "reading"
    verbose_name = _("Reading promotion")

    def ready(self):
        from wagtail.signals import page_published

        page_published.connect(
            recommendation_published, dispatch_uid="reading.recommendation_published"
        )
        from reading import archive_images

        archive_images.register()
