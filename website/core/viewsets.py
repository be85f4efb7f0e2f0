"""Admin viewsets of the foundation: locked logins, which a librarian can lift, emails the mail
server would not take, which a librarian sends again, and the English forms of tags."""

from axes.models import AccessAttempt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST

from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet

from . import mail
from .models import HeldEmail, TermInEnglish


class UnlockOnlyPolicy(ModelPermissionPolicy):
    """Failed logins are recorded by the login itself, held emails by the mail backend: people
    may look at them and delete them (which lifts the pause, or discards the email), never add
    or change one."""

    def user_has_permission(self, user, action):
        if action in {"add", "change"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class FailedLoginViewSet(ModelViewSet):
    model = AccessAttempt
    icon = "lock"
    menu_label = _("Failed logins")
    menu_order = 900
    add_to_settings_menu = True
    list_display = ["username", "ip_address", "failures_since_start", "attempt_time"]
    search_fields = ["username", "ip_address"]
    ordering = ["-attempt_time"]
    form_fields = ["username"]
    inspect_view_enabled = True
    inspect_view_fields = ["username", "ip_address", "user_agent", "failures_since_start"]


register_permission_policy(AccessAttempt, UnlockOnlyPolicy(AccessAttempt), exact_class=True)
failed_login_viewset = FailedLoginViewSet("failed_logins")


class SendAgainColumn(Column):
    """The button, for those who may press it (a table cell's context holds no `perms`)."""

    cell_template_name = "core/admin/send_again_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = context.get("request")
        context["can_resend"] = bool(request and request.user.has_perm("core.resend_heldemail"))
        return context


class HeldEmailViewSet(ModelViewSet):
    """Reports → Undelivered emails: what the mail server refused, why, when it is tried next,
    and a button to send it again now (for staff who may see readers' addresses)."""

    model = HeldEmail
    icon = "mail"
    menu_order = 720
    menu_hook = "register_reports_menu_item"
    list_display = [
        "subject",
        "recipients",
        "status",
        "attempts",
        Column("error", label=_("last error")),
        "tried_at",
        "next_try_at",
        SendAgainColumn("send_again", label=_("Send again"), accessor="pk"),
    ]
    list_filter = ["status"]
    search_fields = ["subject", "recipients"]
    ordering = ["-tried_at"]
    form_fields = ["subject"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "subject",
        "recipients",
        "status",
        "attempts",
        "error",
        "created_at",
        "tried_at",
        "next_try_at",
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/send-again/", send_held_email_again, name="send_again"),
        ]


@require_POST
def send_held_email_again(request, pk):
    if not request.user.has_perm("core.resend_heldemail"):
        raise PermissionDenied
    held = get_object_or_404(HeldEmail, pk=pk)
    if mail.send_again(held):
        message = _("“%(subject)s” will be sent again in a moment.")
    else:
        message = _("“%(subject)s” has been delivered meanwhile.")
    messages.success(request, message % {"subject": held.subject})
    return redirect("held_emails:index")


register_permission_policy(HeldEmail, UnlockOnlyPolicy(HeldEmail), exact_class=True)
held_email_viewset = HeldEmailViewSet("held_emails")


class TermInEnglishViewSet(SnippetViewSet):
    """Where librarians give a subject or a theme its English form (see `website.core.terms`)."""

    model = TermInEnglish
    icon = "tag"
    menu_label = _("Terms in English")
    list_display = [
        Column("tag", label=pgettext_lazy("term", "Tag"), accessor="tag.name"),
        Column("name", label=_("English name")),
    ]
    search_fields = ["tag__name", "name"]
    ordering = ["tag__name"]
    panels = [FieldPanel("tag"), FieldPanel("name")]

    def get_queryset(self, request):
        return TermInEnglish.objects.select_related("tag")
