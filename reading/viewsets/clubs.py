""" "My reading clubs" in the admin: a teacher runs their own club here (as LibCal's event
owners do), and librarians every club.

A teacher in the "Club leaders" group can enter the admin but holds no page or snippet
permission, so this viewset is all they see: the clubs they lead, with the sign-ups, the
waitlist, the check-ins, attendance marked by a click, places cancelled or promoted (through
reading.seats, under the club's lock, with the same emails as the automatic path), the
club's time, place and description (published as page revisions: reading.club_editing), the
attendance CSV and a form to email participants. Every view fetches the club through
`reading.permissions.clubs_for(user)`, so another teacher's club is simply not found (the
admin's 404), and those who may see every club's participants see every club.
"""

import csv

import segno

from django.conf import settings
from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.generic import FormView, TemplateView, View

from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from reading import attendance, offers, seats, sessions
from reading.club_editing import publish_club_changes
from reading.digest import club_digest
from reading.emails.clubs import send_club_email
from reading.forms.club_details import ClubDetailsForm
from reading.forms.clubs import ClubEmailForm, ClubPostForm
from reading.models.club_sessions import ClubSessionAttendance
from reading.models.clubs import CheckIn, ClubLeader, ClubPage, ClubPost, ClubSignup
from reading.permissions import clubs_for, may_open_my_clubs
from website.core.spreadsheets import safe_cell


class ClubMenuItem(MenuItem):
    def is_shown(self, request):
        return may_open_my_clubs(request.user)


class ClubAdminMixin(WagtailAdminTemplateMixin):
    viewset = None

    @cached_property
    def club(self):
        club = clubs_for(self.request.user).filter(pk=self.kwargs["pk"]).first()
        if club is None:
            raise Http404
        return club

    # The club's own screen ends the breadcrumbs with the club; the screens under it add theirs.
    ends_at_club = False

    def get_breadcrumbs_items(self):
        items = self.breadcrumbs_items + [
            {"url": reverse("my_clubs:index"), "label": _("My reading clubs")},
            {"url": reverse("my_clubs:club", args=[self.club.pk]), "label": self.club.title},
        ]
        if not self.ends_at_club:
            items.append({"url": "", "label": self.get_page_title()})
        return items


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
    ends_at_club = True

    def get_page_title(self):
        return self.club.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        signups = list(self.club.signups.order_by("position"))
        now = timezone.now()
        for signup in signups:
            signup.offer_label = offers.label(signup, now)
        by_status = {status: [] for status in ClubSignup.Status.values}
        for signup in signups:
            by_status[signup.status].append(signup)
        confirmed = by_status[ClubSignup.Status.CONFIRMED]
        held = sum(1 for s in signups if offers.state(s, now) == offers.OFFERED)
        # In a series the teacher picks the session whose attendance the buttons mark.
        series = sessions.sessions_of(self.club)
        session = chosen_session(self.club, self.request.GET.get("session"))
        marks = sessions.attendance_map(self.club) if session.in_series else {}
        for signup in confirmed:
            signup.mark = sessions.mark_of(signup, session, marks)
        context.update(
            club=self.club,
            confirmed=confirmed,
            sessions=series,
            session=session,
            session_counts=sessions.per_session_counts(self.club, series, marks)
            if session.in_series
            else [],
            attended_count=sum(1 for signup in confirmed if signup.mark),
            absent_count=sum(1 for signup in confirmed if signup.mark is False),
            is_full=len(confirmed) + held >= self.club.capacity,
            held_offers=held,
            is_past=self.club.is_past(),
            waitlisted=by_status[ClubSignup.Status.WAITLISTED],
            cancelled=by_status[ClubSignup.Status.CANCELLED],
            checkins=CheckIn.objects.for_club(self.club).prefetch_related("replies__author"),
            plan=self.club.plan,
            prompts=ClubPost.objects.filter(club=self.club, kind=ClubPost.Kind.PROMPT)
            .select_related("author", "milestone")
            .order_by("-created_at"),
            prompt_form=kwargs.get("prompt_form")
            or ClubPostForm(club=self.club, kind=ClubPost.Kind.PROMPT),
        )
        return context


class DigestView(ClubAdminMixin, TemplateView):
    """The digest of the club's check-ins (reading.digest): recurring words and themes,
    representative quotes and the readers' questions, to read before the discussion."""

    template_name = "reading/clubs/admin/digest.html"
    header_icon = "doc-full"

    def get_page_title(self):
        return _("Digest of the check-ins")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(club=self.club, digest=club_digest(self.club))
        return context


class AttendanceCodeView(ClubAdminMixin, TemplateView):
    """The code (and its QR code) the teacher shows at the discussion; a POST opens a new one,
    which ends the previous. Participants enter it through their private link."""

    template_name = "reading/clubs/admin/attendance_code.html"
    header_icon = "key"

    def get_page_title(self):
        return _("Attendance code")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        code = attendance.current_code(self.club)
        series = sessions.sessions_of(self.club)
        code_session = None
        if code is not None and code.session_id:
            code_session = sessions.find(self.club, code.session_id)
        context.update(
            club=self.club,
            code=code,
            code_session=code_session,
            sessions=series if series[0].in_series else [],
            next_session=sessions.next_session(self.club),
            minutes=settings.CLUB_ATTENDANCE_CODE_MINUTES,
        )
        if code is not None:
            page = self.club.original
            with translation.override(page.locale.language_code):
                path = reverse("reading:club_here", args=[page.pk])
            url = self.request.build_absolute_uri(f"{path}?code={code.code}")
            context["qr_svg"] = segno.make(url, error="m").svg_inline(
                scale=8, border=2, title=_("QR code of the attendance code")
            )
            context["qr_url"] = url
        return context

    def post(self, request, *args, **kwargs):
        session = None
        if sessions.is_series(self.club):
            session = sessions.find(self.club, request.POST.get("session"))
            if session is None:
                messages.error(request, _("Choose the session the code is for."))
                return redirect("my_clubs:attendance_code", pk=self.club.pk)
        attendance.new_code(self.club, user=request.user, session=session)
        return redirect("my_clubs:attendance_code", pk=self.club.pk)


class ClubPostView(ClubAdminMixin, View):
    """The teacher posts a prompt for a part of the plan, or replies to one check-in of their
    club (another club's check-in is not found). Shown in the stream under the teacher's name."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        checkin = None
        kind = ClubPost.Kind.PROMPT
        if "checkin_pk" in self.kwargs:
            kind = ClubPost.Kind.REPLY
            checkin = (
                CheckIn.objects.for_club(self.club).filter(pk=self.kwargs["checkin_pk"]).first()
            )
            if checkin is None:
                raise Http404
        form = ClubPostForm(request.POST, club=self.club, kind=kind)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect("my_clubs:club", pk=self.club.pk)
        post = form.save(commit=False)
        post.club = self.club
        post.kind = kind
        post.checkin = checkin
        author = getattr(request.user, "club_leader", None)
        post.author = author if author is not None else self.club.leader
        post.save()
        messages.success(
            request,
            _("Your reply is in the stream.") if checkin else _("Your prompt is in the stream."),
        )
        return redirect("my_clubs:club", pk=self.club.pk)


class AttendanceExportView(ClubAdminMixin, TemplateView):
    """The attendance sheet: every active participant, with check-in counts, as CSV."""

    def get(self, request, *args, **kwargs):
        club = self.club
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="club-{club.pk}-attendance.csv"'
        response.write("\ufeff")  # Excel opens UTF-8 Chinese names correctly with a BOM.
        writer = csv.writer(response)
        # A series has a column per session (present / absent / — not marked) and the rate.
        series = [s for s in sessions.sessions_of(club) if s.in_series]
        marks = sessions.attendance_map(club) if series else {}
        session_columns = [f"{s.number}. {s.title}" for s in series]
        if series:
            session_columns.append(_("Attendance rate"))
        writer.writerow(
            [
                _("Position"),
                _("Status"),
                pgettext("person", "Name"),
                pgettext("person", "Email"),
                _("Student or staff number"),
                _("School or department"),
                _("Signed up"),
                _("Check-ins"),
                _("Last progress"),
                _("Note"),
                _("Seat offer"),
                *session_columns,
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
            row = [
                signup.position,
                signup.get_status_display(),
                signup.name,
                signup.email,
                signup.member_number,
                signup.school,
                timezone.localtime(signup.created_at).strftime("%Y-%m-%d %H:%M"),
                signup.checkin_count,
                last.progress if last else "",
                signup.note,
                offers.label(signup),
                *session_cells(signup, series, marks),
                attendance_label(signup),
            ]
            # every cell, so that no column can be forgotten (an email may start with "=")
            writer.writerow([safe_cell(value) for value in row])
        return response


def session_cells(signup, series, marks):
    """A series' cells of one participant: present / absent / — per session, then the rate
    (sessions present out of the series' sessions)."""
    if not series:
        return []
    values = [sessions.mark_of(signup, session, marks) for session in series]
    labels = {True: _("present"), False: _("absent"), None: "—"}
    cells = [str(labels[value]) for value in values]
    cells.append(f"{values.count(True)}/{len(series)}")
    return cells


def chosen_session(club, value):
    """The session named by `value` (a series' row pk), else the next one to meet."""
    return sessions.find(club, value) or sessions.next_session(club)


def attendance_label(signup):
    """What the sheet and the screen say of a participant's attendance: yes, no, or not marked."""
    if signup.attended is None:
        return ""
    return _("Yes") if signup.attended else _("No")


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


class SignupActionMixin(ClubAdminMixin):
    """A view on one participant of a club the user manages; anyone else's is not found."""

    statuses = (ClubSignup.Status.CONFIRMED, ClubSignup.Status.WAITLISTED)

    @cached_property
    def signup(self):
        signup = (
            self.club.signups.filter(pk=self.kwargs["signup_pk"], status__in=self.statuses)
            .select_related("club")
            .first()
        )
        if signup is None:
            raise Http404
        return signup

    def back(self, anchor=""):
        url = reverse("my_clubs:club", args=[self.club.pk])
        return redirect(f"{url}#{anchor}" if anchor else url)


class AttendanceView(SignupActionMixin, View):
    """The teacher marks a confirmed participant as attended, absent, or not yet marked."""

    statuses = (ClubSignup.Status.CONFIRMED,)
    http_method_names = ["post"]
    VALUES = {"yes": True, "no": False, "": None}

    def post(self, request, *args, **kwargs):
        value = request.POST.get("attended", "")
        if value not in self.VALUES:
            messages.error(request, _("Choose attended, absent or not marked."))
            return self.back()
        signup = self.signup
        session = chosen_session(self.club, request.POST.get("session"))
        sessions.record(signup, session, self.VALUES[value], ClubSessionAttendance.How.HAND)
        if session.in_series:
            url = reverse("my_clubs:club", args=[self.club.pk])
            return redirect(f"{url}?session={session.pk}#signup-{signup.pk}")
        return self.back(f"signup-{signup.pk}")


class SignupConfirmView(SignupActionMixin, TemplateView):
    """Ask before a place is moved: the participant is emailed, which cannot be taken back."""

    template_name = "reading/clubs/admin/confirm.html"
    header_icon = "group"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(club=self.club, signup=self.signup, **self.consequences())
        return context

    def post(self, request, *args, **kwargs):
        try:
            notice = self.perform()
        except seats.SignupRefused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, notice)
        return self.back()


class CancelPlaceView(SignupConfirmView):
    def get_page_title(self):
        return _("Cancel the place of %(name)s") % {"name": self.signup.name}

    def consequences(self):
        waiting = self.club.signups.filter(status=ClubSignup.Status.WAITLISTED).order_by("position")
        first = waiting.first() if self.signup.status == ClubSignup.Status.CONFIRMED else None
        return {
            "action": "cancel",
            "next_in_line": first,
            "submit_label": _("Cancel the place"),
        }

    def perform(self):
        _signup, promoted = seats.cancel(self.signup)
        notice = _("%(name)s's place is cancelled; they are emailed.") % {"name": self.signup.name}
        if promoted:
            notice += " " + _("%(names)s took the seat and are emailed.") % {
                "names": "、".join(p.name for p in promoted)
            }
        return notice


class PromoteView(SignupConfirmView):
    statuses = (ClubSignup.Status.WAITLISTED,)

    def get_page_title(self):
        return _("Give %(name)s a place") % {"name": self.signup.name}

    def consequences(self):
        # A seat held for this reader's own offer is theirs already (reading.offers).
        holds = offers.state(self.signup) == offers.OFFERED
        confirmed = offers.taken(self.club) - (1 if holds else 0)
        adds_seat = confirmed >= self.club.capacity
        return {
            "action": "promote",
            "adds_seat": adds_seat,
            "capacity": self.club.capacity,
            "new_capacity": self.club.capacity + 1,
            "submit_label": _("Add a seat and promote")
            if adds_seat
            else pgettext("waitlist", "Promote"),
        }

    def perform(self):
        seats.promote(
            self.signup, user=self.request.user, add_seat=self.request.POST.get("add_seat") == "1"
        )
        return _("%(name)s has a place now and is emailed.") % {"name": self.signup.name}


class ClubDetailsView(ClubAdminMixin, FormView):
    """The teacher edits what they decide of their club; it is published at once."""

    template_name = "reading/clubs/admin/details.html"
    form_class = ClubDetailsForm
    header_icon = "edit"

    def get_page_title(self):
        return _("Edit “%(title)s”") % {"title": self.club.title}

    @cached_property
    def english(self):
        return (
            ClubPage.objects.filter(
                translation_key=self.club.translation_key, locale__language_code="en"
            )
            .exclude(pk=self.club.pk)
            .first()
        )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.club, "translation": self.english}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "club": self.club, "english": self.english}

    def form_valid(self, form):
        values, english = form.changes()
        translated = {self.english: english} if self.english is not None else {}
        publish_club_changes(self.club, self.request.user, values, translated)
        messages.success(
            self.request,
            _(
                "“%(title)s” is updated and published. "
                "Participants are emailed if the discussion moved."
            )
            % {"title": self.club.title},
        )
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
            path("<int:pk>/edit/", ClubDetailsView.as_view(), name="details"),
            path("<int:pk>/vote/", _vote_view(), name="vote"),
            path("<int:pk>/prompts/", ClubPostView.as_view(), name="prompt"),
            path("<int:pk>/attendance-code/", AttendanceCodeView.as_view(), name="attendance_code"),
            path("<int:pk>/digest/", DigestView.as_view(), name="digest"),
            path("<int:pk>/checkins/<int:checkin_pk>/reply/", ClubPostView.as_view(), name="reply"),
            path(
                "<int:pk>/signups/<int:signup_pk>/attendance/",
                AttendanceView.as_view(),
                name="attendance_mark",
            ),
            path(
                "<int:pk>/signups/<int:signup_pk>/cancel/",
                CancelPlaceView.as_view(),
                name="cancel_place",
            ),
            path(
                "<int:pk>/signups/<int:signup_pk>/promote/",
                PromoteView.as_view(),
                name="promote",
            ),
        ]


def _vote_view():
    # reading.viewsets.club_votes builds on ClubAdminMixin above: imported here for the cycle.
    from reading.viewsets.club_votes import ClubVoteView

    return ClubVoteView.as_view()


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
