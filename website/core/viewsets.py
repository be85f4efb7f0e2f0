"""Admin viewsets of the foundation: locked logins, which a librarian can lift, and the English
forms of tags."""

from axes.models import AccessAttempt

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import TermInEnglish


class UnlockOnlyPolicy(ModelPermissionPolicy):
    """Failed logins are recorded by the login itself: people may look at them and delete
    them (which lifts the pause), never add or change one."""

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
