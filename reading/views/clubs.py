"""Reading-club views that are not the club page itself: sign-up, the participant's private
page (check-ins, cancel) and the calendar files. Pages render; these handle the posts."""

import time
from functools import partial
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from wagtail.models import Locale

from reading import attendance, calendars, offers, plans, reminders, seats, sessions
from reading.emails.clubs import send_link_again
from reading.forms.clubs import (
    CheckInEditForm,
    CheckInForm,
    NameDisplayForm,
    RemindersForm,
    ResendLinkForm,
    SignupForm,
)
from reading.models.clubs import CheckIn, ClubPage, ClubSignup
from website.core.ratelimit import PostLimit, client_address, filled_too_fast


# A class signs up together from one campus address (NAT): forty readers in a few minutes are
# people, and none of them is refused for the others (no pause between different readers, a
# window per address sized for a lecture hall). A flood is what a person does not do: the same
# reader's form posted again and again (`SAME_FORM_LIMIT`), or more invented readers from one
# address than any room holds (`SIGNUP_LIMIT`).
class AddressLimit(PostLimit):
    """Sign-ups per address: only a window, no pause between two readers of one network."""

    def limits(self):
        _pause, per_window, window = super().limits()
        return 0, per_window, window


class SameFormLimit(PostLimit):
    """Posts of one reader's form (one email) from one address: a double click is answered
    once, and a script posting one form over and over is stopped after a few."""

    def limits(self):
        return (
            getattr(settings, "CLUB_SIGNUP_MIN_SECONDS_BETWEEN", self.min_seconds),
            getattr(settings, "CLUB_SIGNUP_SAME_FORM_MAX_PER_WINDOW", self.per_window),
            getattr(settings, "CLUB_SIGNUP_WINDOW_SECONDS", self.window_seconds),
        )

    def _keys(self, request):
        email = ClubSignup.normalise_email(request.POST.get("email", "")[:320])
        digest = salted_hmac("post-limit", f"{client_address(request)} {email}").hexdigest()[:32]
        return f"{self.name}:last:{digest}", f"{self.name}:count:{digest}"


SIGNUP_LIMIT = AddressLimit(
    "club-signup",
    "CLUB_SIGNUP",
    0,
    120,
    600,
    too_many_message=gettext_lazy(
        "Many sign-ups have come from your network in the last few minutes. "
        "Please wait a few minutes and try again."
    ),
)
SAME_FORM_LIMIT = SameFormLimit(
    "club-signup-form",
    "CLUB_SIGNUP",
    1,
    5,
    600,
    too_soon_message=gettext_lazy(
        "Your sign-up was sent a moment ago. Please wait a second and send it again."
    ),
    too_many_message=gettext_lazy(
        "This sign-up has been sent several times in the last few minutes. "
        "Please wait a few minutes and try again."
    ),
)


FILLED_TOO_FAST = gettext_lazy(
    "The form was sent a moment after it opened. Please check what you typed and send it again."
)


def reserve_signup(request):
    """The refusal (and the limit that refused) of a sign-up post, or (None, None) with the
    post counted by both limits."""
    limited = SIGNUP_LIMIT.reserve(request)
    if limited:
        return limited, SIGNUP_LIMIT
    limited = SAME_FORM_LIMIT.reserve(request)
    if limited:
        SIGNUP_LIMIT.release(request)
        return limited, SAME_FORM_LIMIT
    return None, None


def release_signup(request):
    SIGNUP_LIMIT.release(request)
    SAME_FORM_LIMIT.release(request)


RESEND_LIMIT = PostLimit(
    "club-resend",
    "CLUB_RESEND",
    1,
    5,
    600,
    too_soon_message=gettext_lazy(
        "Your request was sent a moment ago. Please wait a second and send it again."
    ),
    too_many_message=gettext_lazy(
        "Many links have been asked for from your network in the last few minutes. "
        "Please wait a few minutes and try again."
    ),
)


class ParticipantLimit(PostLimit):
    """A limit counted per participant (their sign-up), not per address: at a discussion the
    whole seminar room posts from one network address."""

    def _keys(self, request):
        who = getattr(request, "club_signup_pk", None)
        key = f"signup:{who}" if who is not None else client_address(request)
        digest = salted_hmac("post-limit", key).hexdigest()[:32]
        return f"{self.name}:last:{digest}", f"{self.name}:count:{digest}"


ATTENDANCE_LIMIT = ParticipantLimit(
    "club-attendance",
    "CLUB_ATTENDANCE",
    1,
    5,
    600,
    too_soon_message=gettext_lazy(
        "Your code was sent a moment ago. Please wait a second and send it again."
    ),
    too_many_message=gettext_lazy(
        "Too many codes were tried from your link in the last few minutes. "
        "Please wait a few minutes, or ask the teacher to mark you."
    ),
)
LINKS_SESSION_KEY = "reading.club_links"


def _club(club_id):
    club = get_object_or_404(ClubPage.objects.live().public(), pk=club_id)
    return club


@require_http_methods(["GET", "POST"])
def signup(request, club_id):
    """The sign-up form (the club page shows it too) and its post.

    A successful sign-up and one for a place already held get the same answer: a receipt
    kept in the reader's session, which the club page shows instead of the form."""
    club = _club(club_id)
    state = club.signup_state()
    if request.method == "POST":
        form = SignupForm(request.POST, club=club)
        too_fast = state == "open" and filled_too_fast(
            request.POST.get("started"), getattr(settings, "CLUB_SIGNUP_MIN_FILL_SECONDS", 3)
        )
        limited, limit = (
            reserve_signup(request) if state == "open" and not too_fast else (None, None)
        )
        if state != "open":
            form.add_error(None, seats.WINDOW_MESSAGES[state])
        elif too_fast:
            form.add_error(None, FILLED_TOO_FAST)
        elif limited:
            form.add_error(None, limit.message(limited))
        elif not form.is_valid():
            release_signup(request)  # a typo to correct, not a flood
        else:
            # A duplicate stays counted: posting the form address after address is how one
            # would try to learn who signed up.
            try:
                signup = seats.sign_up(club, language=get_language(), **form.cleaned_data)
            except seats.DuplicateSignup as duplicate:
                receipt = duplicate.receipt
            except seats.SignupRefused as refusal:
                form.add_error(None, refusal.message)
                receipt = None
            else:
                receipt = seats.SignupReceipt.of(signup)
            if receipt is not None:
                receipt.remember(request.session, club)
                return redirect(club.url + "#signup")
        status = 429 if limited and state == "open" else 400 if form.errors else 200
    else:
        form = SignupForm(club=club)
        status = 200
    return render(
        request,
        "reading/clubs/signup.html",
        {"club": club, "page": club, "form": form, "signup_state": state},
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def resend_link(request, club_id):
    """Send a participant's private link again, to the address they signed up with.

    The answer is the same whether or not the address has a place, so that nobody can learn
    from it who signed up: the view does the same work for every address (it queues one task),
    and the task looks the address up and emails only its owner."""
    club = _club(club_id)
    sent = False
    status = 200
    if request.method == "POST":
        form = ResendLinkForm(request.POST)
        limited = RESEND_LIMIT.reserve(request)
        if limited:
            form.add_error(None, RESEND_LIMIT.message(limited))
            status = 429
        elif form.is_valid():
            email = ClubSignup.normalise_email(form.cleaned_data["email"])
            transaction.on_commit(partial(send_link_again.enqueue, club.original.pk, email))
            sent = True
            form = ResendLinkForm()
        else:
            RESEND_LIMIT.release(request)
            status = 400
    else:
        form = ResendLinkForm()
    return render(
        request,
        "reading/clubs/resend_link.html",
        {"club": club, "page": club, "form": form, "sent": sent},
        status=status,
    )


def _refused(request, reason):
    if reason == "cancelled":
        message = _(
            "This sign-up was cancelled, so its private link no longer works. "
            "If sign-up is still open you can sign up again from the club page."
        )
        status = 410
    else:
        message = _(
            "This link is not valid. Please use the full link from your confirmation email; "
            "a link that has been altered or cut short cannot be used."
        )
        status = 404
    return render(request, "reading/clubs/link_refused.html", {"message": message}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def participant(request, token):
    """The participant's own page: their place, check-ins, and the club's check-ins."""
    signup, reason = ClubSignup.from_token(token)
    if signup is None:
        return _refused(request, reason)
    club = signup.club
    page = signup.club_page_in_language()
    confirmed = signup.status == ClubSignup.Status.CONFIRMED
    form = CheckInForm(signup=signup)
    name_form = NameDisplayForm(instance=signup)
    reminders_form = RemindersForm(instance=signup)
    if request.method == "POST" and "reminders_choice" in request.POST:
        reminders_form = RemindersForm(request.POST, instance=signup)
        if not confirmed:
            messages.error(request, _("Reminders are for readers with a confirmed place."))
            return redirect(request.path)
        if reminders_form.is_valid():
            reminders_form.save()
            if signup.reminders:
                messages.success(request, _("Reminders are on."))
            else:
                messages.success(request, _("Reminders are off: you will get no more."))
            return redirect(request.path + "#reminders-heading")
    elif request.method == "POST" and "name_display" in request.POST:
        name_form = NameDisplayForm(request.POST, instance=signup)
        if name_form.is_valid():
            name_form.save()
            messages.success(request, _("How others see your name has been changed."))
            return redirect(request.path)
    elif request.method == "POST":
        form = CheckInForm(request.POST, signup=signup)
        if not confirmed:
            form.add_error(None, _("Only readers with a confirmed place can post check-ins."))
        elif form.is_valid():
            form.save()
            messages.success(request, _("Your check-in has been posted."))
            return redirect(request.path + "#checkins-heading")
    today = timezone.localdate()
    context = {
        "signup": signup,
        "club": page,
        "page": page,
        "form": form,
        "name_form": name_form,
        "reminders_form": reminders_form,
        "token": token,
        "reading_open": club.in_reading_period(today) and confirmed,
        "waiting_ahead": club.signups.filter(
            status=ClubSignup.Status.WAITLISTED, position__lt=signup.position
        ).count(),
        "offer_state": offers.state(signup),
        "offer_deadline": offers.when(signup.offer_expires_at) if signup.offer_expires_at else "",
    }
    # A waitlisted reader is not (yet) one of the participants: they see no one's check-ins.
    if confirmed:
        rows = plans.progress(club, today)
        mine = next(row for row in rows if row.signup.pk == signup.pk)
        context.update(
            plan=page.plan,
            plan_steps=list(zip(page.plan, plans.reached_counts(rows, page.plan), strict=True)),
            progress_rows=rows,
            my_progress=mine,
            # Open up to the part this reader reached; later parts are folded.
            stream=plans.stream(club, mine.reached - 1 if mine.reached else 0),
        )
        # The QR code shown at the discussion opens this page again from this browser, for a
        # while (`here`): the link is remembered with the time it was opened.
        links = dict(request.session.get(LINKS_SESSION_KEY, {}))
        links[str(club.pk)] = {"token": token, "at": int(time.time())}
        request.session[LINKS_SESSION_KEY] = links
        context["attendance_code"] = attendance.normalise(request.GET.get("code", ""))[:12]
        # A series: this reader's attendance at each session (one sign-up covers them all).
        series = [s for s in sessions.sessions_of(page) if s.in_series]
        if series:
            marks = sessions.attendance_map(club)
            context["my_sessions"] = [(s, sessions.mark_of(signup, s, marks)) for s in series]
    failed = form.errors or name_form.errors
    return _private(
        render(request, "reading/clubs/participant.html", context, status=400 if failed else 200)
    )


@csrf_exempt  # the signed link is the credential; mail clients post one-click opt-outs
@never_cache
@require_http_methods(["GET", "POST"])
def reminders_off(request, token):
    """The link in every reminder: stops the reminders, without logging in. A GET asks first
    (mail scanners open links); the POST (the button, or a mail client's one-click
    List-Unsubscribe) turns them off. A forged or cut link, or one of a cancelled place, is
    refused as the private page refuses it. Its token is not the private link's: it can stop
    the reminders and nothing else (reading.reminders.opt_out_token)."""
    signup, reason = reminders.signup_from_opt_out_token(token)
    if reason == "cancelled":
        message = _(
            "This place was cancelled, so no reminders are sent for it: there is nothing to stop."
        )
        return render(request, "reading/clubs/link_refused.html", {"message": message}, status=410)
    if signup is None:
        return _refused(request, reason)
    page = signup.club_page_in_language()
    done = False
    if request.method == "POST":
        reminders.opt_out(signup)
        done = True
    context = {"signup": signup, "club": page, "page": page, "token": token, "done": done}
    return _private(render(request, "reading/clubs/reminders_off.html", context))


def _private(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    # The private link must not leak to other sites, but the page posts its own forms:
    # "no-referrer" would make browsers send `Origin: null`, which CSRF protection refuses.
    response["Referrer-Policy"] = "same-origin"
    return response


def _own_checkin(token, pk):
    """The check-in `pk` if it is the token holder's own: (signup, checkin, refusal reason).
    Another participant's check-in is simply not found."""
    signup, reason = ClubSignup.from_token(token)
    if signup is None:
        return None, None, reason
    if signup.status != ClubSignup.Status.CONFIRMED:
        raise Http404
    checkin = get_object_or_404(
        CheckIn.objects.select_related("signup__club"), pk=pk, signup=signup
    )
    return signup, checkin, None


@never_cache
@require_http_methods(["GET", "POST"])
def checkin_edit(request, token, pk):
    """A participant corrects the words or the part of their own check-in; its day stays."""
    signup, checkin, reason = _own_checkin(token, pk)
    if signup is None:
        return _refused(request, reason)
    if request.method == "POST":
        form = CheckInEditForm(request.POST, instance=checkin)
        if form.is_valid():
            form.save()
            messages.success(request, _("Your check-in has been changed."))
            return redirect(reverse("reading:club_participant", args=[token]) + f"#checkin-{pk}")
    else:
        form = CheckInEditForm(instance=checkin)
    page = signup.club_page_in_language()
    context = {"signup": signup, "checkin": checkin, "form": form, "token": token, "club": page}
    return _private(
        render(
            request,
            "reading/clubs/checkin_edit.html",
            context,
            status=400 if form.errors else 200,
        )
    )


@never_cache
@require_http_methods(["GET", "POST"])
def checkin_delete(request, token, pk):
    """Asks first (GET), deletes on the confirming POST; the teacher's replies go with it."""
    signup, checkin, reason = _own_checkin(token, pk)
    if signup is None:
        return _refused(request, reason)
    if request.method == "POST":
        checkin.delete()
        messages.success(request, _("Your check-in has been deleted."))
        return redirect(reverse("reading:club_participant", args=[token]) + "#checkins-heading")
    page = signup.club_page_in_language()
    context = {"signup": signup, "checkin": checkin, "token": token, "club": page}
    return _private(render(request, "reading/clubs/checkin_delete.html", context))


@never_cache
@require_http_methods(["GET", "POST"])
def cancel(request, token):
    signup, reason = ClubSignup.from_token(token)
    if signup is None:
        return _refused(request, reason)
    page = signup.club_page_in_language()
    if request.method == "POST":
        try:
            seats.cancel(signup)
        except seats.SignupRefused as refusal:
            messages.error(request, refusal.message)
            return redirect("reading:club_participant", token=token)
        if request.COOKIES.get(settings.SESSION_COOKIE_NAME):
            # This browser's receipt of the place would now be false: the form comes back.
            seats.SignupReceipt.forget(request.session, signup.club)
        messages.success(
            request, _("Your place has been cancelled. Thank you for letting us know.")
        )
        return redirect(page.url)
    response = render(
        request,
        "reading/clubs/cancel.html",
        {"signup": signup, "club": page, "page": page, "token": token},
    )
    return _private(response)


@never_cache
@require_http_methods(["POST"])
def offer_answer(request, token):
    """The reader accepts or declines the seat offered to them (reading.offers)."""
    signup, reason = ClubSignup.from_token(token)
    if signup is None:
        return _refused(request, reason)
    back = reverse("reading:club_participant", args=[token])
    answer = request.POST.get("answer")
    if answer not in ("accept", "decline"):
        messages.error(request, _("Choose to accept or to decline the seat."))
        return redirect(back)  # the message is at the top, just above the offer
    try:
        seats.answer_offer(signup, accept=answer == "accept")
    except seats.SignupRefused as refusal:
        messages.error(request, refusal.message)
        return redirect(back)
    if answer == "accept":
        messages.success(request, _("The seat is yours: your place is confirmed."))
        return redirect(back)
    if request.COOKIES.get(settings.SESSION_COOKIE_NAME):
        seats.SignupReceipt.forget(request.session, signup.club)
    messages.success(
        request,
        _("You declined the seat and left the waitlist. Thank you for letting us know."),
    )
    return redirect(signup.club_page_in_language().url)


@never_cache
@require_http_methods(["POST"])
def attend(request, token):
    """ "I'm here": a participant enters the code the teacher shows at the discussion."""
    signup, reason = ClubSignup.from_token(token)
    if signup is None:
        return _refused(request, reason)
    back = reverse("reading:club_participant", args=[token]) + "#attendance-heading"
    request.club_signup_pk = signup.pk
    limited = ATTENDANCE_LIMIT.reserve(request)
    if limited:
        messages.error(request, ATTENDANCE_LIMIT.message(limited))
        return redirect(back)
    try:
        attendance.mark_present(signup, request.POST.get("code", ""))
    except attendance.AttendanceRefused as refusal:
        messages.error(request, refusal.message)
        return redirect(back)
    ATTENDANCE_LIMIT.release(request)  # a right code is not a guess
    messages.success(request, _("You are marked as present. Enjoy the discussion!"))
    return redirect(back)


def _remembered_link(request, club):
    """The private link this browser opened for `club` within CLUB_LINK_MEMORY_SECONDS, or
    None: on a shared computer, the next person who scans the code reaches no one's page."""
    if not request.COOKIES.get(settings.SESSION_COOKIE_NAME):
        return None
    entry = request.session.get(LINKS_SESSION_KEY, {}).get(str(club.original.pk))
    if not isinstance(entry, dict):
        return None
    if time.time() - entry.get("at", 0) > settings.CLUB_LINK_MEMORY_SECONDS:
        return None
    return entry.get("token")


@never_cache
def here(request, club_id):
    """Where the QR code shown at the discussion leads: to the participant's own page, with
    the code filled in, when this browser has opened their private link; else it says how."""
    club = _club(club_id)
    code = attendance.normalise(request.GET.get("code", ""))[:12]
    token = _remembered_link(request, club) if attendance.is_current(club, code) else None
    if token and ClubSignup.from_token(token)[0] is not None:
        url = reverse("reading:club_participant", args=[token])
        return redirect(f"{url}?{urlencode({'code': code})}#attendance-heading")
    return _private(
        render(request, "reading/clubs/here.html", {"club": club, "page": club, "code": code})
    )


def club_ics(request, club_id):
    club = _club(club_id)
    response = HttpResponse(calendars.club_calendar(club, request), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="reading-club-{club.pk}.ics"'
    return response


def clubs_feed(request):
    """Every club still to come, in the reader's language, to subscribe to."""
    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist as exc:
        raise Http404 from exc
    clubs = [
        club
        for club in ClubPage.objects.live()
        .public()
        .filter(locale=locale)
        .order_by("discussion_starts")
        if not club.is_past()
    ]
    body = calendars.clubs_feed(clubs, _("Library reading clubs"), request)
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")
