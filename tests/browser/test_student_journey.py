"""A student on a phone: browses a campaign in Chinese, switches to English on the same page,
recommends a book with a photo of the handwritten note, signs up for a reading club and posts a
reading check-in."""

import io
import re

from PIL import Image, ImageDraw

from django.core import mail


def _note_photo():
    image = Image.new("RGB", (900, 1200), "#fdfbf3")
    draw = ImageDraw.Draw(image)
    for y in range(150, 1100, 60):
        draw.line([(60, y), (840, y)], fill="#c8c2b0", width=2)
    draw.text((80, 200), "The Three-Body Problem - read it!", fill="#1a1a1a")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def choose(scope, name, value):
    """Pick `value` for field `name`, whether the form shows it as a select or radio buttons."""
    select = scope.locator(f"select[name={name}]")
    if select.count():
        select.select_option(value)
    else:
        scope.locator(f"input[name={name}][value={value}]").check()


def _campaign_and_club(home):
    from tests.factories import (
        ClubIndexPageFactory,
        ClubPageFactory,
        RecommendationPageFactory,
        translate_page,
    )
    from tests.factories.campaigns import campaign_in_both_languages

    campaign, campaign_en = campaign_in_both_languages(home)
    recommendation = RecommendationPageFactory(parent=campaign)
    translate_page(recommendation, "en", title=recommendation.book.title)
    clubs = ClubIndexPageFactory(parent=home)
    translate_page(clubs, "en", title="SiKu Reading Clubs")
    club = ClubPageFactory(parent=clubs, title="《乡土中国》读书分享会")
    club_en = translate_page(club, "en", title="Reading club: From the Soil")
    return campaign, campaign_en, club, club_en


def test_student_on_a_phone(phone, site, home):
    from reading.models import CheckIn, ClubSignup, Submission

    campaign, campaign_en, club, club_en = _campaign_and_club(home)
    page = phone

    # Browse the campaign in Chinese.
    page.goto(site.url + campaign.url)
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert page.locator("h1").first.inner_text().strip() == "影响我最深的一本书"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), (
        "the page scrolls sideways on a phone"
    )

    # Switch to English on the same page.
    page.locator(".language-switcher a[lang='en']").click()
    page.wait_for_url(f"**{campaign_en.url}")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "The one book that influenced me most" in page.locator("h1").first.inner_text()

    # Recommend a book, with a photo of the handwritten note.
    page.locator("a.button", has_text="Recommend").first.click()
    page.wait_for_selector("form.recommend-form")
    page.fill("input[name=name]", "Li Hua")
    choose(page, "role", "student")
    page.fill("input[name=school]", "College of Engineering")
    page.fill("input[name=email]", "lihua@mail.example.edu")
    choose(page, "name_display", "full")
    page.fill("input[name=title]", "The Three-Body Problem")
    page.fill("input[name=author]", "Liu Cixin")
    page.fill("textarea[name=text]", "It made me see how fragile and precious science is.")
    page.set_input_files(
        "input[name=note_file]",
        files=[{"name": "note.jpg", "mimeType": "image/jpeg", "buffer": _note_photo()}],
    )
    page.check("input[name=consent_text]")
    page.check("input[name=consent_note]")
    page.locator("form.recommend-form button[type=submit]").last.click()
    page.wait_for_url("**/campaigns/submissions/**")
    submission = Submission.objects.get()
    assert submission.language == "en" and submission.note_file
    assert "It made me see how fragile" in page.content()
    assert "lihua@mail.example.edu" not in page.content()

    # Sign up for the reading club (in English, the page the student is reading).
    page.goto(site.url + club_en.url)
    form = page.locator("#signup form")
    form.locator("input[name=name]").fill("Li Hua")
    form.locator("input[name=email]").fill("lihua@mail.example.edu")
    choose(form, "role", "student")
    form.locator("input[name=member_number]").fill("12210001")
    form.locator("input[name=school]").fill("College of Engineering")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    signup = ClubSignup.objects.get(email="lihua@mail.example.edu")
    assert signup.status == ClubSignup.Status.CONFIRMED
    assert page.locator(".signup-receipt").count() == 1  # their place, not the form again

    # The confirmation email carries the private link; post a check-in there.
    links = [re.search(r"https?://\S+/clubs/my/\S+?/", m.body) for m in mail.outbox]
    link = next(match.group(0) for match in links if match)
    path = link.split("/", 3)[3]
    answer = page.goto(f"{site.url}/{path}")
    assert answer.ok
    assert answer.headers.get("referrer-policy") == "same-origin"
    page.fill("[name=progress]", "Chapters 1-3")
    page.fill("textarea[name=text]", "Fei Xiaotong's idea of the differential mode of association.")
    page.locator("form.checkin-form button[type=submit]").click()
    page.wait_for_load_state()
    check_in = CheckIn.objects.get(signup=signup)
    assert check_in.progress == "Chapters 1-3"
    assert "differential mode of association" in page.content()
    assert not page.watcher.server_errors
    assert not page.watcher.csp_violations, page.watcher.csp_violations
