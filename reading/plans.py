"""A club's reading plan: milestones (parts of the book with a target date) and the check-in
stream read part by part, so that nobody meets a spoiler before reaching it.

The plan exists once, on the club's original page, like its seats and dates: the English page
shows the same milestones with their English titles, and check-ins (which belong to the
original's sign-ups) point at them. A part of the stream is open when the viewer has reached
it (a participant: the furthest part they checked in to; anyone else: the part due now);
later parts are folded behind a "spoilers" disclosure.
"""

from dataclasses import dataclass, field

from django.db.models import Max, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from reading import streaks


def plan_errors(reading_starts, reading_ends, target_dates):
    """{index: message} for the milestones whose date is outside the reading period or
    earlier than the milestone before it (`target_dates` in the plan's order; None = unset)."""
    errors = {}
    previous = None
    for index, day in enumerate(target_dates):
        if day is None:
            continue
        if reading_starts and reading_ends and not reading_starts <= day <= reading_ends:
            errors[index] = _(
                "The target date must be within the reading period, %(start)s to %(end)s."
            ) % {"start": reading_starts.isoformat(), "end": reading_ends.isoformat()}
        elif previous is not None and day < previous:
            errors[index] = _(
                "Milestones go in the order they are read: this date is before the one above."
            )
        previous = day
    return errors


def milestone_for(day, milestones):
    """The milestone a check-in of `day` belongs to by default: the next one due on that day
    (the last one once all are past); None for a club without a plan."""
    for milestone in milestones:
        if milestone.target_date >= day:
            return milestone
    return milestones[-1] if milestones else None


def index_of(milestone_id, milestones):
    for index, milestone in enumerate(milestones):
        if milestone.pk == milestone_id:
            return index
    return None


@dataclass
class StreamPart:
    """One milestone's part of the stream (milestone None: check-ins outside the plan)."""

    milestone: object
    index: int
    collapsed: bool
    checkins: list = field(default_factory=list)
    prompts: list = field(default_factory=list)


def stream(club, open_through, *, checkins=None):
    """The club's check-ins (confirmed participants only), newest first, in parts by milestone.

    `open_through` is the index of the last part shown open; -1 folds every part. Check-ins
    without a milestone (older ones, or a club without a plan) come last, open, as before."""
    # reading.models.clubs imports this module: imported here to break the cycle.
    from reading.models.clubs import CheckIn, ClubPost

    original = club.original
    if original.pk is None:  # a new club's preview: nothing posted yet
        return []
    milestones = original.plan
    if checkins is None:
        checkins = list(
            CheckIn.objects.for_club(original).prefetch_related(
                Prefetch("replies", queryset=ClubPost.objects.select_related("author"))
            )
        )
    prompts = list(
        ClubPost.objects.filter(club=original, kind=ClubPost.Kind.PROMPT)
        .select_related("author")
        .order_by("-created_at")
    )
    parts = [
        StreamPart(milestone, index, collapsed=index > open_through)
        for index, milestone in enumerate(milestones)
    ]
    loose = StreamPart(None, len(parts), collapsed=False)
    by_id = {part.milestone.pk: part for part in parts}
    for checkin in checkins:
        by_id.get(checkin.milestone_id, loose).checkins.append(checkin)
    for prompt in prompts:
        by_id.get(prompt.milestone_id, loose).prompts.append(prompt)
    return [part for part in parts if part.checkins or part.prompts] + (
        [loose] if loose.checkins or loose.prompts else []
    )


def due_index(club, today=None):
    """The index of the milestone due now (the plan's current part), -1 without a plan."""
    milestones = club.original.plan
    current = milestone_for(today or timezone.localdate(), milestones)
    return milestones.index(current) if current is not None else -1


@dataclass
class Progress:
    signup: object
    reached: int  # how many milestones the reader has reached
    streak: int
    furthest: object = None  # the furthest milestone reached


def progress(club, today=None):
    """Each confirmed participant's progress through the plan and their honest streak, in
    sign-up order: two queries, whatever the number of participants and check-ins."""
    # reading.models.clubs imports this module: imported here to break the cycle.
    from reading.models.clubs import CheckIn, ClubSignup

    original = club.original
    if original.pk is None:  # a new club's preview: nobody has signed up
        return []
    milestones = original.plan
    today = today or timezone.localdate()
    signups = list(
        original.signups.filter(status=ClubSignup.Status.CONFIRMED)
        .annotate(furthest_order=Max("checkins__milestone__sort_order"))
        .order_by("position")
    )
    days = {}
    for signup_id, day, created_at in CheckIn.objects.filter(
        signup__in=[s.pk for s in signups]
    ).values_list("signup_id", "day", "created_at"):
        days.setdefault(signup_id, []).append((day, created_at))
    orders = [m.sort_order for m in milestones]
    rows = []
    for signup in signups:
        reached = 0
        if signup.furthest_order is not None and signup.furthest_order in orders:
            reached = orders.index(signup.furthest_order) + 1
        rows.append(
            Progress(
                signup,
                reached,
                streaks.streak(days.get(signup.pk, []), today),
                milestones[reached - 1] if reached else None,
            )
        )
    return rows


def reached_counts(rows, milestones):
    """How many participants reached each milestone: what the public page may say of them."""
    return [sum(1 for row in rows if row.reached > index) for index in range(len(milestones))]
