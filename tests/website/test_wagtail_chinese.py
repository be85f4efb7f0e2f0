"""Wagtail's Chinese catalogue lacks about 380 of Wagtail 8's admin strings ("Shortcuts",
"Toggle checks", "Search all pages…", the dashboard's "%(total)s Pages"), so a librarian
working in Chinese met English on every screen. `website/locale_wagtail` supplies Chinese
for exactly those: never a string Wagtail (or Django) already translates, which would
override their wording, and never one Wagtail no longer has. After a Wagtail upgrade the
completeness test lists the new strings to translate."""

from pathlib import Path

import polib
import pytest

from django.apps import apps
from django.conf import settings
from django.utils import translation

SUPPLEMENT = settings.PROJECT_DIR / "locale_wagtail" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def _catalogues(language):
    """The installed apps' catalogues of `language`, Wagtail's and Django's (not ours)."""
    import django

    paths = [Path(django.__file__).parent / "conf" / "locale" / language / "LC_MESSAGES"]
    for config in apps.get_app_configs():
        if config.name.startswith(("wagtail", "django.contrib")):
            paths.append(Path(config.path) / "locale" / language / "LC_MESSAGES")
    return [polib.pofile(str(p / "django.po")) for p in paths if (p / "django.po").exists()]


def _wagtail_english():
    keys = set()
    for catalogue in _catalogues("en"):
        if "wagtail" in catalogue.fpath:
            keys |= {(e.msgctxt, e.msgid) for e in catalogue if not e.obsolete}
    return keys


def _translated_upstream():
    return {
        (e.msgctxt, e.msgid)
        for catalogue in _catalogues("zh_Hans")
        for e in catalogue
        if e.translated() and not e.obsolete and "fuzzy" not in e.flags
    }


def _supplement():
    return {(e.msgctxt, e.msgid): e for e in polib.pofile(str(SUPPLEMENT)) if not e.obsolete}


def test_the_supplement_never_overrides_a_wagtail_or_django_translation():
    overriding = set(_supplement()) & _translated_upstream()
    assert not overriding, sorted(overriding)[:20]


def test_the_supplement_holds_only_strings_wagtail_has():
    stale = set(_supplement()) - _wagtail_english()
    assert not stale, sorted(stale)[:20]


def test_every_wagtail_string_has_chinese():
    missing = _wagtail_english() - _translated_upstream() - set(_supplement())
    assert not missing, f"{len(missing)} Wagtail strings lack Chinese: {sorted(missing)[:40]}"


def test_every_supplement_entry_is_translated():
    untranslated = [e.msgid for e in _supplement().values() if not e.translated()]
    assert not untranslated


@pytest.mark.parametrize(
    "english,chinese",
    [
        ("Toggle checks", "切换检查"),
        ("Search all pages…", "搜索所有页面…"),
        ("Private, accessible to any logged-in users", "私有，任何已登录用户均可访问"),
    ],
)
def test_the_admin_speaks_them(english, chinese):
    with translation.override("zh-hans"):
        assert translation.gettext(english) == chinese


@pytest.mark.django_db
def test_the_chinese_dashboard_counts_pages_in_chinese(client, editor, home):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "zh-hans"
    profile.save()
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert "个页面" in html and " Pages<" not in html


@pytest.mark.django_db
def test_the_header_actions_landmark_is_named_in_chinese(client, editor, home):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "zh-hans"
    profile.save()
    client.force_login(editor)
    html = client.get("/admin/images/").content.decode()
    assert 'aria-label="动作" id="w-slim-header-buttons"' in html
