"""Abuse over HTTP: each request has a defined answer, and nothing already stored is lost or
wrongly changed (checked by a snapshot of the rows and the media files before and after)."""

import io
import re
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _png(size=(80, 60)):
    out = io.BytesIO()
    Image.new("RGB", size, "white").save(out, "PNG")
    return out.getvalue()


def _bomb_png(width=60_000, height=60_000):
    """A few hundred bytes that claim 3.6 billion pixels (a decompression bomb)."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * (width + 1) * 8)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


def _media_files():
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


class Snapshot:
    """What is stored: row counts of the models a public request may touch, the media files,
    and the full field values of the rows that existed before."""

    def __init__(self, *existing):
        from wagtail.images import get_image_model
        from wagtail.models import Page

        from reading.models import ArchiveItem, CheckIn, ClubSignup, Submission

        self.models = [Submission, ArchiveItem, CheckIn, ClubSignup, Page, get_image_model()]
        self.existing = existing
        self.before = self._take()

    def _take(self):
        from django.forms.models import model_to_dict

        counts = {model.__name__: model.objects.count() for model in self.models}
        rows = [model_to_dict(type(obj).objects.get(pk=obj.pk)) for obj in self.existing]
        return counts, rows, _media_files()

    def assert_unchanged(self):
        assert self._take() == self.before


@pytest.fixture
def campaign(home):
    from tests.factories.campaigns import campaign_in_both_languages

    return campaign_in_both_languages(home)[0]


@pytest.fixture
def earlier_submission(campaign):
    from tests.factories import SubmissionFactory

    return SubmissionFactory(campaign=campaign)


def submit_url(campaign, language="zh-hans"):
    return f"/{language}/campaigns/{campaign.pk}/recommend/"


def form(**overrides):
    values = {
        "name": "李华",
        "role": "student",
        "school": "工学院",
        "email": "lihua@mail.example.edu",
        "name_display": "full",
        "isbn": "",
        "title": "三体",
        "author": "刘慈欣",
        "text": "宏大的宇宙观让我第一次意识到文明与科学的脆弱和珍贵。",
        "consent_text": "on",
        "website": "",
    }
    values.update(overrides)
    return values


# --- a form flooded from one address ------------------------------------------------------


@pytest.mark.django_db
@override_settings(RECOMMENDATION_MIN_SECONDS_BETWEEN=0, RECOMMENDATION_MAX_PER_WINDOW=5)
def test_a_flood_from_one_address_is_slowed_and_others_still_get_through(client, campaign):
    from reading.models import Submission

    answers = [
        client.post(
            submit_url(campaign),
            form(text=f"第{n}次推荐：这本书值得每个人读一读。"),
            REMOTE_ADDR="203.0.113.9",
        ).status_code
        for n in range(30)
    ]
    accepted = answers.count(302)
    assert accepted == 5
    assert set(answers[accepted:]) == {429}
    assert Submission.objects.count() == accepted
    refused = client.post(submit_url(campaign, "en"), form(), REMOTE_ADDR="203.0.113.9")
    assert refused.status_code == 429 and "wait" in refused.text
    other = client.post(submit_url(campaign), form(), REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 302
    assert Submission.objects.count() == accepted + 1


@pytest.mark.django_db
def test_a_double_click_stores_one_submission(client, campaign):
    from reading.models import Submission

    first = client.post(submit_url(campaign), form(), REMOTE_ADDR="203.0.113.10")
    second = client.post(submit_url(campaign), form(), REMOTE_ADDR="203.0.113.10")
    assert (first.status_code, second.status_code) == (302, 429)
    assert Submission.objects.count() == 1


def club_signup(client, club, n, address, language="zh-hans", started=None):
    return client.post(
        f"/{language}/clubs/{club.pk}/signup/",
        {
            "name": f"读者{n}",
            "email": f"reader{n}@mail.example.edu",
            "role": "student",
            "member_number": f"1221{n:04d}",
            "school": "理学院",
            "note": "",
            **({"started": started} if started is not None else {}),
        },
        REMOTE_ADDR=address,
    )


def served_seconds_ago(seconds):
    """The hidden stamp of a sign-up form served `seconds` ago."""
    import time

    from django.core import signing

    from website.core.ratelimit import FILL_STAMP_SALT

    return signing.dumps(time.time() - seconds, salt=FILL_STAMP_SALT)


@pytest.mark.django_db
@override_settings(CLUB_SIGNUP_MIN_SECONDS_BETWEEN=0, CLUB_SIGNUP_MAX_PER_WINDOW=20)
def test_a_flood_of_sign_ups_cannot_take_a_clubs_seats(client, home):
    """A script inventing addresses fills no more than the window allows; the seats it could
    not take are still there for readers on other addresses."""
    from reading.models import ClubSignup
    from tests.factories import ClubIndexPageFactory, ClubPageFactory

    club = ClubPageFactory(parent=ClubIndexPageFactory(parent=home), capacity=30)
    responses = [club_signup(client, club, n, "203.0.113.20") for n in range(40)]
    answers = [response.status_code for response in responses]
    assert answers[:20] == [302] * 20
    assert set(answers[20:]) == {429}
    assert "请过几分钟再试" in responses[-1].text
    assert ClubSignup.objects.count() == 20
    refused = club_signup(client, club, 99, "203.0.113.20", language="en")
    assert refused.status_code == 429
    assert "Please wait a few minutes" in refused.text
    assert "reader99@mail.example.edu" in refused.text  # what was typed is kept
    other = club_signup(client, club, 100, "198.51.100.30")
    assert other.status_code == 302
    assert ClubSignup.objects.filter(status=ClubSignup.Status.CONFIRMED).count() == 21


@pytest.mark.django_db
@override_settings(CLUB_SIGNUP_MIN_SECONDS_BETWEEN=1)
def test_a_double_clicked_sign_up_is_answered_once(client, home):
    from reading.models import ClubSignup
    from tests.factories import ClubIndexPageFactory, ClubPageFactory

    club = ClubPageFactory(parent=ClubIndexPageFactory(parent=home))
    first = club_signup(client, club, 1, "203.0.113.21")
    second = club_signup(client, club, 1, "203.0.113.21", language="en")
    assert (first.status_code, second.status_code) == (302, 429)
    assert "a moment ago" in second.text
    assert ClubSignup.objects.count() == 1


@pytest.mark.django_db
@override_settings(CLUB_SIGNUP_MIN_SECONDS_BETWEEN=1, CLUB_SIGNUP_MIN_FILL_SECONDS=3)
def test_a_class_behind_one_address_all_get_their_places(client, home):
    """Forty readers of one lecture hall, one campus (NAT) address, in the same seconds, with
    the site's default limits (the double-click pause and the fill time on)."""
    from reading.models import ClubSignup
    from tests.factories import ClubIndexPageFactory, ClubPageFactory

    club = ClubPageFactory(parent=ClubIndexPageFactory(parent=home), capacity=40)
    stamp = served_seconds_ago(60)  # each opened the page a minute ago
    answers = [
        club_signup(client, club, n, "203.0.113.40", started=stamp).status_code for n in range(40)
    ]
    assert answers == [302] * 40
    assert ClubSignup.objects.filter(status=ClubSignup.Status.CONFIRMED).count() == 40


@pytest.mark.django_db
@override_settings(CLUB_SIGNUP_MIN_SECONDS_BETWEEN=0, CLUB_SIGNUP_SAME_FORM_MAX_PER_WINDOW=3)
def test_one_form_posted_again_and_again_is_stopped(client, home):
    from tests.factories import ClubIndexPageFactory, ClubPageFactory

    club = ClubPageFactory(parent=ClubIndexPageFactory(parent=home))
    answers = [club_signup(client, club, 7, "203.0.113.41") for _ in range(6)]
    assert [answer.status_code for answer in answers[:3]] == [302] * 3
    assert {answer.status_code for answer in answers[3:]} == {429}
    assert "发送了多次" in answers[-1].text
    assert answers[-1]["Retry-After"]
    # the other readers of the same network are not held up by it
    assert club_signup(client, club, 8, "203.0.113.41").status_code == 302


# --- bodies that are too big or broken ----------------------------------------------------


@pytest.mark.django_db
def test_a_50_mb_body_is_refused_before_it_is_read(client, campaign, earlier_submission):
    snapshot = Snapshot(earlier_submission)
    body = b"a=" + b"x" * (50 * 1024 * 1024)
    response = client.generic(
        "POST", submit_url(campaign, "en"), body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413
    assert "too large" in response.text
    snapshot.assert_unchanged()


@pytest.mark.django_db
def test_a_50_mb_file_in_a_multipart_form_is_refused(client, campaign, earlier_submission):
    snapshot = Snapshot(earlier_submission)
    upload = SimpleUploadedFile("note.jpg", b"\xff\xd8\xff" + b"\0" * (50 * 1024 * 1024))
    response = client.post(submit_url(campaign), form(note_file=upload))
    assert response.status_code == 413
    snapshot.assert_unchanged()


@pytest.mark.django_db
def test_too_much_form_text_under_the_body_limit_is_a_clean_400(
    client, campaign, earlier_submission
):
    snapshot = Snapshot(earlier_submission)
    response = client.post(submit_url(campaign), form(text="长" * (6 * 1024 * 1024)))
    assert response.status_code == 400
    snapshot.assert_unchanged()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content_type, body",
    [
        ("multipart/form-data; boundary=xyz", b"--xyz\r\nContent-Disposition: form-data\r\n\r\n"),
        ("multipart/form-data", b"--\r\n\r\n"),
        ("multipart/form-data; boundary=a", b'--a\r\nContent-Disposition: form-data; name="name"'),
        ("multipart/form-data; boundary=\x00\x01", b"\x00" * 64),
    ],
    ids=["truncated-part", "no-boundary", "no-body-end", "binary-boundary"],
)
def test_malformed_multipart_is_a_clean_400(
    client, campaign, earlier_submission, content_type, body
):
    snapshot = Snapshot(earlier_submission)
    response = client.generic("POST", submit_url(campaign), body, content_type=content_type)
    assert response.status_code == 400
    snapshot.assert_unchanged()


# --- files that are not what they claim ---------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("note.png", _bomb_png(), "pixels"),
        (
            "note.jpg",
            b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">'
            b"<script>alert(1)</script></svg>",
            "SVG",
        ),
        ("note.jpg", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "HTML"),
        ("note.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 100, "damaged"),
    ],
    ids=["decompression-bomb", "svg-named-jpg", "html-named-jpg", "truncated-jpeg"],
)
def test_a_note_that_is_not_a_photo_is_refused_with_the_reason(
    client, campaign, earlier_submission, name, content, expected
):
    snapshot = Snapshot(earlier_submission)
    upload = SimpleUploadedFile(name, content, content_type="image/jpeg")
    response = client.post(submit_url(campaign, "en"), form(note_file=upload))
    assert response.status_code == 400
    assert expected in response.text
    assert "<script>alert(1)</script>" not in response.text
    snapshot.assert_unchanged()


@pytest.mark.django_db
def test_a_real_photo_of_a_note_is_accepted(client, campaign):
    from reading.models import Submission

    upload = SimpleUploadedFile("note.png", _png(), content_type="image/png")
    response = client.post(submit_url(campaign), form(note_file=upload, consent_note="on"))
    assert response.status_code == 302
    assert Submission.objects.get().note_file


# --- script in every text field -----------------------------------------------------------


def _assert_escaped(html):
    """The typed script is shown as text: no script element runs it and no element carries
    the typed event handler (JSON-LD data blocks, which browsers do not run, may quote it)."""
    import lxml.html

    tree = lxml.html.fromstring(html)
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json":
            assert 'alert("x")' not in (script.text or "")
        else:
            assert "</script" not in (script.text or "").lower()
    assert not tree.xpath("//*[@onerror]")
    assert "&lt;script&gt;" in html


@pytest.mark.django_db
def test_script_in_every_field_is_stored_as_typed_and_shown_escaped(client, campaign, editor):
    from reading import moderation
    from reading.models import Submission

    fields = form(
        name=SCRIPT,
        school=SCRIPT,
        title="三体" + SCRIPT,
        author=SCRIPT,
        text="这本书值得一读。" + SCRIPT,
    )
    response = client.post(submit_url(campaign), fields)
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.text.endswith(SCRIPT) and submission.name == SCRIPT
    _assert_escaped(client.get(response["Location"]).text)

    page = moderation.accept(submission, editor)
    page.save_revision().publish()
    page.refresh_from_db()
    _assert_escaped(client.get(page.url).text)
    _assert_escaped(client.get("/zh-hans/search/", {"q": "三体" + SCRIPT}).text)

    client.force_login(editor)
    admin = client.get(f"/admin/pages/{page.pk}/edit/")
    assert admin.status_code == 200
    assert '<script>alert("x")</script>' not in admin.text


@pytest.mark.django_db
def test_script_in_a_check_in_is_shown_escaped(client, home):
    from reading.models import CheckIn
    from tests.factories import ClubIndexPageFactory, ClubPageFactory, ClubSignupFactory

    club = ClubPageFactory(parent=ClubIndexPageFactory(parent=home))
    signup = ClubSignupFactory(club=club)
    url = f"/zh-hans/clubs/my/{signup.make_token()}/"
    from django.utils import timezone

    response = client.post(
        url,
        {
            "day": timezone.localdate().isoformat(),
            "progress": SCRIPT,
            "text": "读到第三章。" + SCRIPT,
        },
    )
    assert response.status_code == 302, response.content[:2000]
    assert CheckIn.objects.get().text.endswith(SCRIPT)
    _assert_escaped(client.get(url).text)


# --- signed links altered or replayed ----------------------------------------------------


@pytest.mark.django_db
def test_an_altered_link_is_refused_and_changes_nothing(client, home):
    from reading.models import ClubSignup
    from tests.factories import ClubIndexPageFactory, ClubPageFactory, ClubSignupFactory

    club = ClubPageFactory(parent=ClubIndexPageFactory(parent=home))
    signup = ClubSignupFactory(club=club)
    other = ClubSignupFactory(club=club)
    token = signup.make_token()
    snapshot = Snapshot(signup, other)
    payload, _sep, signature = token.rpartition(":")
    altered = [
        token[:-1] + ("A" if token[-1] != "A" else "B"),  # signature changed
        token[:-8],  # cut short
        other.make_token().split(":")[0] + ":" + token.split(":", 1)[1],  # another's payload
        payload.replace(payload[0], "x" if payload[0] != "x" else "y", 1) + ":" + signature,
        "not-a-token",
    ]
    for bad in altered:
        for path in (f"/en/clubs/my/{bad}/", f"/en/clubs/my/{bad}/cancel/"):
            assert client.get(path).status_code == 404, path
            assert client.post(path, {"day": "2026-01-01", "text": "x"}).status_code == 404
    snapshot.assert_unchanged()
    assert ClubSignup.objects.get(pk=signup.pk).status == ClubSignup.Status.CONFIRMED


@pytest.mark.django_db
def test_a_link_replayed_after_cancellation_is_refused(client, home):
    from django.utils import timezone

    from reading.models import CheckIn, ClubSignup
    from tests.factories import ClubIndexPageFactory, ClubPageFactory, ClubSignupFactory

    club = ClubPageFactory(parent=ClubIndexPageFactory(parent=home), capacity=1)
    signup = ClubSignupFactory(club=club)
    waiting = ClubSignupFactory(club=club, status=ClubSignup.Status.WAITLISTED)
    token = signup.make_token()
    assert client.post(f"/zh-hans/clubs/my/{token}/cancel/").status_code == 302
    signup.refresh_from_db()
    assert signup.status == ClubSignup.Status.CANCELLED
    waiting.refresh_from_db()
    assert waiting.status == ClubSignup.Status.CONFIRMED  # the freed seat went to the next
    snapshot = Snapshot(signup, waiting)

    assert client.post(f"/zh-hans/clubs/my/{token}/cancel/").status_code == 410
    assert client.get(f"/zh-hans/clubs/my/{token}/").status_code == 410
    replay = client.post(
        f"/zh-hans/clubs/my/{token}/",
        {"day": timezone.localdate().isoformat(), "progress": "p. 10", "text": "重放的打卡"},
    )
    assert replay.status_code == 410
    assert not CheckIn.objects.exists()
    snapshot.assert_unchanged()


@pytest.mark.django_db
@override_settings(CLUB_SIGNUP_MIN_FILL_SECONDS=3)
def test_a_form_sent_faster_than_a_person_fills_it_is_refused(client, home):
    from reading.models import ClubSignup
    from tests.factories import ClubIndexPageFactory, ClubPageFactory

    club = ClubPageFactory(parent=ClubIndexPageFactory(parent=home))
    page = client.get(f"/zh-hans/clubs/{club.pk}/signup/").content.decode()
    stamp = re.search(r'name="started" value="([^"]+)"', page).group(1)
    at_once = club_signup(client, club, 1, "203.0.113.42", started=stamp)
    assert at_once.status_code == 400
    assert "请检查" in at_once.text and "reader1@mail.example.edu" in at_once.text
    never_fetched = club_signup(client, club, 2, "203.0.113.42", language="en")
    assert never_fetched.status_code == 400
    assert "a moment after it opened" in never_fetched.text
    forged = club_signup(client, club, 3, "203.0.113.42", started="1700000000.0")
    assert forged.status_code == 400
    assert ClubSignup.objects.count() == 0
    person = club_signup(client, club, 4, "203.0.113.42", started=served_seconds_ago(20))
    assert person.status_code == 302
    assert ClubSignup.objects.count() == 1
