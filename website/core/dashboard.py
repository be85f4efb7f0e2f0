"""Dashboard panels that say how much work waits, each a count linking to the list of it.

Every app declares its own panels (subclasses of `WorkCountPanel` in its `dashboard.py`) and
adds them in its `construct_homepage_panels` hook with `add_work_panels`; this module knows no
app. A panel is shown only to a user who may open the list it links to, so that nobody is led
to a page that refuses them: each subclass answers `is_shown()` with the same permission the
list's view checks.
"""

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.admin.ui.components import Component


class WorkCountPanel(Component):
    """One count of waiting work on the dashboard, linking to the filtered list."""

    template_name = "core/admin/work_count_panel.html"
    name = ""
    heading = ""
    icon = "tasks"
    order = 90

    def __init__(self, request):
        self.request = request
        self.user = request.user

    def is_shown(self):
        raise NotImplementedError

    def get_count(self):
        raise NotImplementedError

    def get_url(self):
        raise NotImplementedError

    def describe(self, count):
        """The count as a sentence ("3 submissions wait for a decision")."""
        raise NotImplementedError

    def get_items(self):
        """Optional lines under the count (a few of the things counted)."""
        return []

    @cached_property
    def count(self):
        return self.get_count()

    def get_context_data(self, parent_context=None):
        return {
            "panel": self,
            "count": self.count,
            "description": self.describe(self.count),
            "url": self.get_url(),
            "items": self.get_items(),
        }


def add_work_panels(request, panels, panel_classes):
    """Append the panels this user may follow to the dashboard's list."""
    for panel_class in panel_classes:
        panel = panel_class(request)
        if panel.is_shown():
            panels.append(panel)


class UndeliveredEmailsPanel(WorkCountPanel):
    """Emails the mail server refused (website/core/mail.py), shown only while there are
    some, to staff who may see readers' addresses."""

    name = "undelivered-emails"
    heading = _("Undelivered emails")
    icon = "mail"
    order = 40

    def is_shown(self):
        return self.user.has_perm("core.view_heldemail") and self.count > 0

    def get_count(self):
        from .models import HeldEmail

        return HeldEmail.objects.count()

    def get_url(self):
        return reverse("held_emails:index")

    def describe(self, count):
        from .models import HeldEmail

        failed = HeldEmail.objects.filter(status=HeldEmail.Status.FAILED).count()
        text = ngettext("email the mail server refused", "emails the mail server refused", count)
        if failed:
            text += " · " + ngettext(
                "%(count)s not delivered after every try",
                "%(count)s not delivered after every try",
                failed,
            ) % {"count": failed}
        return text
