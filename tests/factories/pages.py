import factory

from wagtail.models import Locale, Page

from website.home.models import HomePage


class PageFactory(factory.django.DjangoModelFactory):
    """Builds a page in the tree: pass `parent=`; published unless `live=False`."""

    title = factory.Sequence(lambda n: f"Page {n}")

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, parent=None, publish=True, **kwargs):
        if parent is None:
            parent = Page.get_first_root_node()
        live = kwargs.pop("live", True) and publish
        instance = model_class(*args, live=live, **kwargs)
        if "locale" not in kwargs:
            instance.locale = parent.locale if parent.depth > 1 else Locale.get_default()
        parent.add_child(instance=instance)
        revision = instance.save_revision()
        if live:
            revision.publish()
            instance.refresh_from_db()
        return instance


class HomePageFactory(PageFactory):
    title = "图书馆阅读推广"
    slug = factory.Sequence(lambda n: f"home-{n}")

    class Meta:
        model = HomePage


def translate_page(page, language_code, publish=True, **fields):
    """Create (or update) the translation of `page` in another language and publish it."""
    locale = Locale.objects.get(language_code=language_code)
    translation = page.get_translation_or_none(locale)
    if translation is None:
        translation = page.copy_for_translation(locale, copy_parents=True, alias=False)
    translation = translation.specific
    for name, value in fields.items():
        setattr(translation, name, value)
    revision = translation.save_revision()
    if publish:
        revision.publish()
        translation.refresh_from_db()
    return translation
