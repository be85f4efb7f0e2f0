"""A club series at the meeting: teacher.li (the demo's Feynman club, three sessions) opens the
attendance code for the second session, a participant enters it on their private page and is
marked present at that session only; the teacher sees who came to each. axe-core finds no
serious or critical violation on the teacher's screens."""

from .test_teacher_journey import assert_accessible, log_in


def test_a_code_for_the_second_session_marks_that_session(axe_page, demo_site):
    from reading import sessions
    from reading.models import ClubPage, ClubSessionAttendance

    page = axe_page
    club = ClubPage.objects.get(slug="feynman", locale__language_code="zh-hans")
    second = sessions.sessions_of(club)[1]
    reader = club.signups.filter(status="confirmed").order_by("position").first()

    log_in(page, demo_site.url, "teacher.li")
    page.locator(".sidebar-main-menu a[href='/admin/my-clubs/']").click()
    page.locator("table.listing a", has_text=club.title).click()
    page.locator(f"a[href='/admin/my-clubs/{club.pk}/attendance-code/']").first.click()
    page.select_option("select[name=session]", str(second.pk))
    page.locator("form.attendance-code-form button[type=submit]").click()
    code = page.locator(".attendance-code").inner_text().strip()
    assert_accessible(page, "attendance code of a session")

    page.goto(f"{demo_site.url}/zh-hans/clubs/my/{reader.make_token()}/")
    page.fill("#attendance-code", code)
    page.locator("form.attend-form button[type=submit]").click()
    page.locator(".session-attendance").wait_for()
    assert page.locator(".session-attendance li").nth(1).locator("strong").inner_text() != ""
    assert list(
        ClubSessionAttendance.objects.filter(signup=reader).values_list("session_id", flat=True)
    ) == [second.pk]

    page.goto(f"{demo_site.url}/admin/my-clubs/{club.pk}/?session={second.pk}")
    counts = page.locator(".club-session-counts tbody tr").nth(1).locator("td").first
    assert counts.inner_text().strip() == "1"
    assert_accessible(page, "club series")
