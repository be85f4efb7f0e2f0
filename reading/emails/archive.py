"""The email the archive staff receive when a fixity check finds an original missing or changed.

Sent to everyone who may change archived notes (and to `ARCHIVE_ALERT_EMAILS`), in each
recipient's admin language, from a task.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from reading.models import FixityEvent
from website.core.mail import mail_task


def archive_staff():
    """(address, language) of each active person who may change archived notes."""
    users = get_user_model().objects.with_perm(
        "reading.change_archiveitem",
        include_superusers=True,
        backend="django.contrib.auth.backends.ModelBackend",
    )
    for user in (
        users.filter(is_active=True).exclude(email="").select_related("wagtail_userprofile")
    ):
        profile = getattr(user, "wagtail_userprofile", None)
        language = (profile and profile.preferred_language) or settings.LANGUAGE_CODE
        yield user.email, language
    for address in getattr(settings, "ARCHIVE_ALERT_EMAILS", []):
        yield address, settings.LANGUAGE_CODE


@mail_task()
def fixity_alert(event_pks):
    events = list(FixityEvent.objects.filter(pk__in=event_pks).order_by("item_number"))
    if not events:
        return 0
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    sent = 0
    for address, language in dict(archive_staff()).items():
        with translation.override(language):
            lines = [
                {
                    "event": event,
                    "url": base + reverse("reading_archive:edit", args=[event.item_number])
                    if event.item_id
                    else "",
                }
                for event in events
            ]
            subject = _("Fixity check: %(count)s archived originals need attention") % {
                "count": len(events)
            }
            body = render_to_string("reading/email/fixity_alert.txt", {"lines": lines})
        EmailMessage(subject, body, to=[address]).send()
        sent += 1
    return sent
