"""A reader recommends a book on a phone, as people do: from the home page to the campaign and
its form, with a photo of the handwritten note; the form comes back once with an error and the
photo is still there as a thumbnail; the confirmation shows the note. A librarian accepts and
publishes it; the reader's emails (in Chinese) lead, through the private status page, to the
published recommendation."""

import io
import re
from urllib.parse import urlsplit

import pytest
from PIL import Image, ImageDraw

from django.core import mail
from django.utils import translation
from django.utils.translation import gettext

from tests.browser.pages import open_menu

NO_SIDEWAYS = "document.documentElement.scrollWidth <= window.innerWidth + 1"
IMAGE_LOADED = "img => img.complete && img.naturalWidth > 0"


@pytest.fixture(autouse=True)
def _only_the_readers_mail(settings):
    """The reader's emails are what this journey counts; the librarians' notice of a new
    submission has its own tests (tests/reading/test_submission_notice.py)."""
    settings.SUBMISSION_NOTIFY_LIBRARIANS = False


def note_photo():
    """A small JPEG of a handwritten note on the library's ruled letter paper."""
    image = Image.new("RGB", (600, 800), "#fdfbf3")
    draw = ImageDraw.Draw(image)
    for y in range(120, 760, 48):
        draw.line([(40, y), (560, y)], fill="#c8c2b0", width=2)
    for n, y in enumerate(range(150, 500, 48)):
        draw.line([(60, y), (520 - 30 * n, y - 6)], fill="#1f2a44", width=4)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def on_site(site, url):
    """A link from an email, opened on the test server (the email names the site's address)."""
    parts = urlsplit(url)
    return site.url + parts.path + (f"?{parts.query}" if parts.query else "")


def link_in(body, fragment):
    return next(u for u in re.findall(r"https?://\S+", body) if fragment in u)


def fill_about_me(page, name, school):
    page.fill("input[name=name]", name)
    page.locator("input[name=role][value=student]").check()
    page.fill("input[name=school]", school)
    page.fill("input[name=email]", "lihua@mail.example.edu")


def attach(page, photo, name):
    page.set_input_files(
        "input[name=note_file]", files=[{"name": name, "mimeType": "image/jpeg", "buffer": photo}]
    )


def submit(page):
    page.locator("form.recommend-form button[type=submit]").last.click()
    page.wait_for_load_state()


def test_recommend_a_book_on_a_phone_in_chinese(phone, demo_site):
    from django.contrib.auth import get_user_model

    from reading import moderation
    from reading.models import Book, CampaignPage, Submission

    site, page = demo_site, phone
    campaign = CampaignPage.objects.live().filter(locale__language_code="zh-hans").first()
    book = Book.objects.get(isbn13="9787536692930")  # 三体, already in the catalogue
    photo = note_photo()
    with translation.override("zh-hans"):
        recommend = gettext("Recommend a book")

    # From the home page to the campaign and its form.
    page.goto(site.url + "/zh-hans/")
    page.get_by_role("link", name=campaign.title).first.click()
    page.wait_for_url(f"**{campaign.url}")
    page.locator("a.button", has_text=recommend).first.click()
    page.wait_for_selector("form.recommend-form")
    assert page.evaluate(NO_SIDEWAYS), "the form scrolls sideways on a phone"

    # The book: the catalogue record that is the same book is offered, already chosen.
    page.fill("input[name=title]", book.title)
    page.fill("input[name=author]", "刘慈欣")
    same = page.locator(f"input[name=book][value='{book.pk}']")
    same.wait_for()
    assert same.is_checked()
    assert not page.locator("input[name=book][value=another]").is_checked()

    # Everything but the recommendation itself, with the photo of the note: refused once.
    fill_about_me(page, "李华", "工学院")
    attach(page, photo, "我的推荐语.jpg")
    page.check("input[name=consent_text]")
    page.check("input[name=consent_note]")
    submit(page)
    assert page.locator(".error-summary").is_visible()
    assert page.locator(".field-error textarea[name=text]").count() == 1
    thumbnail = page.locator(".kept-note img")
    thumbnail.scroll_into_view_if_needed()
    assert thumbnail.evaluate(IMAGE_LOADED), "the kept photo's thumbnail does not load"
    assert "我的推荐语.jpg" in page.locator(".kept-note").inner_text()
    assert page.locator("input[name=note_file]").evaluate("input => input.files.length") == 0
    assert page.locator(f"input[name=book][value='{book.pk}']").is_checked()
    assert page.evaluate(NO_SIDEWAYS)

    # Fixed, and sent without choosing the photo again.
    page.fill("textarea[name=text]", "宏大的宇宙观让我第一次意识到文明与科学的脆弱和珍贵。")
    submit(page)
    page.wait_for_url("**/campaigns/submissions/**")
    assert "你的手写推荐语已收到" in page.content()
    assert page.locator(".note-received img").evaluate(IMAGE_LOADED)
    assert page.evaluate(NO_SIDEWAYS)
    submission = Submission.objects.get(email="lihua@mail.example.edu")
    assert submission.book == book and submission.consent_note
    with submission.note_file.open("rb") as handle:
        assert handle.read() == photo
    assert len(mail.outbox) == 1 and "已收到" in mail.outbox[0].subject

    # A librarian accepts it and publishes the draft.
    librarian = get_user_model().objects.get(username="editor")
    recommendation = moderation.accept(submission, librarian)
    recommendation.save_revision(user=librarian).publish()
    recommendation.refresh_from_db()
    accepted, published = mail.outbox[1], mail.outbox[2]
    assert accepted.to == published.to == ["lihua@mail.example.edu"]
    assert "已被采纳" in accepted.subject and "三体" in accepted.subject
    assert "已发布" in published.subject and "感谢你与图书馆的读者分享" in published.body
    assert recommendation.get_full_url() in published.body
    recommendation.save_revision(user=librarian).publish()  # published again: no second email
    assert len(mail.outbox) == 3

    # From the email to the status page, and on to the published recommendation.
    page.goto(on_site(site, link_in(published.body, "/campaigns/submissions/")))
    assert "已发布" in page.locator(".status").inner_text()
    page.locator(".published-link a").click()
    page.wait_for_url(f"**{recommendation.url}")
    assert "宏大的宇宙观" in page.content()
    assert page.evaluate(NO_SIDEWAYS)
    assert not page.watcher.server_errors, page.watcher.server_errors
    assert not page.watcher.csp_violations, page.watcher.csp_violations


def test_recommend_a_book_in_english_keeps_the_photo(phone, site, home):
    from reading.models import Submission
    from tests.factories import translate_page
    from tests.factories.campaigns import campaign_in_both_languages

    translate_page(home, "en", title="SiKu: reading and learning at the library")
    campaign, campaign_en = campaign_in_both_languages(home)
    for index in (campaign.get_parent().specific, campaign_en.get_parent().specific):
        index.show_in_menus = True  # as the demo's section pages are
        index.save_revision().publish()
    page = phone
    photo = note_photo()

    page.goto(site.url + "/en/")
    open_menu(page)
    page.get_by_role("link", name=campaign_en.get_parent().title).first.click()
    page.get_by_role("link", name=campaign_en.title).first.click()
    page.wait_for_url(f"**{campaign_en.url}")
    page.locator("a.button", has_text="Recommend a book").first.click()
    page.wait_for_selector("form.recommend-form")
    page.fill("input[name=title]", "The Selfish Gene")
    page.fill("input[name=author]", "Richard Dawkins")
    fill_about_me(page, "Li Hua", "School of Life Sciences")
    page.fill("textarea[name=text]", "Too short")  # under the ten characters asked
    attach(page, photo, "note.jpg")
    page.check("input[name=consent_text]")
    submit(page)
    assert "Please write at least 10 characters" in page.content()
    assert page.locator(".kept-note img").evaluate(IMAGE_LOADED)
    assert page.evaluate(NO_SIDEWAYS)

    page.fill("textarea[name=text]", "It taught me to see evolution from the gene's point of view.")
    submit(page)
    page.wait_for_url("**/campaigns/submissions/**")
    assert "Your note arrived" in page.content()
    assert page.locator(".note-received img").evaluate(IMAGE_LOADED)
    submission = Submission.objects.get()
    assert submission.language == "en"
    with submission.note_file.open("rb") as handle:
        assert handle.read() == photo
    assert not page.watcher.server_errors, page.watcher.server_errors


def test_the_refused_form_with_its_kept_photo_and_the_confirmation_pass_axe(axe_page, site, home):
    from tests.factories.campaigns import campaign_in_both_languages

    from .test_accessibility import _describe, run_axe

    campaign, _ = campaign_in_both_languages(home)
    page = axe_page
    page.goto(site.url + campaign.submit_url())
    page.fill("input[name=title]", "活着")
    page.fill("input[name=author]", "余华")
    fill_about_me(page, "李华", "工学院")
    attach(page, note_photo(), "note.jpg")
    page.check("input[name=consent_text]")
    submit(page)  # refused: no recommendation text
    page.locator(".kept-note img").wait_for()
    violations = run_axe(page)
    assert not violations, _describe(violations)
    page.fill("textarea[name=text]", "写尽了人生的苦难，也写出了活下去的力量。")
    submit(page)
    page.wait_for_url("**/campaigns/submissions/**")
    violations = run_axe(page)
    assert not violations, _describe(violations)
