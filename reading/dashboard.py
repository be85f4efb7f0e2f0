"""The reading app's dashboard panels: the work that waits for outreach librarians (and a
teacher's clubs of the week). Each count links to the list that shows the same things, and
asks the same question of the same queryset method as that list's filter."""

from datetime import timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from reading.models import ArchiveItem, ClubSignup
from reading.viewsets.archive import permission_policy as archive_permissions
from reading.viewsets.campaigns import can_moderate, waiting_submissions
from reading.viewsets.clubs import clubs_for
from website.core.dashboard import WorkCountPanel


class WaitingSubmissionsPanel(WorkCountPanel):
    name = "waiting-submissions"
    heading = _("Recommendations waiting")
    icon = "mail"
    order = 50

    def is_shown(self):
        return can_moderate(self.user)

    def get_count(self):
        return waiting_submissions().count()

    def get_url(self):
        return reverse("reading_submissions:index") + "?status=pending"

    def describe(self, count):
        return ngettext("submission waits for a decision", "submissions wait for a decision", count)


class _ArchivePanel(WorkCountPanel):
    icon = "doc-full-inverse"
    work = ""

    def is_shown(self):
        return archive_permissions.user_has_permission(self.user, "change")

    def get_url(self):
        return reverse("reading_archive:index") + f"?work={self.work}"


class NotesToCheckPanel(_ArchivePanel):
    name = "notes-to-check"
    heading = _("OCR drafts to check")
    order = 51
    work = "to_check"

    def get_count(self):
        return ArchiveItem.objects.to_check().count()

    def describe(self, count):
        return ngettext(
            "note's OCR draft is not yet checked", "notes' OCR drafts are not yet checked", count
        )


class FailedOcrPanel(_ArchivePanel):
    name = "ocr-failures"
    heading = _("OCR failures")
    icon = "warning"
    order = 52
    work = "failed"

    def get_count(self):
        return ArchiveItem.objects.failed().count()

    def describe(self, count):
        return ngettext(
            "note could not be read and waits for a retry",
            "notes could not be read and wait for a retry",
            count,
        )


def this_week(now=None):
    """Monday 00:00 to the next Monday, in the library's time zone."""
    today = timezone.localdate(now)
    monday = today - timedelta(days=today.weekday())
    start = timezone.make_aware(timezone.datetime.combine(monday, timezone.datetime.min.time()))
    return start, start + timedelta(days=7)


class ClubsThisWeekPanel(WorkCountPanel):
    name = "clubs-this-week"
    heading = _("Reading clubs meeting this week")
    icon = "group"
    order = 53

    def clubs(self):
        start, end = this_week()
        return (
            clubs_for(self.user)
            .filter(discussion_starts__gte=start, discussion_starts__lt=end)
            .annotate(
                confirmed=Count("signups", filter=Q(signups__status=ClubSignup.Status.CONFIRMED)),
                waitlisted=Count("signups", filter=Q(signups__status=ClubSignup.Status.WAITLISTED)),
            )
            .order_by("discussion_starts")
        )

    def is_shown(self):
        # the clubs this user may see are the ones `clubs_for` lets through, nothing else
        return clubs_for(self.user).exists()

    def get_count(self):
        return len(self.club_rows)

    def get_url(self):
        return reverse("my_clubs:index")

    def describe(self, count):
        return ngettext("club meets this week", "clubs meet this week", count)

    @cached_property
    def club_rows(self):
        return list(self.clubs())

    def get_items(self):
        items = []
        for club in self.club_rows:
            when = formats.date_format(
                timezone.localtime(club.discussion_starts), "SHORT_DATETIME_FORMAT"
            )
            text = _(
                "%(title)s, %(when)s, %(place)s: %(confirmed)s of %(capacity)s seats taken, "
                "%(waitlisted)s on the waitlist"
            ) % {
                "title": club.title,
                "when": when,
                "place": club.discussion_place or "—",
                "confirmed": club.confirmed,
                "capacity": club.capacity,
                "waitlisted": club.waitlisted,
            }
            items.append({"text": text, "url": reverse("my_clubs:club", args=[club.pk])})
        return items


PANELS = [WaitingSubmissionsPanel, NotesToCheckPanel, FailedOcrPanel, ClubsThisWeekPanel]
