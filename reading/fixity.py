"""Checking the archived originals: one check, one append-only event, an alert on failure.

`verify_archive` runs this over the whole archive (nightly, from cron); a librarian's button
may run it for one item. Each check records a `FixityEvent`, updates the item's last status for
listings, and when anything is missing or changed, the archive staff are told by email (sent
from a task, so a slow mail server never holds the check).
"""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

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


FAILED = (FixityStatus.CHANGED, FixityStatus.MISSING)


def last_check_failed(item):
    """Whether the item's last fixity check found its original changed or missing."""
    return item.fixity_status in FAILED


def failure_warning(item):
    """What a librarian is told before relying on an original whose last check failed
    (on the item's page and before its download); "" when the last check passed."""
    if not last_check_failed(item):
        return ""
    when = (
        timezone.localtime(item.last_verified_at).strftime("%Y-%m-%d %H:%M")
        if item.last_verified_at
        else "?"
    )
    if item.fixity_status == FixityStatus.MISSING:
        return _(
            "The last fixity check (%(when)s) found this original missing from storage. "
            "Restore it from the preservation copy (the BagIt export) and run the check again."
        ) % {"when": when}
    return _(
        "The last fixity check (%(when)s) found that this original no longer matches the "
        "checksum recorded when it was archived: the file may be damaged or altered. Restore "
        "it from the preservation copy (the BagIt export) and run the check again."
    ) % {"when": when}
