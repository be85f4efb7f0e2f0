"""The 400 and expired-form (CSRF) pages speak the reader's language in the site's layout and
say what to do; the 503 page says what is true about a form that was being sent."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from django.conf import settings as django_settings
from django.test import Client

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def strict_client():
    return Client(enforce_csrf_checks=True)


def test_an_expired_form_gets_the_sites_page_in_chinese(home, strict_client):
    response = strict_client.post("/i18n/setlang/", {"language": "en"}, HTTP_REFERER="/zh-hans/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "表单已过期" in html
    assert "site-header" in html
    assert "DEBUG" not in html
    assert "CSRF" not in html


def test_an_expired_form_in_english(home, strict_client):
    response = strict_client.post(
        "/i18n/setlang/", {"language": "zh-hans"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 403
    assert "This form has expired" in response.content.decode()
    assert "your text is usually still in the form" in response.content.decode()


def test_a_request_the_site_cannot_read_gets_a_400_page(home, client):
    fields = {f"field{i}": "x" for i in range(django_settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 5)}
    response = client.post("/i18n/setlang/", fields)
    assert response.status_code == 400
    html = response.content.decode()
    assert "could not read" in html
    assert "site-header" in html


def test_a_forged_host_gets_a_plain_bilingual_400(home, client, settings):
    settings.ALLOWED_HOSTS = ["reading.example.edu"]
    response = client.get("/zh-hans/", HTTP_HOST="attacker.invalid")
    assert response.status_code == 400
    assert "无法处理的请求" in response.content.decode()


def test_when_the_layout_cannot_be_drawn_a_plain_bilingual_page_answers(
    home, client, settings, monkeypatch
):
    from website.core import views

    def broken(*args, **kwargs):
        raise RuntimeError("the layout needs something this request cannot give")

    monkeypatch.setattr(views, "render", broken)
    settings.ALLOWED_HOSTS = ["reading.example.edu"]
    response = client.get("/zh-hans/", HTTP_HOST="attacker.invalid")
    assert response.status_code == 400
    html = response.content.decode()
    assert "无法处理的请求" in html
    assert "Bad request" in html


def test_the_503_page_does_not_promise_a_form_was_kept():
    from django.template.loader import render_to_string

    html = render_to_string("503.html")
    assert "not been lost" not in html
    assert "not saved" in html


def test_the_language_cookie_stays_on_this_site(home, client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/en/"})
    cookie = response.cookies[django_settings.LANGUAGE_COOKIE_NAME]
    assert cookie["samesite"] == "Lax"
    assert cookie["httponly"]


def test_production_sends_the_language_cookie_over_https_only():
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment.update(
        DJANGO_SETTINGS_MODULE="website.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="reading.example.edu",
    )
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; "
            "print(settings.LANGUAGE_COOKIE_SECURE, settings.LANGUAGE_COOKIE_SAMESITE)",
        ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["True", "Lax"], result.stderr
