""" "My reading clubs" in the admin: what a leading teacher (and a librarian) needs of a club.

A teacher in the "Club leaders" group can enter the admin but holds no page or snippet
permission, so this viewset is all they see: the clubs they lead, with the sign-ups, the
waitlist, the check-ins, an attendance CSV and a form to email participants. Every view
fetches the club through `clubs_for(user)`, so another teacher's club is simply not found
(404), and librarians see every club.
"""

import csv

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from reading.emails.clubs import send_club_email
from reading.forms.clubs import ClubEmailForm
from reading.models.clubs import CheckIn, ClubLeader, ClubPage, ClubSignup, is_librarian


def clubs_for(user):
    """The clubs (their original pages, which hold the sign-ups) this user may see."""
    clubs = ClubPage.objects.filter(pk__in=_original_ids()).select_related("leader")
    if is_librarian(user):
        return clubs
    return clubs.filter(leader__user=user)


def _original_ids():
    # The lowest page id of each translation group is the club's original page.
    from django.db.models import Min

    return ClubPage.objects.values("translation_key").annotate(first=Min("pk")).values("first")


class ClubMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return is_librarian(user) or ClubPage.objects.filter(leader__user=user).exists()


class ClubAdminMixin(WagtailAdminTemplateMixin):
    viewset = None

    @cached_property
    def club(self):
        club = clubs_for(self.request.user).filter(pk=self.kwargs["pk"]).first()
        if club is None:
            raise Http404
        return club

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("my_clubs:index"), "label": _("My reading clubs")},
            {"url": reverse("my_clubs:club", args=[self.club.pk]), "label": self.club.title},
        ]


class ClubListView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "reading/clubs/admin/index.html"
    page_title = gettext_lazy("My reading clubs")
    header_icon = "group"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["clubs"] = (
            clubs_for(self.request.user)
            .annotate(
                confirmed=Count("signups", filter=Q(signups__status="confirmed")),
                waitlisted=Count("signups", filter=Q(signups__status="waitlisted")),
            )
            .order_by("-discussion_starts")
        )
        context["now"] = timezone.now()
        return context


class ClubDetailView(ClubAdminMixin, TemplateView):
    template_name = "reading/clubs/admin/club.html"
    header_icon = "group"

    def get_page_title(self):
        return self.club.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        signups = self.club.signups.order_by("position")
        context.update(
            club=self.club,
            confirmed=signups.filter(status=ClubSignup.Status.CONFIRMED),
            waitlisted=signups.filter(status=ClubSignup.Status.WAITLISTED),
            cancelled=signups.filter(status=ClubSignup.Status.CANCELLED),
            checkins=CheckIn.objects.for_club(self.club),
        )
        return context


class AttendanceExportView(ClubAdminMixin, TemplateView):
    """The attendance sheet: every active participant, with check-in counts, as CSV."""

    def get(self, request, *args, **kwargs):
        club = self.club
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="club-{club.pk}-attendance.csv"'
        response.write("\ufeff")  # Excel opens UTF-8 Chinese names correctly with a BOM.
        writer = csv.writer(response)
        writer.writerow(
            [
                _("Position"),
                _("Status"),
                _("Name"),
                _("Email"),
                _("Student or staff number"),
                _("School or department"),
                _("Signed up"),
                _("Check-ins"),
                _("Last progress"),
                _("Note"),
                _("Attended"),
            ]
        )
        signups = (
            club.signups.active()
            .annotate(checkin_count=Count("checkins"))
            .prefetch_related("checkins")
            .order_by("status", "position")
        )
        for signup in signups:
            last = max(signup.checkins.all(), key=lambda c: c.day, default=None)
            writer.writerow(
                [
                    signup.position,
                    signup.get_status_display(),
                    _safe_cell(signup.name),
                    signup.email,
                    _safe_cell(signup.member_number),
                    _safe_cell(signup.school),
                    timezone.localtime(signup.created_at).strftime("%Y-%m-%d %H:%M"),
                    signup.checkin_count,
                    _safe_cell(last.progress) if last else "",
                    _safe_cell(signup.note),
                    "",
                ]
            )
        return response


def _safe_cell(value):
    """Keep spreadsheet programs from running a participant's text as a formula."""
    value = str(value)
    if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


class ClubEmailView(ClubAdminMixin, FormView):
    template_name = "reading/clubs/admin/email.html"
    form_class = ClubEmailForm
    header_icon = "mail"

    def get_page_title(self):
        return _("Email participants of “%(title)s”") % {"title": self.club.title}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["club"] = self.club
        return context

    def form_valid(self, form):
        recipients = list(form.recipients_of(self.club).values_list("pk", flat=True))
        for signup_id in recipients:
            send_club_email.enqueue(
                signup_id,
                "message",
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
            )
        if recipients:
            messages.success(
                self.request,
                _("Your message is being sent to %(count)d participants.")
                % {"count": len(recipients)},
            )
        else:
            messages.warning(self.request, _("Nobody to send to: no participant matches."))
        return redirect("my_clubs:club", pk=self.club.pk)


class MyClubsViewSet(ViewSet):
    name = "my_clubs"
    url_prefix = "my-clubs"
    icon = "group"
    menu_label = gettext_lazy("My reading clubs")
    menu_name = "my-reading-clubs"
    menu_order = 250
    add_to_admin_menu = True
    menu_item_class = ClubMenuItem

    def get_urlpatterns(self):
        return [
            path("", ClubListView.as_view(), name="index"),
            path("<int:pk>/", ClubDetailView.as_view(), name="club"),
            path("<int:pk>/attendance.csv", AttendanceExportView.as_view(), name="attendance"),
            path("<int:pk>/email/", ClubEmailView.as_view(), name="email"),
        ]


my_clubs_viewset = MyClubsViewSet()


class ClubLeaderViewSet(SnippetViewSet):
    """Librarians keep the teachers' profiles; saving one puts the teacher's account in the
    "Club leaders" group, which is how a teacher gets into the admin."""

    model = ClubLeader
    icon = "user"
    menu_label = gettext_lazy("Club leaders")
    list_display = ["name", "affiliation", "user"]
    search_fields = ["name", "name_en", "affiliation"]
    add_to_admin_menu = False


def page_header_buttons(page, user, view_name, next_url=None):
    """From a club's admin page to its sign-ups; from a live shelf's to its printable label."""
    from wagtail.admin.widgets import Button

    from reading.models.shelves import ShelfPage

    specific_class = page.specific_class
    if specific_class is ClubPage:
        club = page.specific
        if club.original.can_be_managed_by(user):
            yield Button(
                _("Sign-ups and check-ins"),
                reverse("my_clubs:club", args=[club.original.pk]),
                icon_name="group",
                priority=80,
            )
    elif specific_class is ShelfPage and page.live:
        with translation.override(page.locale.language_code):
            url = reverse("reading:shelf_label", args=[page.pk])
        yield Button(_("Print the shelf label"), url, icon_name="doc-full", priority=80)
