"""Review reminders: tell each owner, once, which of their guides are past the review date."""

import logging
from collections import defaultdict
from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def due_guides(today=None):
    """Published guides whose review date has come, with their owners."""
    from guides.models import GuidePage

    today = today or timezone.localdate()
    return (
        GuidePage.objects.live()
        .filter(review_by__isnull=False, review_by__lte=today)
        .prefetch_related("owners")
        .select_related("locale")
        .order_by("review_by", "title")
    )


def edit_url(guide):
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "")
    return urljoin(base, reverse("wagtailadmin_pages:edit", args=[guide.pk]))


def send_review_reminders(today=None):
    """Email every owner the due guides not yet reminded for this review date.

    A reminder is recorded only after its email has gone, so a failed send is retried on the
    next run; a second run with nothing new sends nothing. Returns {owner: [guides]}.
    """
    from guides.models import ReviewReminder

    pending = defaultdict(list)
    for guide in due_guides(today):
        for owner in guide.owners.all():
            pending[owner].append(guide)
    already = set(
        ReviewReminder.objects.filter(
            guide__in={g.pk for guides in pending.values() for g in guides}
        ).values_list("guide_id", "owner_id", "review_by")
    )
    sent = {}
    for owner, guides in pending.items():
        guides = [g for g in guides if (g.pk, owner.pk, g.review_by) not in already]
        if not guides:
            continue
        with translation.override(settings.LANGUAGE_CODE):
            context = {
                "owner": owner,
                "guides": [(guide, edit_url(guide)) for guide in guides],
            }
            subject = _("Guides to review: %(count)d") % {"count": len(guides)}
            body = render_to_string("guides/email/review_reminder.txt", context)
        try:
            with transaction.atomic():
                ReviewReminder.objects.bulk_create(
                    [
                        ReviewReminder(guide=guide, owner=owner, review_by=guide.review_by)
                        for guide in guides
                    ],
                    ignore_conflicts=True,
                )
                send_mail(subject, body, None, [owner.email])
        except OSError:
            # The mail server refused: nothing is recorded, the next run tries again.
            logger.exception("review reminder to owner %s not sent", owner.pk)
            continue
        logger.info("review reminder to owner %s for %d guides", owner.pk, len(guides))
        sent[owner] = guides
    return sent
