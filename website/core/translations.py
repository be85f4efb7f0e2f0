"""Which pages lack a translation, or have one older than its source.

Wagtail's simple translation copies a page into another locale once and then leaves the two
alone, so editors need to be told when the copies drift apart. The source of a translation
group is its page in the default language (Chinese here); a translation is "outdated" when the
source was edited after the translation was last edited.
"""

from dataclasses import dataclass, field

from django.conf import settings

from wagtail.models import Locale, Page


@dataclass
class TranslationStatus:
    source: Page
    missing: list = field(default_factory=list)
    outdated: list = field(default_factory=list)


def translation_statuses(queryset=None):
    """Statuses of every default-language page whose group misses or lags a translation."""
    locales = {locale.pk: locale for locale in Locale.objects.all()}
    default = Locale.get_default()
    wanted = [
        locale
        for locale in locales.values()
        if locale.language_code in dict(settings.WAGTAIL_CONTENT_LANGUAGES)
        and locale.pk != default.pk
    ]
    rows = Page.objects.filter(depth__gt=1).values(
        "pk", "translation_key", "locale_id", "latest_revision_created_at", "alias_of_id"
    )
    groups = {}
    for row in rows:
        groups.setdefault(row["translation_key"], {})[row["locale_id"]] = row
    problems = {}
    for members in groups.values():
        source = members.get(default.pk)
        if source is None or source["alias_of_id"]:
            continue
        missing, outdated = [], []
        for locale in wanted:
            translation = members.get(locale.pk)
            if translation is None:
                missing.append(locale)
            elif (
                source["latest_revision_created_at"]
                and translation["latest_revision_created_at"]
                and translation["latest_revision_created_at"] < source["latest_revision_created_at"]
            ):
                outdated.append(locale)
        if missing or outdated:
            problems[source["pk"]] = (missing, outdated)
    pages = Page.objects.filter(pk__in=problems)
    if queryset is not None:
        pages = pages & queryset
    return [
        TranslationStatus(page, *problems[page.pk])
        for page in pages.order_by("path").select_related("locale")
    ]
