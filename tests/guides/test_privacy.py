"""Usage figures hold days and counts, never who read or clicked."""

import pytest

from django.db import connection

from guides.models import ResourceClick
from website.core.models import ViewCount

pytestmark = pytest.mark.django_db

IP = "203.0.113.77"
AGENT = "Mozilla/5.0 (Windows NT 10.0) Firefox/128.0 privacy-test-agent"


def test_no_ip_agent_or_identity_is_stored(guide, cnki, client, editor):
    client.force_login(editor)
    client.get(f"/go/seen/guide/{guide.pk}.gif", HTTP_USER_AGENT=AGENT, REMOTE_ADDR=IP)
    client.get(
        f"/go/database/{cnki.pk}/?g={guide.pk}",
        HTTP_USER_AGENT=AGENT,
        REMOTE_ADDR=IP,
        HTTP_X_FORWARDED_FOR=IP,
    )
    assert ViewCount.objects.get().views == 1
    assert ResourceClick.objects.get().clicks == 1
    for model in (ViewCount, ResourceClick):
        names = {field.name for field in model._meta.get_fields()}
        assert not names & {"ip", "ip_address", "user", "user_agent", "session", "referrer"}
        table = model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608
            rows = cursor.fetchall()
        dump = repr(rows)
        assert IP not in dump
        assert "privacy-test-agent" not in dump
        assert "librarian" not in dump


def test_counting_sets_no_cookie(guide, cnki, client):
    response = client.get(f"/go/seen/guide/{guide.pk}.gif", HTTP_USER_AGENT=AGENT)
    assert not response.cookies
    response = client.get(f"/go/database/{cnki.pk}/", HTTP_USER_AGENT=AGENT)
    assert not response.cookies
