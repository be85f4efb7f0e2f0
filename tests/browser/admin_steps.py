"""Steps the admin journeys share: a librarian who reads the admin in one language, logging
in as a person does, and a screen check (axe-core, and no wider than a phone)."""

from .test_accessibility import _describe, run_axe

PASSWORD = "correct horse battery staple"  # the factories' password


def librarian_in(language, username="librarian"):
    """A site administrator whose admin speaks `language`."""
    from wagtail.users.models import UserProfile

    from tests.factories import UserFactory

    user = UserFactory(username=username, is_staff=True, is_superuser=True)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def log_in(page, site, username):
    page.goto(site.url + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/admin/")


def screen_checker(page, failures):
    """check(screen): axe-core's serious violations into `failures`; the screen at 390 px."""

    def check(screen):
        violations = run_axe(page)
        if violations:
            failures[screen] = _describe(violations)
        page.set_viewport_size({"width": 390, "height": 844})
        width = page.evaluate("document.documentElement.scrollWidth")
        page.set_viewport_size({"width": 1280, "height": 900})
        assert width <= 390, f"{screen} is {width}px wide on a phone"

    return check
