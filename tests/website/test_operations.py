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
