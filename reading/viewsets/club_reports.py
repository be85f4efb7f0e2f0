"""The club participation report: for each club, places, waitlist, who came and who did not.

The paper's reading clubs are judged by who takes part, not by who signs up; the attendance
teachers mark ("My reading clubs") is counted here beside the places, with a chart per month
of the discussions. Librarians who see every club's participants read it; the figures are
counts, with no participant named.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, FloatField, Q
from django.db.models.functions import Cast, NullIf, Round
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

from reading import report_charts
from reading.models import ClubSignup
from reading.permissions import clubs_for, sees_every_club
from website.core.charts import ChartedReportMixin
from website.core.spreadsheets import SafeSpreadsheetMixin

_confirmed = Q(signups__status=ClubSignup.Status.CONFIRMED)


class DiscussionColumn(Column):
    """The date itself: Wagtail's DateColumn says "just now" of a discussion still to come."""

    def get_value(self, instance):
        return date_format(timezone.localtime(instance.discussion_starts), "Y-m-d H:i")


class AttendanceRateColumn(Column):
    """The annotated share, as the table shows it (the export keeps the fraction)."""

    def get_value(self, instance):
        rate = instance.attendance_rate
        return "—" if rate is None else f"{round(100 * rate)} %"


class ClubParticipationView(SafeSpreadsheetMixin, ChartedReportMixin, ReportView):
    page_title = _("Club participation")
    header_icon = "group"
    index_url_name = "reading_report_clubs"
    index_results_url_name = "reading_report_clubs_results"
    columns = [
        TitleColumn("title", label=_("Club"), url_name="my_clubs:club"),
        DiscussionColumn("discussion_starts", label=_("Discussion")),
        Column("capacity", label=_("Capacity")),
        Column("confirmed", label=_("Places taken")),
        Column("waitlisted", label=_("On the waitlist")),
        Column("attended", label=_("Attended")),
        Column("absent", label=_("Did not come")),
        AttendanceRateColumn("rate", label=_("Attendance rate")),
    ]
    list_export = [
        "title",
        "discussion_starts",
        "capacity",
        "confirmed",
        "waitlisted",
        "attended",
        "absent",
        "unmarked",
        "attendance_rate",
    ]
    export_headings = {
        "title": _("Club"),
        "discussion_starts": _("Discussion"),
        "capacity": _("Capacity"),
        "confirmed": _("Places taken"),
        "waitlisted": _("On the waitlist"),
        "attended": _("Attended"),
        "absent": _("Did not come"),
        "unmarked": _("Attendance not marked"),
        "attendance_rate": _("Attendance rate (of those marked)"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not sees_every_club(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return "club-participation"

    def get_queryset(self):
        marked = Q(signups__attended__isnull=False) & _confirmed
        return (
            clubs_for(self.request.user)
            .annotate(
                confirmed=Count("signups", filter=_confirmed),
                waitlisted=Count("signups", filter=Q(signups__status=ClubSignup.Status.WAITLISTED)),
                attended=Count("signups", filter=_confirmed & Q(signups__attended=True)),
                absent=Count("signups", filter=_confirmed & Q(signups__attended=False)),
                marked=Count("signups", filter=marked),
                unmarked=F("confirmed") - F("marked"),
                attendance_rate=Round(
                    Cast(F("attended"), FloatField())
                    / NullIf(Cast(F("marked"), FloatField()), 0.0),
                    2,
                ),
            )
            .order_by("-discussion_starts")
        )

    def get_charts(self, top):
        return [report_charts.participation_by_month(clubs_for(self.request.user))]


class ClubReportMenuItem(MenuItem):
    def is_shown(self, request):
        return sees_every_club(request.user)


def menu_item():
    from django.urls import reverse

    return ClubReportMenuItem(
        _("Club participation"), reverse("reading_report_clubs"), icon_name="group", order=712
    )


def urls():
    return [
        path(
            "reports/club-participation/",
            ClubParticipationView.as_view(),
            name="reading_report_clubs",
        ),
        path(
            "reports/club-participation/results/",
            ClubParticipationView.as_view(results_only=True),
            name="reading_report_clubs_results",
        ),
    ]
