"""Mail that cannot stall the site or be lost (issue 16): an email the server refuses is kept
whole and tried again after growing pauses, then shown to librarians with a button to send it
again; delivered once, whatever tries the queue and the sweep make."""

import smtplib
from datetime import timedelta
from email import message_from_bytes
from email.header import decode_header, make_header

import pytest

from django.contrib.auth.models import Group
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from website.core import mail as held_mail
from website.core.models import HeldEmail

pytestmark = pytest.mark.django_db

REFUSING = "tests.website.test_held_emails.RefusingBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture
def server_down(settings):
    settings.EMAIL_BACKEND = "website.core.mail.RetryingEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = REFUSING
    settings.EMAIL_RETRY_DELAYS = (60, 300)
    return settings


def reminder():
    message = EmailMultiAlternatives(
        "明天的读书分享会 / Tomorrow's reading club",
        "明天 19:00，图书馆一楼思库。",
        to=["reader@mail.example.edu"],
    )
    message.attach_alternative("<p>明天 <b>19:00</b>，图书馆一楼思库。</p>", "text/html")
    message.attach("club.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    return message


def test_a_refused_email_is_kept_whole_and_the_sender_is_not_failed(server_down):
    assert reminder().send() == 1  # accepted: it will be delivered from the held list
    held = HeldEmail.objects.get()
    assert held.status == HeldEmail.Status.WAITING
    assert held.recipients == "reader@mail.example.edu"
    assert "SMTPServerDisconnected" in held.error
    assert timedelta(seconds=55) < held.next_try_at - timezone.now() <= timedelta(seconds=60)


def test_the_next_try_delivers_it_exactly_once_with_its_html_and_attachment(server_down):
    reminder().send()
    held = HeldEmail.objects.get()
    server_down.EMAIL_DELIVERY_BACKEND = LOCMEM
    assert held_mail.send_due() == (0, 0)  # not due yet
    HeldEmail.objects.update(next_try_at=timezone.now())
    assert held_mail.send_due() == (1, 1)
    assert not HeldEmail.objects.exists()  # deleted once delivered: it holds addresses
    [sent] = mail.outbox
    assert sent.recipients() == ["reader@mail.example.edu"]
    parsed = message_from_bytes(sent.message().as_bytes())
    types = [part.get_content_type() for part in parsed.walk()]
    assert "text/html" in types and "text/calendar" in types
    assert str(make_header(decode_header(parsed["Subject"]))) == reminder().subject
    assert held_mail.send_due() == (0, 0)
    assert held_mail.try_again(held.pk) == "gone"
    assert len(mail.outbox) == 1


def test_pauses_grow_and_after_the_last_try_it_waits_for_a_librarian(server_down):
    reminder().send()
    held = HeldEmail.objects.get()
    assert held_mail.try_again(held.pk) == HeldEmail.Status.WAITING
    held.refresh_from_db()
    assert held.attempts == 2
    assert timedelta(seconds=295) < held.next_try_at - timezone.now() <= timedelta(seconds=300)
    assert held_mail.try_again(held.pk) == HeldEmail.Status.FAILED
    held.refresh_from_db()
    assert (held.attempts, held.next_try_at) == (3, None)
    assert held_mail.send_due() == (0, 0)  # the sweep leaves it to a person


def test_the_sweep_command_says_what_it_delivered(server_down, capsys):
    reminder().send()
    HeldEmail.objects.update(next_try_at=timezone.now())
    server_down.EMAIL_DELIVERY_BACKEND = LOCMEM
    call_command("send_held_emails")
    assert "1 of 1 held emails delivered." in capsys.readouterr().out


def test_with_a_queue_that_can_wait_the_next_try_is_queued_for_its_time(
    server_down, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    server_down.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]}
    }
    with django_capture_on_commit_callbacks(execute=True):
        reminder().send()
    held = HeldEmail.objects.get()
    queued = DBTaskResult.objects.get(task_path="website.core.mail.retry_held_email")
    assert queued.args_kwargs["args"] == [held.pk]
    assert queued.queue_name == "mail"  # never behind OCR on the default queue
    assert abs(queued.run_after - held.next_try_at) < timedelta(seconds=1)


@pytest.fixture
def librarian(home):
    call_command("setup_roles", verbosity=0)
    user = UserFactory(username="outreach", is_staff=True)
    user.groups.add(Group.objects.get(name="Outreach librarians"))
    return user


def test_librarians_see_why_and_send_it_again(
    server_down, client, librarian, django_capture_on_commit_callbacks
):
    reminder().send()
    held_mail.try_again(HeldEmail.objects.get().pk)
    held_mail.try_again(HeldEmail.objects.get().pk)  # now failed for good
    client.force_login(librarian)
    dashboard = client.get(reverse("wagtailadmin_home")).text
    assert 'id="undelivered-emails' in dashboard and "not delivered after every try" in dashboard
    listing = client.get(reverse("held_emails:index")).text
    assert "reader@mail.example.edu" in listing and "SMTPServerDisconnected" in listing
    held = HeldEmail.objects.get()
    send_again = reverse("held_emails:send_again", args=[held.pk])
    assert f'action="{send_again}"' in listing  # the button, in the row

    server_down.EMAIL_DELIVERY_BACKEND = LOCMEM
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(send_again, follow=True)
    assert "will be sent again" in response.text
    assert len(mail.outbox) == 1 and not HeldEmail.objects.exists()
    assert 'id="undelivered-emails' not in client.get(reverse("wagtailadmin_home")).text


def test_sending_again_is_refused_to_staff_without_the_right_and_to_a_get(
    server_down, client, librarian
):
    reminder().send()
    held = HeldEmail.objects.get()
    url = reverse("held_emails:send_again", args=[held.pk])
    client.force_login(librarian)
    assert client.get(url).status_code == 405
    client.force_login(UserFactory(username="guide.editor", is_staff=True))
    assert client.post(url).status_code in (302, 403)
    assert client.get(reverse("held_emails:index")).status_code in (302, 403)
    held.refresh_from_db()
    assert held.attempts == 1


def test_sending_again_an_email_delivered_meanwhile_says_so(server_down, client, librarian):
    reminder().send()
    held = HeldEmail.objects.get()
    HeldEmail.objects.all().delete()  # the queue delivered it while the librarian looked
    assert held_mail.send_again(held) is False


def test_a_message_that_cannot_even_be_kept_reaches_the_sender(server_down, monkeypatch):
    def database_down(message, exc):
        raise RuntimeError("database is down")

    monkeypatch.setattr(held_mail, "hold", database_down)
    with pytest.raises(smtplib.SMTPServerDisconnected):
        reminder().send()
    assert reminder().send(fail_silently=True) == 0
