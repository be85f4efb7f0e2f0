"""Reading clubs (思库读书分享会): online reading with check-ins, then an offline discussion.

A club exists once per language as a page, but its seats exist once: sign-ups always belong
to the club's original page (the first of its translation group), so a reader signing up on
the English page takes a seat from the same pool as one signing up in Chinese. The schedule
and capacity of a translation are copied from the original on save for the same reason.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.dispatch import receiver
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.functional import cached_property
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.signals import page_published

from reading import plans, streaks, structured_data
from reading.forms.club_page import ClubPageForm
from reading.models.campaigns import NameDisplay, initials_of
from website.core.api_fields import FromPage
from website.core.privacy import ReaderPageManager
from website.search.indexing import ChineseSearchMixin, cjk_search_field

__all__ = [
    "CheckIn",
    "ClubAttendanceCode",
    "ClubBook",
    "ClubMilestone",
    "ClubPost",
    "ClubIndexPage",
    "ClubLeader",
    "ClubPage",
    "ClubScheduleChange",
    "ClubSignup",
]

CLUB_LEADERS_GROUP = "Club leaders"
SIGNUP_LINK_SALT = "reading.clubs.signup-link"


def ensure_club_leaders_group():
    """The group a teacher joins; what it may do is defined with the other roles."""
    # reading.roles reads the page models of this package: imported here to break the cycle.
    from reading.roles import ensure_role

    return ensure_role(CLUB_LEADERS_GROUP)


class ClubLeader(models.Model):
    """The teacher who leads a club (领读教师), tied to the admin account they log in with.

    The profile is shown on club pages in both languages, so it carries its own English text
    rather than being a translatable record that would split the one teacher in two.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("admin account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="club_leader",
        help_text=_("The teacher logs in with this account to see their clubs' sign-ups."),
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)
    affiliation = models.CharField(_("school or department"), max_length=200, blank=True)
    affiliation_en = models.CharField(
        _("school or department in English"), max_length=200, blank=True
    )
    introduction = models.TextField(_("short introduction"), blank=True)
    introduction_en = models.TextField(_("short introduction in English"), blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("user"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
        FieldRowPanel([FieldPanel("affiliation"), FieldPanel("affiliation_en")]),
        FieldPanel("introduction"),
        FieldPanel("introduction_en"),
        FieldPanel("photo"),
    ]

    class Meta:
        verbose_name = _("club leader")
        verbose_name_plural = _("club leaders")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if self.user_id:
            self.user.groups.add(ensure_club_leaders_group())
            if not self.user.is_staff:
                type(self.user).objects.filter(pk=self.user_id).update(is_staff=True)

    def _localized(self, field):
        if (get_language() or "").startswith("en"):
            return getattr(self, f"{field}_en") or getattr(self, field)
        return getattr(self, field)

    @property
    def display_name(self):
        return self._localized("name")

    @property
    def display_affiliation(self):
        return self._localized("affiliation")

    @property
    def display_introduction(self):
        return self._localized("introduction")


class ClubIndexPage(ChineseSearchMixin, Page):
    """Lists the clubs: those still to come first, past ones kept below as an archive."""

    introduction = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction"), cjk_search_field()]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["reading.ClubPage"]

    class Meta:
        verbose_name = _("reading club index")
        verbose_name_plural = _("reading club indexes")

    def clubs(self):
        return (
            ClubPage.objects.for_readers()
            .child_of(self)
            .select_related("leader", "locale")
            .order_by("discussion_starts")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        clubs = list(self.clubs())
        confirmed = ClubSignup.confirmed_counts([club.translation_key for club in clubs])
        for club in clubs:
            club.seats_left_cached = max(club.capacity - confirmed.get(club.translation_key, 0), 0)
        from reading.sessions import prefetch  # it reads this module's models

        prefetch(clubs)
        context["upcoming_clubs"] = [c for c in clubs if c.discussion_end_time() >= now]
        context["past_clubs"] = sorted(
            (c for c in clubs if c.discussion_end_time() < now),
            key=lambda c: c.discussion_starts,
            reverse=True,
        )
        return context


class ClubPage(ChineseSearchMixin, Page):
    """One reading club: the book, the teacher, the reading period and the discussion."""

    objects = ReaderPageManager()

    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("Students and staff")
        STUDENTS = "students", _("Students only")
        STAFF = "staff", _("Staff only")

    # Copied from the original page to its translations: seats and dates exist once.
    SHARED_FIELDS = (
        "leader_id",
        "audience",
        "capacity",
        "reading_starts",
        "reading_ends",
        "discussion_starts",
        "discussion_ends",
        "meeting_url",
        "signup_opens",
        "signup_closes",
        "offer_hours",
    )

    # The plan's milestones exist once, on the original, with their English titles beside
    # (reading.plans): a translation starts without copies of its own.
    exclude_fields_in_copy = ["milestones", "sessions"]
    base_form_class = ClubPageForm

    introduction = RichTextField(_("introduction"), blank=True)
    themes = models.CharField(
        _("themes for discussion"),
        max_length=255,
        blank=True,
        help_text=_("For example: ideas of education, friendship, attitudes to life."),
    )
    leader = models.ForeignKey(
        ClubLeader,
        verbose_name=_("leading teacher"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="clubs",
    )
    audience = models.CharField(
        _("who may join"), max_length=10, choices=Audience.choices, default=Audience.EVERYONE
    )
    capacity = models.PositiveIntegerField(
        _("seats"), default=30, validators=[MinValueValidator(1)]
    )
    reading_starts = models.DateField(_("online reading starts"))
    reading_ends = models.DateField(_("online reading ends"))
    discussion_starts = models.DateTimeField(_("discussion starts"))
    discussion_ends = models.DateTimeField(_("discussion ends"), null=True, blank=True)
    discussion_place = models.CharField(
        _("discussion place"),
        max_length=255,
        blank=True,
        help_text=_('For example "Library 1st floor, seminar room 2".'),
    )
    meeting_url = models.URLField(_("online meeting link"), blank=True)
    signup_opens = models.DateTimeField(_("sign-up opens"))
    signup_closes = models.DateTimeField(_("sign-up closes"))
    # The rules of offers: reading.offers (0: the first waiting reader is promoted at once).
    offer_hours = models.PositiveSmallIntegerField(
        _("hold a freed seat for (hours)"),
        default=0,
        validators=[MaxValueValidator(168)],
        help_text=_(
            "0: a freed seat goes at once to the first reader on the waitlist. More than 0: "
            "the seat is offered to them and held for this many hours (at most until the "
            "discussion starts); if they do not accept it in time, it is offered to the next."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("themes"),
        InlinePanel("club_books", label=_("Books"), min_num=1),
        FieldPanel("leader"),
        InlinePanel(
            "milestones",
            heading=_("Reading plan"),
            label=_("Milestone"),
            help_text=_(
                "The parts of the book to read by each date, in order, within the reading "
                "period. Set the plan on the original (Chinese) page with the English titles "
                "beside: the English page shows the same plan."
            ),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("reading_starts"), FieldPanel("reading_ends")]),
                FieldRowPanel([FieldPanel("discussion_starts"), FieldPanel("discussion_ends")]),
                FieldPanel("discussion_place"),
                FieldPanel("meeting_url"),
            ],
            heading=_("Reading period and discussion"),
            help_text=_(
                "Dates, seats and sign-up times are set on the original (Chinese) page; "
                "translations follow it. Participants are emailed when the discussion moves."
            ),
        ),
        InlinePanel(
            "sessions",
            heading=_("Sessions"),
            label=_("Session"),
            help_text=_(
                "For a series: one session per part of the book, in order, each with its own "
                "time and place; one sign-up covers them all. With sessions, the discussion "
                "above follows them (it starts with the first and ends with the last). Set them "
                "on the original (Chinese) page with the English wording beside."
            ),
        ),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldPanel("capacity"),
                FieldPanel("offer_hours"),
                FieldRowPanel([FieldPanel("signup_opens"), FieldPanel("signup_closes")]),
            ],
            heading=_("Sign-up"),
        ),
    ]
    og_type = "article"
    api_fields = [
        APIField("introduction"),
        APIField("audience"),
        APIField("capacity"),
        APIField("reading_starts"),
        APIField("reading_ends"),
        APIField("discussion_starts"),
        APIField("discussion_ends"),
        APIField("discussion_place"),
        APIField("signup_opens"),
        APIField("signup_closes"),
        APIField("books", serializer=FromPage(lambda page: [b.api_data() for b in page.books()])),
    ]

    def get_json_ld(self, request):
        return structured_data.club(self, request)

    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("themes"),
        index.SearchField("discussion_place"),
        cjk_search_field(),
    ]
    parent_page_types = ["reading.ClubIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("reading club")
        verbose_name_plural = _("reading clubs")

    # The seat pool ---------------------------------------------------------------------

    @cached_property
    def original(self):
        """The page that holds the sign-ups: the first page of the translation group."""
        first = ClubPage.objects.filter(translation_key=self.translation_key).order_by("pk").first()
        if first is None or first.pk == self.pk:
            return self
        return first

    @property
    def is_original(self):
        return self.pk is None or self.original.pk == self.pk

    def place_display(self):
        """The place in this page's language. When the place moved on the original after this
        translation was last published, the translation's wording may be stale, so the
        original's wording follows it (it is what the room sign says); publishing the
        translation again confirms its place and the original's wording goes."""
        original = self.original
        if original.pk == self.pk or not original.discussion_place:
            return self.discussion_place
        if not self.discussion_place:
            return original.discussion_place
        if self.discussion_place == original.discussion_place or not self._place_moved_since(
            original
        ):
            return self.discussion_place
        return f"{self.discussion_place} ({original.discussion_place})"

    def _place_moved_since(self, original):
        """Whether the original's place changed after this translation was last published
        (one query: the original's announced schedules)."""
        changes = list(
            original.schedule_changes.order_by("sequence").values_list(
                "discussion_place", "created_at"
            )
        )
        moved_at = None
        for (before, _at), (after, at) in zip(changes, changes[1:], strict=False):
            if after != before:
                moved_at = at
        if moved_at is None:
            return False
        published = self.last_published_at or self.latest_revision_created_at
        return published is None or published < moved_at

    def schedule(self):
        """The club's sessions (reading.sessions.sessions_of): its series, or its discussion."""
        from reading.sessions import sessions_of

        return sessions_of(self)

    def discussion_end_time(self):
        return self.discussion_ends or self.discussion_starts + timedelta(hours=2)

    def confirmed_count(self):
        if self.original.pk is None:  # a new club in the editor's preview: nobody yet
            return 0
        return self.original.signups.filter(status=ClubSignup.Status.CONFIRMED).count()

    def seats_left(self):
        """Seats nobody holds: a seat offered to a waiting reader is held (reading.offers)."""
        if hasattr(self, "seats_left_cached"):
            return self.seats_left_cached
        if self.original.pk is None:
            return self.capacity
        taken = self.original.signups.filter(ClubSignup.TAKES_A_SEAT).count()
        return max(self.capacity - taken, 0)

    def waitlist_count(self):
        """Readers waiting in the queue (one holding an offered seat is not in it)."""
        if self.original.pk is None:
            return 0
        return (
            self.original.signups.filter(status=ClubSignup.Status.WAITLISTED)
            .exclude(ClubSignup.HOLDS_OFFER)
            .count()
        )

    def is_past(self, now=None):
        return self.discussion_end_time() < (now or timezone.now())

    def signup_state(self, now=None):
        """'past', 'not_open', 'closed' or 'open'."""
        now = now or timezone.now()
        if self.is_past(now):
            return "past"
        if now < self.signup_opens:
            return "not_open"
        if now >= self.signup_closes:
            return "closed"
        return "open"

    def in_reading_period(self, day):
        return self.reading_starts <= day <= self.reading_ends

    def books(self):
        return [
            item.book
            for item in self.club_books.select_related("book").prefetch_related("book__ebooks")
        ]

    @cached_property
    def plan(self):
        """The reading plan's milestones, in order: the original page's, for every language."""
        original = self.original
        if original.pk is None:
            return []
        return list(original.milestones.all())

    # Editing -----------------------------------------------------------------------------

    def clean(self):
        super().clean()
        errors = {}
        if self.reading_starts and self.reading_ends and self.reading_ends < self.reading_starts:
            errors["reading_ends"] = _("The reading period cannot end before it starts.")
        if (
            self.discussion_starts
            and self.discussion_ends
            and self.discussion_ends <= self.discussion_starts
        ):
            errors["discussion_ends"] = _("The discussion must end after it starts.")
        if self.signup_opens and self.signup_closes and self.signup_closes <= self.signup_opens:
            errors["signup_closes"] = _("Sign-up must close after it opens.")
        if (
            self.signup_closes
            and self.discussion_starts
            and self.signup_closes > self.discussion_starts
        ):
            errors["signup_closes"] = _("Sign-up must close before the discussion starts.")
        if not self.discussion_place and not self.meeting_url:
            errors["discussion_place"] = _("Give a place or an online meeting link.")
        from reading.capacity import capacity_error

        if seats := capacity_error(self):
            errors["capacity"] = seats
        if errors:
            raise ValidationError(errors)

    @property
    def sessions_signature(self):
        """The series' schedule as one string (reading.sessions), watched for changes."""
        from reading.sessions import signature

        return signature(self) if self.is_original else ""

    def save(self, *args, **kwargs):
        if self.is_original:
            from reading.sessions import derive_discussion

            derive_discussion(self)
        if self.pk and not self.is_original:
            original = self.original
            for name in self.SHARED_FIELDS:
                setattr(self, name, getattr(original, name))
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        # Both import this module: imported here to break the cycle.
        from reading.forms.clubs import SignupForm
        from reading.seats import SignupReceipt

        context = super().get_context(request, *args, **kwargs)
        context["signup_state"] = self.signup_state()
        # A reader who signed up from this browser sees their place, not the form again. The
        # receipt lives in their session, and a request with a session bypasses the page cache.
        context["signup_receipt"] = SignupReceipt.recalled(request, self)
        context["signup_form"] = SignupForm(club=self)
        # The book vote (reading.votes), counts per book only; it imports this module.
        from reading import votes
        from reading.forms.club_votes import BallotForm

        context.update(votes.page_context(self))
        if context.get("book_vote") is not None and context["book_vote"].is_open:
            context["vote_form"] = BallotForm(nominations=votes.choices(context["book_vote"]))
        # Check-ins carry participants' names: only the teacher and librarians see them here.
        # The plan and how many readers reached each part are for everyone; who they are is not.
        rows = plans.progress(self)
        context["plan"] = self.plan
        context["plan_steps"] = list(
            zip(self.plan, plans.reached_counts(rows, self.plan), strict=True)
        )
        user = getattr(request, "user", None)
        if user is not None and self.original.can_be_managed_by(user):
            context["stream"] = plans.stream(self, plans.due_index(self))
            context["progress_rows"] = rows
            context["show_checkins"] = True
        return context

    def can_be_managed_by(self, user):
        # reading.permissions reads this module's models: imported here to break the cycle.
        from reading.permissions import can_manage_club

        return can_manage_club(user, self)


class ClubMilestone(Orderable):
    """A part of the reading plan: what to have read by a date (e.g. "第一至三封信")."""

    page = ParentalKey(ClubPage, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(
        pgettext_lazy("milestone", "title"),
        max_length=120,
        help_text=_('For example "第一至三封信".'),
    )
    title_en = models.CharField(
        _("title in English"),
        max_length=120,
        blank=True,
        help_text=_('For example "Letters 1–3". Empty: the English page shows the title.'),
    )
    pages = models.CharField(
        _("pages or chapters"),
        max_length=100,
        blank=True,
        help_text=_('For example "pp. 1–38" or "ch. 1–3".'),
    )
    target_date = models.DateField(_("read by"))

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("title_en")]),
        FieldRowPanel([FieldPanel("pages"), FieldPanel("target_date")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self):
        return self.display_title

    @property
    def display_title(self):
        if (get_language() or "").startswith("en"):
            return self.title_en or self.title
        return self.title


class ClubBook(Orderable):
    page = ParentalKey(ClubPage, on_delete=models.CASCADE, related_name="club_books")
    book = models.ForeignKey(
        "reading.Book", verbose_name=_("book"), on_delete=models.PROTECT, related_name="+"
    )

    panels = [FieldPanel("book")]

    class Meta(Orderable.Meta):
        verbose_name = _("club book")
        verbose_name_plural = _("club books")


def club_page_in(club, language):
    """The live page of `club` in `language` (its translation), else `club` itself: the page
    an email in that language links to (sign-ups, reminders, ballots)."""
    page = (
        ClubPage.objects.live()
        .filter(translation_key=club.translation_key, locale__language_code=language)
        .first()
    )
    return page or club


def mask_email(email):
    """'chenchen@mail.example.edu' -> 'c***@mail.example.edu': enough for a reader to
    recognise the address they typed, too little to learn one from a screen over a shoulder."""
    local, at, domain = (email or "").strip().rpartition("@")
    if not at:
        return "***"
    return f"{local[:1]}***@{domain}"


class ClubSignupQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=ClubSignup.Status.CANCELLED)


class ClubSignup(models.Model):
    """A place in a club, or in its waitlist. Never indexed, listed or fed anywhere public:
    only the participant (through the private link), the teacher and librarians see it."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("Waitlisted")
        CANCELLED = "cancelled", _("Cancelled")

    class Role(models.TextChoices):
        STUDENT = "student", _("Student")
        STAFF = "staff", _("Staff")

    club = models.ForeignKey(
        ClubPage, verbose_name=_("club"), on_delete=models.CASCADE, related_name="signups"
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=100)
    email = models.EmailField(_("email"))
    email_normalised = models.CharField(max_length=254, editable=False)
    role = models.CharField(_("I am"), max_length=10, choices=Role.choices)
    member_number = models.CharField(_("student or staff number"), max_length=30)
    school = models.CharField(_("school or department"), max_length=200)
    note = models.TextField(_("note"), blank=True, max_length=1000)
    name_display = models.CharField(
        _("how other participants see your name"),
        max_length=16,
        choices=NameDisplay.choices,
        default=NameDisplay.INITIALS,
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    position = models.PositiveIntegerField(
        _("position"), help_text=_("Order of sign-up; the waitlist is served in this order.")
    )
    language = models.CharField(max_length=10, default="zh-hans", editable=False)
    # Opted into at sign-up (off by default); the rules of what is sent: reading.reminders.
    reminders = models.BooleanField(_("email me reminders"), default=False)
    secret = models.CharField(max_length=64, editable=False, default="")
    created_at = models.DateTimeField(_("signed up"), default=timezone.now)
    promoted_at = models.DateTimeField(_("promoted from the waitlist"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    # Marked by the teacher at the discussion; empty until they do (the sheet shows a blank).
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    # A freed seat offered to this waiting reader (reading.offers): held for them until
    # `offer_expires_at`; once it passed them by (expired), `offer_passed_at` says when.
    offered_at = models.DateTimeField(_("seat offered"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer expires"), null=True, blank=True)
    offer_passed_at = models.DateTimeField(_("offer passed on"), null=True, blank=True)

    # A waiting reader with a running offer holds a seat, as a confirmed one does.
    HOLDS_OFFER = Q(
        status="waitlisted", offer_expires_at__isnull=False, offer_passed_at__isnull=True
    )
    TAKES_A_SEAT = Q(status="confirmed") | HOLDS_OFFER

    objects = ClubSignupQuerySet.as_manager()

    class Meta:
        verbose_name = _("club sign-up")
        verbose_name_plural = _("club sign-ups")
        ordering = ["club", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["club", "email_normalised"],
                condition=~Q(status="cancelled"),
                name="club_signup_one_active_place_per_email",
            ),
            models.UniqueConstraint(
                fields=["club", "position"], name="club_signup_unique_position"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_status_display()})"

    def save(self, *args, **kwargs):
        self.email_normalised = self.normalise_email(self.email)
        if not self.secret:
            self.secret = secrets.token_urlsafe(24)
        super().save(*args, **kwargs)

    @staticmethod
    def normalise_email(email):
        return (email or "").strip().lower()

    def public_name(self):
        """The name other participants see, as the participant chose it. The club's teacher
        and librarians see `name` itself (it is their own club's list)."""
        if self.name_display == NameDisplay.FULL:
            return self.name
        if self.name_display == NameDisplay.INITIALS:
            return initials_of(self.name) or str(_("Anonymous reader"))
        return str(_("Anonymous reader"))

    def masked_email(self):
        return mask_email(self.email)

    # The private link ----------------------------------------------------------------------

    def make_token(self):
        return signing.dumps({"s": self.pk, "n": self.secret}, salt=SIGNUP_LINK_SALT)

    @classmethod
    def from_token(cls, token):
        """The sign-up a private link names, or a reason it cannot be used.

        Returns (signup, None) or (None, reason) where reason is 'invalid' or 'cancelled'.
        """
        try:
            data = signing.loads(token, salt=SIGNUP_LINK_SALT)
            signup_id, nonce = int(data["s"]), str(data["n"])
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            return None, "invalid"
        signup = cls.objects.select_related("club").filter(pk=signup_id).first()
        if signup is None or not constant_time_compare(signup.secret, nonce):
            return None, "invalid"
        if signup.status == cls.Status.CANCELLED:
            return None, "cancelled"
        return signup, None

    @classmethod
    def confirmed_counts(cls, translation_keys):
        """Seats taken per club: confirmed places and seats held for an offer."""
        rows = (
            cls.objects.filter(cls.TAKES_A_SEAT, club__translation_key__in=translation_keys)
            .values("club__translation_key")
            .annotate(n=Count("pk"))
        )
        return {row["club__translation_key"]: row["n"] for row in rows}

    def club_page_in_language(self):
        """The club page in the participant's language, for emails and their page."""
        return club_page_in(self.club, self.language)


class CheckInQuerySet(models.QuerySet):
    def for_club(self, club):
        return (
            self.filter(signup__club=club, signup__status=ClubSignup.Status.CONFIRMED)
            .select_related("signup", "milestone")
            .order_by("-day", "-created_at")
        )


class CheckIn(models.Model):
    """A reading check-in (打卡): where the reader has got to and a few sentences about it."""

    signup = models.ForeignKey(
        ClubSignup, verbose_name=_("participant"), on_delete=models.CASCADE, related_name="checkins"
    )
    day = models.DateField(_("day"))
    progress = models.CharField(
        _("pages or chapter reached"),
        max_length=100,
        help_text=_('For example "p. 120" or "ch. 5".'),
    )
    text = models.TextField(_("a few sentences"), max_length=2000)
    milestone = models.ForeignKey(
        ClubMilestone,
        verbose_name=_("part of the plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="checkins",
    )
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = CheckInQuerySet.as_manager()

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["-day", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["signup", "day"], name="checkin_one_per_day"),
        ]

    def __str__(self):
        return f"{self.signup.name} · {self.day}"

    @property
    def is_backfilled(self):
        """Posted after its day was over (补打卡): shown as such, left out of streaks."""
        return streaks.is_backfilled(self.day, self.created_at)


class ClubPost(models.Model):
    """The teacher's words in the check-in stream: a prompt (a question for a part of the
    plan) or a reply to one check-in.

    One model with a `kind` rather than two: both are short texts by the club's teacher, shown
    in the same stream under the same name, written from the same screen, and deleted with
    the club; a reply is a prompt that answers one check-in instead of opening a part."""

    class Kind(models.TextChoices):
        PROMPT = "prompt", pgettext_lazy("club post", "Prompt")
        REPLY = "reply", pgettext_lazy("club post", "Reply")

    club = models.ForeignKey(
        ClubPage, verbose_name=_("club"), on_delete=models.CASCADE, related_name="posts"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    milestone = models.ForeignKey(
        ClubMilestone,
        verbose_name=_("part of the plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="prompts",
    )
    checkin = models.ForeignKey(
        CheckIn,
        verbose_name=_("check-in"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    author = models.ForeignKey(
        ClubLeader,
        verbose_name=_("teacher"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="posts",
    )
    text = models.TextField(_("text"), max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("teacher's post")
        verbose_name_plural = _("teacher's posts")
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="prompt", checkin__isnull=True)
                | Q(kind="reply", checkin__isnull=False),
                name="club_post_reply_has_a_checkin",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.club}"

    def author_name(self):
        """The teacher's name as the club page shows it, in the reader's language."""
        return self.author.display_name if self.author else str(_("Leading teacher"))


class ClubAttendanceCode(models.Model):
    """A short code the teacher shows at the discussion (with its QR code): a participant who
    enters it through their private link before it expires is marked as attended. Only the
    club's latest code counts (reading.attendance)."""

    club = models.ForeignKey(
        ClubPage, verbose_name=_("club"), on_delete=models.CASCADE, related_name="attendance_codes"
    )
    code = models.CharField(_("code"), max_length=12)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("valid until"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # In a series (reading.sessions), the session the code is valid for; empty: the discussion.
    session = models.ForeignKey(
        "reading.ClubSession",
        verbose_name=_("session"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attendance_codes",
    )

    class Meta:
        verbose_name = _("attendance code")
        verbose_name_plural = _("attendance codes")
        ordering = ["-created_at"]
        get_latest_by = "created_at"

    def __str__(self):
        return f"{self.club} · {self.code}"

    def is_valid(self, now=None):
        return (now or timezone.now()) < self.expires_at


class ClubScheduleChange(models.Model):
    """The discussion's date and place as last announced to participants.

    Comparing a newly published page with this record (rather than with page revisions)
    tells whether participants must be told, whatever the editing path was; its count is
    the iCalendar SEQUENCE, so calendars replace the old entry instead of adding one.
    """

    club = models.ForeignKey(ClubPage, on_delete=models.CASCADE, related_name="schedule_changes")
    sequence = models.PositiveIntegerField(default=0)
    discussion_starts = models.DateTimeField()
    discussion_ends = models.DateTimeField(null=True, blank=True)
    discussion_place = models.CharField(max_length=255, blank=True)
    meeting_url = models.URLField(blank=True)
    # A series' sessions (reading.sessions.signature): a change to any one is announced once.
    sessions_signature = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    notified = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("discussion change")
        verbose_name_plural = _("discussion changes")
        ordering = ["club", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["club", "sequence"], name="club_schedule_sequence"),
        ]

    WATCHED = (
        "discussion_starts",
        "discussion_ends",
        "discussion_place",
        "meeting_url",
        "sessions_signature",
    )

    def __str__(self):
        return f"{self.club} #{self.sequence}"

    def differs_from(self, club):
        return any(getattr(self, name) != getattr(club, name) for name in self.WATCHED)


def calendar_sequence(club):
    last = club.original.schedule_changes.order_by("-sequence").first()
    return last.sequence if last else 0


@receiver(page_published)
def club_published(sender, instance, **kwargs):
    """After a club is published: keep translations on its schedule, tell participants when
    the discussion moved, and fill new seats from the waitlist."""
    if isinstance(instance, ClubPage):
        from reading.seats import after_publish

        after_publish(instance)
