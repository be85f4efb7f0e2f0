"""The name of a tag in the reader's language: one function for every page and data channel.

Tags (taggit) have one name, the one librarians type, usually Chinese. `TermInEnglish` gives a
tag its English form; `tag_label` is what a subject or a theme shows on a public page, in the
API and in structured data. English pages may also carry English tags of their own (an English
recommendation tagged "History of science"): `term_key` says which Chinese tag such a tag
stands for, so that counts and filters put both under one term.

A list of tags stays at a constant number of queries: fetch the tags `with_english()` (or
prefetch `<tags>__english`), and `tag_label` reads the English form from the fetched row.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import F, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Lower
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language

from taggit.managers import TaggableManager
from wagtail.search import index

from .models import TermInEnglish


def is_english(language=None):
    return (language or get_language() or "").lower().startswith("en")


def english_name(tag):
    """The tag's English form, or "" when it has none (reads a prefetched or joined row)."""
    try:
        term = tag.english
    except ObjectDoesNotExist:
        return ""
    return term.name if term is not None else ""


def tag_label(tag, language=None):
    """What readers of `language` (default: the active language) see for `tag`."""
    if is_english(language):
        return english_name(tag) or tag.name
    return tag.name


def with_english(tags):
    """A queryset of tags that brings each tag's English form in the same query."""
    return tags.select_related("english")


def term_key(tag_path="tag", terms=None):
    """An expression for the tag a tagged row stands for: the Chinese tag whose English form
    is this tag's name (case-insensitively), else the tag itself. `tag_path` is the lookup
    from the counted model to the tag; `terms` narrows the Chinese tags that may be meant (a
    subject and a theme may share an English name)."""
    terms = TermInEnglish.objects.all() if terms is None else terms
    chinese = (
        terms.annotate(lower=Lower("name"))
        .filter(lower=Lower(OuterRef(f"{tag_path}__name")))
        .order_by("tag_id")
    )
    return Coalesce(
        Subquery(chinese.values("tag_id")[:1]), F(f"{tag_path}_id"), output_field=IntegerField()
    )


def term_name(terms=None):
    """An expression for the name of the Chinese tag a tag is the English form of, or None:
    `term_key`'s counterpart for a queryset of tags (one query however many tags)."""
    terms = TermInEnglish.objects.all() if terms is None else terms
    chinese = (
        terms.annotate(lower=Lower("name")).filter(lower=Lower(OuterRef("name"))).order_by("tag_id")
    )
    return Subquery(chinese.values("tag__name")[:1])


def names_of_term(name):
    """The tag names that mean the same term as `name`: itself, its English form, and the
    tags it is the English form of (one query)."""
    pairs = TermInEnglish.objects.filter(Q(tag__name=name) | Q(name__iexact=name)).values_list(
        "tag__name", "name"
    )
    return {name, *(value for pair in pairs for value in pair)}


def tag_search_fields(name):
    """The search fields of a tag relation `name`: the tag as librarians typed it and its
    English form, so that an English reader's "Sociology" finds what is tagged 社会学."""
    english = index.RelatedFields("english", [index.SearchField("name")])
    return index.RelatedFields(name, [index.SearchField("name"), english])


def tagged_with(tag):
    """Every indexed record tagged `tag`, whatever the model (books' subjects, themes...)."""
    for model in index.get_indexed_models():
        for field in model._meta.get_fields():
            if isinstance(field, TaggableManager) and field.model is model:
                yield from model._default_manager.filter(**{f"{field.name}__id": tag.pk})


def reindex_tagged(sender, instance, **kwargs):
    """An English form added, changed or removed changes what finds the tagged records."""
    if kwargs.get("raw"):
        return
    from modelsearch.tasks import insert_or_update_object_task

    for record in tagged_with(instance.tag):
        insert_or_update_object_task.enqueue(
            record._meta.app_label, record._meta.model_name, str(record.pk)
        )


def connect_signals():
    post_save.connect(reindex_tagged, sender=TermInEnglish, dispatch_uid="terms-reindex")
    post_delete.connect(reindex_tagged, sender=TermInEnglish, dispatch_uid="terms-reindex-del")
