"""Security headers on public pages and the admin, and a clean `check --deploy`."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _csp(response):
    return {
        part.split()[0]: part.split()[1:]
        for part in response["Content-Security-Policy"].split(";")
        if part.strip()
    }


@pytest.mark.django_db
def test_public_page_has_a_strict_policy_and_the_usual_headers(client, home):
    response = client.get("/zh-hans/")
    assert response.status_code == 200
    policy = _csp(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_search_and_errors_keep_the_policy(client, home):
    for url in ["/en/search/?q=book", "/en/no-such-page/"]:
        response = client.get(url)
        assert "script-src 'self'" in response["Content-Security-Policy"], url


@pytest.mark.django_db
def test_admin_gets_the_policy_wagtail_needs_and_still_works(client, home, editor):
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 200
    policy = _csp(response)
    assert "'unsafe-inline'" in policy["script-src"]
    assert "blob:" in policy["img-src"]
    edit = client.get(f"/admin/pages/{home.pk}/edit/")
    assert edit.status_code == 200
    assert "'unsafe-inline'" in _csp(edit)["style-src"]


@pytest.mark.django_db
def test_admin_preview_may_be_framed_by_the_admin(client, home, editor):
    """Wagtail's preview panel frames the page preview: same origin only."""
    client.force_login(editor)
    response = client.get(f"/admin/pages/{home.pk}/edit/preview/?mode=")
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert _csp(response)["frame-ancestors"] == ["'self'"]


def _production_env():
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="website.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="library.example.edu",
        DATABASE_URL="sqlite:///:memory:",
    )
    env.pop("SECURE_SSL_REDIRECT", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests in this process
    env.pop("SECURE_HSTS_SECONDS", None)
    return env


def test_check_deploy_is_clean():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_sends_hsts_and_secure_cookies():
    code = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz', secure=True, HTTP_HOST='library.example.edu');"
        "print(r.status_code, r.get('Strict-Transport-Security'));"
        "from django.conf import settings;"
        "print(settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE)"
    )
    env = _production_env()
    env["DATABASE_URL"] = "sqlite:////tmp/library-deploy-check.sqlite3"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split("\n")
    assert "max-age=31536000; includeSubDomains; preload" in lines[0]
    assert lines[1] == "True True"


def test_production_refuses_a_short_secret_key():
    env = _production_env()
    env["SECRET_KEY"] = "short"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
