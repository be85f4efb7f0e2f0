"""An outreach librarian keeps the unfinished English version of the shelves page private,
is told at once that the Chinese original stays public, and makes every language private
from the message, clicked as she clicks it, in both admin languages and at phone and
desktop widths. Readers then meet neither version."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.factories import ShelfIndexPageFactory, UserFactory, translate_page

PASSWORD = "correct horse battery staple"
SHOTS = Path(os.environ.get("SCREENSHOTS", "")) if os.environ.get("SCREENSHOTS") else None

WORDS = {
    "en": {
        "pages": "Pages",
        "children": "View child pages of 'SiKu · Library Reading and Learning Guides'",
        "edit": "Edit 'SiKu themed shelves'",
        "status": "Toggle status",
        "privacy": "Change privacy",
        "warning": "other languages stay public",
        "translation": "covers this language only",
        "apply": "Make every language private",
        "done": "is now private",
    },
    "zh-hans": {
        "pages": "页面",
        "children": "查看 'SiKu · Library Reading and Learning Guides' 的子页面",
        "edit": "编辑 'SiKu themed shelves'",
        "status": "状态开关",
        "privacy": "变更隐私设置",
        "warning": "其他语言版本仍然公开",
        "translation": "只作用于当前语言",
        "apply": "将所有语言版本设为不公开",
        "done": "现已设为不公开",
    },
}


def _shot(page, name):
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("width", [1366, 390])
def test_a_private_translation_offers_to_cover_every_language(
    browser, home, live_server, language, width
):
    from wagtail.models import PageViewRestriction
    from wagtail.users.models import UserProfile

    from website.core.privacy import for_readers

    english_home = translate_page(home, "en", title="SiKu · Library Reading and Learning Guides")
    shelves = ShelfIndexPageFactory(parent=home, title="思库主题书架", slug="shelves")
    english = translate_page(shelves, "en", title="SiKu themed shelves")
    assert english.get_parent().pk == english_home.pk
    user = UserFactory(username="outreach", is_staff=True, is_superuser=True)
    user.set_password(PASSWORD)
    user.save()
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    words = WORDS[language]

    context = browser.new_context(
        viewport={"width": width, "height": 844 if width == 390 else 900}, locale="zh-CN"
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("#id_username", "outreach")
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        if width == 390:
            page.get_by_role("button", name="Toggle sidebar").or_(
                page.get_by_role("button", name="切换侧边栏")
            ).first.click()
        page.get_by_role("button", name=words["pages"]).first.click()
        page.get_by_role("link", name=words["children"]).click()
        page.get_by_role("link", name=words["edit"]).click()

        page.get_by_role("button", name=words["status"]).click()
        page.get_by_role("button", name=words["privacy"]).first.click()
        privacy_form = page.locator("form:has(input[name=restriction_type])")
        expect(privacy_form).to_contain_text(words["translation"])
        _shot(page, f"privacy-modal-{language}-{width}")
        # "Private, accessible to any logged-in users": Wagtail has no Chinese for it yet
        page.locator("input[name=restriction_type][value=login]").check()
        privacy_form.locator("input[type=submit]").click()
        expect(privacy_form).to_be_hidden()
        page.reload()

        warning = page.locator(".messages").get_by_text(words["warning"])
        expect(warning).to_be_visible()
        expect(page.locator(".messages")).to_contain_text("思库主题书架")
        _shot(page, f"privacy-warning-{language}-{width}")
        page.locator(".messages").get_by_role("link", name=words["apply"]).click()
        expect(page.get_by_text("思库主题书架")).to_be_visible()
        _shot(page, f"privacy-confirm-{language}-{width}")
        page.get_by_role("button", name=words["apply"]).click()
        expect(page.locator(".messages")).to_contain_text(words["done"])
        _shot(page, f"privacy-done-{language}-{width}")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    except Exception:
        _shot(page, f"privacy-failed-{language}-{width}")
        raise
    finally:
        context.close()

    assert PageViewRestriction.objects.filter(page=shelves).exists()
    assert not for_readers(type(shelves).objects.filter(pk__in=[shelves.pk, english.pk])).exists()
