"""A teacher runs her own reading club in the admin, and each role's admin holds its own tools.

teacher.wang (the demo's leader of the "Twelve Letters" club) logs in, finds only her tools in
the menu, opens her club, marks attendance by clicking, promotes a waitlisted reader (who is
emailed) and moves the discussion; typing the address of teacher.li's club (the attack) gives
the admin's 404, not a redirect to the public site. axe-core finds no serious or critical
violation on her club's screens.
"""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from .test_accessibility import _describe, run_axe

PASSWORD = "reading-2026"


def log_in(page, base, username, password=PASSWORD):
    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/admin/")


def menu_links(page):
    """The admin addresses the sidebar offers (its submenus included), not Wagtail's guide."""
    hrefs = page.eval_on_selector_all(
        ".sidebar-main-menu a", "links => links.map(link => link.getAttribute('href'))"
    )
    return {href for href in hrefs if href and href.startswith("/admin/")}


def assert_accessible(page, where):
    violations = run_axe(page)
    assert not violations, f"{where}: {_describe(violations)}"


def test_teacher_runs_her_club_and_reaches_nothing_of_another(axe_page, demo_site):
    from reading.models import ClubPage, ClubSignup

    page = axe_page
    mine = ClubPage.objects.get(slug="twelve-letters", locale__language_code="zh-hans")
    theirs = ClubPage.objects.get(slug="feynman", locale__language_code="zh-hans")
    mail.outbox.clear()

    log_in(page, demo_site.url, "teacher.wang")
    assert menu_links(page) == {"/admin/my-clubs/"}

    # Her club, from the menu.
    page.locator(".sidebar-main-menu a[href='/admin/my-clubs/']").click()
    page.wait_for_url("**/admin/my-clubs/")
    assert page.locator("table.listing a", has_text=theirs.title).count() == 0
    assert_accessible(page, "club list")
    page.locator("table.listing a", has_text=mine.title).click()
    page.wait_for_url(f"**/admin/my-clubs/{mine.pk}/")
    assert_accessible(page, "club")

    # Attendance, by clicking: one attended, one absent.
    first, second = mine.signups.filter(status="confirmed").order_by("position")[:2]
    page.locator(f"#signup-{first.pk} button", has_text="出席").click()
    page.wait_for_url(f"**#signup-{first.pk}")
    attended = page.locator(f"#signup-{first.pk} button[aria-pressed=true]")
    assert attended.count() == 1
    page.locator(f"#signup-{second.pk} button[aria-pressed=false]").last.click()
    page.wait_for_url(f"**#signup-{second.pk}")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.attended, second.attended) == (True, False)

    # Every seat is taken: promoting the second reader in line adds a seat for her.
    waiting = list(mine.signups.filter(status="waitlisted").order_by("position"))
    chosen = waiting[1]
    page.locator(f"#signup-{chosen.pk} a[href$='/promote/']").click()
    page.wait_for_url(f"**/signups/{chosen.pk}/promote/")
    assert_accessible(page, "promote")
    page.locator("main form[method=post] button.button[type=submit]").click()
    page.wait_for_url(f"**/admin/my-clubs/{mine.pk}/")
    chosen.refresh_from_db()
    mine.refresh_from_db()
    assert chosen.status == ClubSignup.Status.CONFIRMED
    assert mine.capacity == 13
    assert [m.to for m in mail.outbox] == [[chosen.email]]
    assert waiting[0].email not in [m.to[0] for m in mail.outbox]

    # She moves the discussion an hour later.
    page.locator(f"a[href='/admin/my-clubs/{mine.pk}/edit/']").click()
    page.wait_for_url(f"**/admin/my-clubs/{mine.pk}/edit/")
    assert_accessible(page, "edit the club")
    later = timezone.localtime(mine.discussion_starts + timedelta(hours=1))
    page.fill("input[name=discussion_starts]", later.strftime("%Y-%m-%d %H:%M"))
    page.fill(
        "input[name=discussion_ends]", (later + timedelta(hours=2)).strftime("%Y-%m-%d %H:%M")
    )
    page.locator("input[name=discussion_place]").click()  # on to the next field: the picker closes
    mail.outbox.clear()
    page.locator("main form[method=post] button.button[type=submit]").click()
    page.wait_for_url(f"**/admin/my-clubs/{mine.pk}/")
    mine.refresh_from_db()
    assert timezone.localtime(mine.discussion_starts) == later
    assert later.strftime("%Y-%m-%d %H:%M") in page.content()
    active = mine.signups.exclude(status="cancelled").count()
    assert len(mail.outbox) == active  # every participant hears that it moved

    # The attack: teacher.li's club by its address is the admin's own 404.
    response = page.goto(f"{demo_site.url}/admin/my-clubs/{theirs.pk}/")
    assert response.status == 404
    assert page.url == f"{demo_site.url}/admin/my-clubs/{theirs.pk}/"
    for path in ("attendance.csv", "edit/", "email/"):
        response = page.goto(f"{demo_site.url}/admin/my-clubs/{theirs.pk}/{path}")
        assert response.status == 404, path
    assert page.watcher.server_errors == []


def test_each_role_sees_only_its_own_tools(page, site, home):
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    from tests.factories import (
        CampaignIndexPageFactory,
        ClubIndexPageFactory,
        ClubPageFactory,
        GuideIndexPageFactory,
        UserFactory,
    )

    CampaignIndexPageFactory(parent=home)
    clubs = ClubIndexPageFactory(parent=home)
    GuideIndexPageFactory(parent=home)
    club = ClubPageFactory(parent=clubs)
    call_command("setup_roles", verbosity=0)
    password = "correct horse battery staple"
    for username, group in (
        ("outreach.test", "Outreach librarians"),
        ("subject.test", "Subject librarians"),
    ):
        UserFactory(username=username, is_staff=True).groups.add(Group.objects.get(name=group))
    club.leader.user.set_password(password)
    club.leader.user.save()

    expected = {
        "outreach.test": {
            "has": {
                "/admin/reading/submissions/",
                "/admin/reading/archive/",
                "/admin/my-clubs/",
                "/admin/snippets/reading/book/",
                "/admin/reports/recommended-books/",
                "/admin/reports/recommendation-themes/",
                "/admin/reports/club-participation/",
                "/admin/reports/translations/",
                "/admin/reports/views/",
            },
            "lacks": {"/admin/guides/reports/usage/", "/admin/users/", "/admin/groups/"},
        },
        "subject.test": {
            "has": {
                "/admin/guides/reports/usage/",
                "/admin/guides/reports/review-due/",
                "/admin/guides/reports/broken-links/",
            },
            "lacks": {
                "/admin/reading/submissions/",
                "/admin/reading/archive/",
                "/admin/my-clubs/",
                "/admin/reports/recommended-books/",
                "/admin/reports/club-participation/",
                "/admin/users/",
            },
        },
        club.leader.user.username: {"only": {"/admin/my-clubs/"}},
    }
    for username, menu in expected.items():
        log_in(page, site.url, username, password)
        links = menu_links(page)
        if "only" in menu:
            assert links == menu["only"], username
        else:
            assert menu["has"] <= links, (username, menu["has"] - links)
            assert not menu["lacks"] & links, (username, menu["lacks"] & links)
        page.context.clear_cookies()
