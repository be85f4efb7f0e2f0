"""Checking the archived originals: one check, one append-only event, an alert on failure.

`verify_archive` runs this over the whole archive (nightly, from cron); a librarian's button
may run it for one item. Each check records a `FixityEvent`, updates the item's last status for
listings, and when anything is missing or changed, the archive staff are told by email (sent
from a task, so a slow mail server never holds the check).
"""

import logging

from django.db import transaction
from django.utils import timezone

from reading.models import ArchiveItem, FixityEvent, FixityStatus

logger = logging.getLogger(__name__)


def verify(item, agent):
    """Check one item's original against its checksum; returns the event recorded."""
    try:
        found = item.compute_checksum()
    except OSError:  # FileNotFoundError included: the file is gone or unreadable
        outcome, found = FixityStatus.MISSING, ""
    else:
        outcome = FixityStatus.OK if found == item.sha256 else FixityStatus.CHANGED
    now = timezone.now()
    with transaction.atomic():
        event = FixityEvent.objects.create(
            item=item,
            item_number=item.pk,
            checked_at=now,
            outcome=outcome,
            expected=item.sha256,
            found=found,
            agent=agent[:150],
        )
        ArchiveItem.objects.filter(pk=item.pk).update(fixity_status=outcome, last_verified_at=now)
    if outcome != FixityStatus.OK:
        logger.warning("fixity check failed", extra={"item": item.pk, "outcome": outcome})
    return event


def verify_all(agent, items=None):
    """Check every item (or those given); alert once for all the failures of the run."""
    items = ArchiveItem.objects.order_by("pk") if items is None else items
    events = [verify(item, agent) for item in items.iterator()]
    failures = [event for event in events if event.outcome != FixityStatus.OK]
    if failures:
        from reading.emails.archive import fixity_alert

        pks = [event.pk for event in failures]
        transaction.on_commit(lambda: fixity_alert.enqueue(pks))
    return events
