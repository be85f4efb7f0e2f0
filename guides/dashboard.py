"""The guides' dashboard panels: guides due for review and broken links, for those who may
open the reports they link to (the same check as the reports' views)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from guides import reports
from website.core.dashboard import WorkCountPanel


class _ReportPanel(WorkCountPanel):
    def is_shown(self):
        return reports._can_see_reports(self.user)


class GuidesDueForReviewPanel(_ReportPanel):
    name = "guides-due-for-review"
    heading = _("Guides due for review")
    icon = "time"
    order = 60

    def get_count(self):
        return reports.guides_due_for_review().count()

    def get_url(self):
        return reverse("guides_reports:review_due")

    def describe(self, count):
        return ngettext(
            "guide has passed its review date", "guides have passed their review date", count
        )


class BrokenLinksPanel(_ReportPanel):
    name = "broken-links"
    heading = _("Broken links")
    icon = "warning"
    order = 61

    def get_count(self):
        return reports.broken_links().count()

    def get_url(self):
        return reverse("guides_reports:broken_links")

    def describe(self, count):
        return ngettext("link failed its last check", "links failed their last check", count)


PANELS = [GuidesDueForReviewPanel, BrokenLinksPanel]
