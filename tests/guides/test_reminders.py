"""`remind_reviews` emails each owner their due guides once per review date."""

from datetime import timedelta
from io import StringIO

import pytest

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from guides.models import ReviewReminder
from tests.factories import GuidePageFactory, LibrarianProfileFactory

pytestmark = pytest.mark.django_db


def run():
    out = StringIO()
    call_command("remind_reviews", stdout=out)
    return out.getvalue()


@pytest.fixture
def due(guide_index, owner):
    today = timezone.localdate()
    other_owner = LibrarianProfileFactory(email="wang@example.edu")
    return {
        "excel": GuidePageFactory(
            parent=guide_index,
            slug="excel",
            title="Excel 实用技巧",
            review_by=today - timedelta(days=3),
            owners=[owner],
        ),
        "endnote": GuidePageFactory(
            parent=guide_index,
            slug="endnote",
            title="EndNote",
            review_by=today,
            owners=[owner, other_owner],
        ),
        "later": GuidePageFactory(
            parent=guide_index,
            slug="later",
            title="Not yet",
            review_by=today + timedelta(days=10),
            owners=[owner],
        ),
        "draft": GuidePageFactory(
            parent=guide_index,
            slug="draft",
            title="Draft",
            review_by=today - timedelta(days=10),
            owners=[owner],
            live=False,
        ),
        "other_owner": other_owner,
    }


def test_each_owner_gets_one_email_listing_their_due_guides(due, owner):
    output = run()
    assert "sent 2 reminders" in output
    assert len(mail.outbox) == 2
    by_recipient = {message.to[0]: message for message in mail.outbox}
    body = by_recipient[owner.email].body
    assert "Excel 实用技巧" in body and "EndNote" in body
    assert "Not yet" not in body and "Draft" not in body
    assert f"/admin/pages/{due['excel'].pk}/edit/" in body
    assert "Excel" not in by_recipient["wang@example.edu"].body


def test_a_second_run_sends_nothing(due):
    run()
    mail.outbox.clear()
    assert "sent 0 reminders" in run()
    assert mail.outbox == []
    assert ReviewReminder.objects.count() == 3


def test_a_new_review_date_brings_a_new_reminder(due, owner):
    run()
    mail.outbox.clear()
    guide = due["excel"]
    guide.review_by = timezone.localdate() - timedelta(days=1)
    guide.save_revision().publish()
    run()
    assert len(mail.outbox) == 1
    assert "Excel" in mail.outbox[0].body and "EndNote" not in mail.outbox[0].body


def test_a_failed_send_is_retried_next_time(due, monkeypatch):
    import guides.reviews

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(guides.reviews, "send_mail", refuse)
    run()
    assert ReviewReminder.objects.count() == 0
    monkeypatch.undo()
    run()
    assert len(mail.outbox) == 2


def test_the_report_lists_guides_past_their_review_date(due, editor, client):
    client.force_login(editor)
    response = client.get("/admin/guides/reports/review-due/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Excel 实用技巧" in html
    assert "Not yet" not in html
    assert "Draft" not in html
    csv = client.get("/admin/guides/reports/review-due/", {"export": "csv"})
    assert "Excel 实用技巧" in b"".join(csv.streaming_content).decode()


def test_the_reports_are_for_librarians_only(client, due):
    response = client.get("/admin/guides/reports/review-due/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
