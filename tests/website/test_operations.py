from io import StringIO
from unittest import mock

import pytest

from django.db import DatabaseError


@pytest.mark.django_db
def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_healthz_reports_a_dead_database(client):
    with mock.patch("website.core.views.connection.cursor", side_effect=DatabaseError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


@pytest.mark.django_db
def test_load_demo_is_idempotent(django_user_model):
    from django.core.management import call_command

    from wagtail.models import Page

    call_command("load_demo", stdout=StringIO())
    pages, users = Page.objects.count(), django_user_model.objects.count()
    call_command("load_demo", stdout=StringIO())
    assert (Page.objects.count(), django_user_model.objects.count()) == (pages, users)


@pytest.mark.django_db
def test_demo_editor_can_log_in(client):
    from django.core.management import call_command

    from website.home import demo

    call_command("load_demo", stdout=StringIO())
    assert client.login(username=demo.DEMO_EDITOR, password=demo.DEMO_EDITOR_PASSWORD)
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_the_demo_site_answers_at_the_quick_start_address(client, settings):
    """Full URLs (sitemap, feeds, OAI-PMH records) point where `make run` serves the site."""
    from wagtail.models import Site

    from website.home import demo

    demo.home_page()  # the site as Wagtail's installer names it: localhost:80
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8123"
    demo.home_page()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8123)
    assert site.root_page.specific.full_url == "http://127.0.0.1:8123/zh-hans/"
    sitemap = client.get("/sitemap.xml", HTTP_HOST="127.0.0.1:8123").content.decode()
    assert "<loc>http://127.0.0.1:8123/zh-hans/</loc>" in sitemap


@pytest.mark.django_db
def test_the_demo_leaves_a_real_site_address_alone(settings):
    from wagtail.models import Site

    from website.home import demo

    demo.home_page()
    Site.objects.filter(is_default_site=True).update(
        hostname="reading.library.example.edu", port=443
    )
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8123"
    demo.home_page()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("reading.library.example.edu", 443)
