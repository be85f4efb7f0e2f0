from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def recommendation_published(sender, instance, **kwargs):
    """page_published: the reader whose recommendation this is hears of it; a recommended
    book the library lacks becomes a purchase suggestion; suggested books on a published
    shelf are on display."""
    from reading import suggestions
    from reading.models import RecommendationPage, ShelfPage
    from reading.publication import notify_published

    if isinstance(instance, RecommendationPage):
        notify_published(instance)
        suggestions.suggest_for_recommendation(instance)
    elif isinstance(instance, ShelfPage):
        suggestions.shelve(instance)


def book_saved(sender, instance, raw=False, **kwargs):
    """A book edited by hand that now has a copy, an e-book or a record: its suggestion is
    received (imports, which write in bulk, call the same rule themselves)."""
    if not raw:
        from reading import suggestions

        suggestions.receive_held([instance.pk])


def ebook_saved(sender, instance, raw=False, **kwargs):
    """The same for an e-book platform, which the editor saves after its book."""
    if not raw:
        from reading import suggestions

        suggestions.receive_held([instance.book_id])


class ReadingConfig(AppConfig):
    """Books, recommendation campaigns, the handwritten-note archive, shelves and clubs."""

    name = "reading"
    verbose_name = _("Reading promotion")

    def ready(self):
        from wagtail.signals import page_published

        page_published.connect(
            recommendation_published, dispatch_uid="reading.recommendation_published"
        )
        from django.db.models.signals import post_save

        post_save.connect(book_saved, sender="reading.Book", dispatch_uid="reading.book_saved")
        post_save.connect(
            ebook_saved, sender="reading.BookEbook", dispatch_uid="reading.ebook_saved"
        )
        from reading import archive_images

        archive_images.register()
