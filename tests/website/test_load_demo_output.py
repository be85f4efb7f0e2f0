"""`make run` ends with the demo accounts, not under thousands of lines of task logs."""

import logging
from io import StringIO

import pytest

from django.core.management import call_command


@pytest.mark.django_db
def test_the_load_is_quiet_and_the_accounts_come_last(caplog):
    out = StringIO()
    with caplog.at_level(logging.INFO):
        call_command("load_demo", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert len(lines) < 15, lines
    assert not [r for r in caplog.records if r.levelno < logging.WARNING]
    accounts = lines[-5:]
    for username in ("editor", "outreach.zhang", "subject.chen", "teacher.wang", "teacher.li"):
        assert any(line.split()[0] == username for line in accounts), username
    wang = next(line for line in accounts if line.split()[0] == "teacher.wang")
    assert "共读《给青年的十二封信》" in wang
    assert "reading-2026" in lines[-6]
    assert logging.root.manager.disable == logging.NOTSET  # logging is back on


@pytest.mark.django_db
def test_the_demo_role_accounts_log_in_with_their_role(client):
    from django.contrib.auth import get_user_model

    call_command("load_demo", stdout=StringIO())
    User = get_user_model()
    expected = {
        "outreach.zhang": "Outreach librarians",
        "subject.chen": "Subject librarians",
        "teacher.wang": "Club leaders",
        "teacher.li": "Club leaders",
    }
    for username, group in expected.items():
        user = User.objects.get(username=username)
        assert not user.is_superuser
        assert list(user.groups.values_list("name", flat=True)) == [group]
        assert client.login(username=username, password="reading-2026")
        assert client.get("/admin/").status_code == 200
