import factory

from taggit.models import Tag

from website.core.models import TermInEnglish


class TagFactory(factory.django.DjangoModelFactory):
    """A taggit tag, found by name when it exists (tags are shared by subjects and themes)."""

    name = factory.Sequence(lambda n: f"主题{n}")

    class Meta:
        model = Tag
        django_get_or_create = ("name",)


class TermInEnglishFactory(factory.django.DjangoModelFactory):
    """The English form of a tag: `TermInEnglishFactory(tag__name="科学家传记", name="…")`."""

    tag = factory.SubFactory(TagFactory)
    name = factory.Sequence(lambda n: f"Term {n}")

    class Meta:
        model = TermInEnglish
        django_get_or_create = ("tag",)
