"""A participant reads to the club's plan on a phone, in Chinese: from their private link they
post a check-in choosing a part of the plan, see their streak, edit the check-in and delete it;
a later part's check-in stays folded until they open the spoiler disclosure. On the club page
the teacher finds the later part folded too. At the discussion the teacher shows the attendance
code and the participant, entering it on their page, is marked present."""

from datetime import timedelta

from django.utils import timezone

PASSWORD = "reading-2026"
SPOILER = "原来最后一封信写的是人生与我，结尾让人想了很久。"


def _club(home):
    from reading.models import CheckIn
    from tests.factories import (
        ClubIndexPageFactory,
        ClubLeaderFactory,
        ClubPageFactory,
        ClubSignupFactory,
    )

    today = timezone.localdate()
    leader = ClubLeaderFactory(name="王静怡")
    leader.user.set_password(PASSWORD)
    leader.user.save()
    club = ClubPageFactory(
        parent=ClubIndexPageFactory(parent=home),
        title="共读《给青年的十二封信》",
        leader=leader,
        reading_starts=today - timedelta(days=3),
        plan=[
            ("第一至三封信", "Letters 1–3", "第 1–3 封", today - timedelta(days=1)),
            ("第四至六封信", "Letters 4–6", "第 4–6 封", today + timedelta(days=2)),
            ("第七至十二封信", "Letters 7–12", "第 7–12 封", today + timedelta(days=8)),
        ],
    )
    ahead = ClubSignupFactory(club=club, name="孙七", name_display="full")
    CheckIn.objects.create(
        signup=ahead,
        day=today - timedelta(days=1),
        progress="第十二封信",
        text=SPOILER,
        milestone=club.plan[2],
    )
    me = ClubSignupFactory(club=club, name="赵六", name_display="initials")
    return club, me


def test_a_participant_checks_in_to_the_plan_edits_and_deletes(phone, site, home, browser):
    from reading.models import CheckIn

    club, me = _club(home)
    page = phone
    page.goto(f"{site.url}/zh-hans/clubs/my/{me.make_token()}/")

    # The later part's check-in is folded: not shown until asked for.
    spoiler = page.get_by_text(SPOILER)
    assert not spoiler.is_visible()

    form = page.locator("form.checkin-form")
    assert (
        form.locator("select[name=milestone]").evaluate(
            "e => parseFloat(getComputedStyle(e).fontSize)"
        )
        >= 16
    )
    form.locator("select[name=milestone]").select_option(label="第四至六封信 · 第 4–6 封")
    form.locator("input[name=progress]").fill("第五封信")
    form.locator("textarea[name=text]").fill("在十字街头要有冷静的头脑。")
    form.locator("button[type=submit]").click()
    page.wait_for_selector(".messages")
    mine = CheckIn.objects.get(signup=me)
    assert mine.milestone == club.plan[1]
    assert "1" in page.locator(".my-streak").inner_text()
    assert page.locator(f"#checkin-{mine.pk}").is_visible()
    assert not spoiler.is_visible()  # still folded: this reader is at part two
    page.locator("details.spoilers summary").first.click()
    assert spoiler.is_visible()

    # Edit: the words change, the day stays.
    page.locator(f"#checkin-{mine.pk} .checkin-actions a").first.click()
    page.wait_for_url("**/edit/")
    page.locator("textarea[name=text]").fill("在十字街头，要有冷静的头脑和热烈的心。")
    page.locator("form.checkin-form button[type=submit]").click()
    page.wait_for_selector(f"#checkin-{mine.pk}")
    assert "热烈的心" in page.locator(f"#checkin-{mine.pk}").inner_text()
    mine.refresh_from_db()
    assert mine.day == timezone.localdate() and mine.edited_at is not None

    # Delete: asked first, then gone.
    page.locator(f"#checkin-{mine.pk} .checkin-actions a").nth(1).click()
    page.wait_for_url("**/delete/")
    page.locator("form.club-form button[type=submit]").click()
    page.wait_for_selector(".messages")
    assert not CheckIn.objects.filter(pk=mine.pk).exists()
    assert page.locator(f"#checkin-{mine.pk}").count() == 0
    assert page.locator(".my-streak").inner_text().strip() != ""

    # The teacher reads the club page: the last part's check-in is folded there too.
    teacher = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
    desk = teacher.new_page()
    desk.goto(site.url + "/admin/login/")
    desk.fill("input[name=username]", club.leader.user.username)
    desk.fill("input[name=password]", PASSWORD)
    desk.locator("form button[type=submit]").first.click()
    desk.wait_for_url("**/admin/")
    desk.goto(site.url + club.url)
    part = desk.locator(".checkin-part", has_text="第七至十二封信")
    assert part.locator("details.spoilers").count() == 1
    assert not desk.get_by_text(SPOILER).is_visible()
    teacher.close()
    assert page.watcher.server_errors == []


def test_at_the_discussion_a_participant_enters_the_code_the_teacher_shows(
    phone, site, home, browser
):
    club, me = _club(home)
    teacher = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
    desk = teacher.new_page()
    desk.goto(site.url + "/admin/login/")
    desk.fill("input[name=username]", club.leader.user.username)
    desk.fill("input[name=password]", PASSWORD)
    desk.locator("form button[type=submit]").first.click()
    desk.wait_for_url("**/admin/")
    desk.goto(f"{site.url}/admin/my-clubs/{club.pk}/")
    desk.get_by_role("link", name="显示签到码").click()
    desk.locator("main form button[type=submit]").click()
    code = desk.locator(".attendance-code").inner_text().strip()
    assert len(code) == 6 and desk.locator(".attendance-qr svg").count() == 1
    teacher.close()

    phone.goto(f"{site.url}/zh-hans/clubs/my/{me.make_token()}/")
    field = phone.locator("input[name=code]")
    assert field.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 16
    field.fill(code.lower())
    phone.locator("form.attend-form button[type=submit]").click()
    phone.wait_for_selector(".messages")
    assert "你已签到" in phone.locator(".messages").inner_text()
    me.refresh_from_db()
    assert me.attended is True
    assert phone.watcher.server_errors == []
