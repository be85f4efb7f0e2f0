"""A student's reading club on a phone, in Chinese: from the home page to a club, sign up
(named by initials), see the place instead of the form, open the private link from the email,
post a check-in on /zh-hans/ (its date field must hold an ISO value the browser keeps), see it
under the chosen name, and cancel. A second reader, on the waitlist, sees no one's check-ins."""

import re

from django.core import mail
from django.utils import timezone

from tests.browser.conftest import PHONE
from tests.browser.pages import open_menu

CLUB_TITLE = "《乡土中国》读书分享会"
CHECK_IN_TEXT = "费孝通讲差序格局：以己为中心，像石子投入水中的波纹。"


def _club(home):
    from tests.factories import ClubIndexPageFactory, ClubPageFactory

    index = ClubIndexPageFactory(parent=home, show_in_menus=True, title="思库读书分享会")
    return ClubPageFactory(parent=index, title=CLUB_TITLE, capacity=1)


def _sign_up(page, site, *, name, email, number):
    page.goto(site.url + "/zh-hans/")
    open_menu(page)
    page.locator("header a", has_text="思库读书分享会").first.click()
    page.wait_for_url("**/zh-hans/clubs/")
    page.locator(".club-card a", has_text=CLUB_TITLE).click()
    page.wait_for_selector("#signup form")
    form = page.locator("#signup form")
    # Controls a phone does not zoom into.
    for control in form.locator("input[type=text], input[type=email], textarea").all():
        assert control.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 16
    assert "---------" not in form.inner_text()
    form.locator("input[name=name]").fill(name)
    form.locator("input[name=email]").fill(email)
    form.locator("label", has_text="学生").click()
    form.locator("input[name=member_number]").fill(number)
    form.locator("input[name=school]").fill("社会学院")
    form.locator("label", has_text="仅显示姓名首字母").click()
    form.locator("button[type=submit]").click()
    page.wait_for_selector(".signup-receipt")
    return page.locator(".signup-receipt").inner_text()


def _private_link(site, address):
    bodies = [m.body for m in mail.outbox if m.to == [address]]
    match = re.search(r"https?://[^/\s]+(/zh-hans/clubs/my/\S+?/)", bodies[-1])
    return site.url + match.group(1)


def test_a_student_joins_a_club_checks_in_and_cancels(phone, site, home, browser):
    from reading.models import CheckIn, ClubSignup

    _club(home)
    page = phone

    receipt = _sign_up(
        page, site, name="陈晨", email="chenchen@mail.example.edu", number="12210077"
    )
    assert "报名成功" in receipt
    assert "c***@mail.example.edu" in receipt
    assert not page.locator("#signup form").count()  # the state, not the form again
    page.reload()
    assert "报名成功" in page.locator(".signup-receipt").inner_text()
    signup = ClubSignup.objects.get(email="chenchen@mail.example.edu")
    assert signup.name_display == "initials"

    # The private link arrives by email: the one address a reader opens without clicking.
    page.goto(_private_link(site, "chenchen@mail.example.edu"))
    assert "/zh-hans/clubs/my/" in page.url
    day = page.locator("input[name=day]")
    # The browser keeps only an ISO value: "2026/12/02" would leave the field empty.
    assert day.input_value() == timezone.localdate().isoformat()
    page.fill("input[name=progress]", "第一至三章")
    page.fill("textarea[name=text]", CHECK_IN_TEXT)
    page.locator("form.checkin-form button[type=submit]").click()
    page.wait_for_selector(".message--success")
    assert CheckIn.objects.filter(signup=signup).count() == 1
    stream = page.locator(".club-checkins")
    assert CHECK_IN_TEXT in stream.inner_text()
    assert stream.locator(".checkin-name").first.inner_text() == "C. C."
    assert "陈晨" not in stream.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    # A second reader finds the club full: the waitlist, and no one's check-ins.
    context = browser.new_context(locale="zh-CN", **PHONE)
    try:
        other = context.new_page()
        receipt = _sign_up(
            other, site, name="王芳", email="wangfang@mail.example.edu", number="12210078"
        )
        assert "候补名单中的第 1 位" in receipt
        other.goto(_private_link(site, "wangfang@mail.example.edu"))
        html = other.content()
        assert CHECK_IN_TEXT not in html and "C. C." not in html and "陈晨" not in html
        assert not other.locator(".club-checkins").count()
    finally:
        context.close()

    # The first reader cancels; the club page offers the form again.
    page.locator("a.button", has_text="取消报名").click()
    page.locator("button[type=submit]", has_text="确定取消报名").click()
    page.wait_for_selector(".message--success")
    assert page.locator("#signup form").count() == 1
    signup.refresh_from_db()
    assert signup.status == ClubSignup.Status.CANCELLED
    assert ClubSignup.objects.get(email="wangfang@mail.example.edu").status == "confirmed"
    assert not page.watcher.server_errors
    assert not page.watcher.csp_violations, page.watcher.csp_violations
