from datetime import timedelta

import factory

from django.utils import timezone

from reading.models import (
    ClubBook,
    ClubIndexPage,
    ClubLeader,
    ClubMilestone,
    ClubPage,
    ClubSession,
    ClubSignup,
)

from .books import BookFactory
from .pages import PageFactory
from .users import UserFactory


def _in(days):
    """A time `days` from now, to the minute, as an editor would type it."""
    return (timezone.now() + timedelta(days=days)).replace(second=0, microsecond=0)


class ClubIndexPageFactory(PageFactory):
    title = "思库读书分享会"
    slug = "clubs"

    class Meta:
        model = ClubIndexPage


class ClubLeaderFactory(factory.django.DjangoModelFactory):
    user = factory.SubFactory(UserFactory, is_staff=True)
    name = factory.Sequence(lambda n: f"领读教师{n}")
    name_en = factory.Sequence(lambda n: f"Teacher {n}")
    affiliation = "人文社会科学学院"
    affiliation_en = "School of Humanities and Social Sciences"
    introduction = "长期带领学生共读经典。"
    introduction_en = "Has led students through the classics for years."

    class Meta:
        model = ClubLeader


class ClubPageFactory(PageFactory):
    """A club whose sign-up is open and whose reading period is under way.

    Pass `books=[...]` for its books (one new book by default), `parent=` a club index and
    `plan=[(title, title_en, pages, target_date), ...]` for a reading plan.
    """

    title = factory.Sequence(lambda n: f"读书分享会 {n}")
    leader = factory.SubFactory(ClubLeaderFactory)
    capacity = 30
    discussion_place = "图书馆一楼研讨室 2"
    reading_starts = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=3))
    reading_ends = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=10))
    discussion_starts = factory.LazyFunction(lambda: _in(14))
    discussion_ends = factory.LazyAttribute(lambda o: o.discussion_starts + timedelta(hours=2))
    signup_opens = factory.LazyFunction(lambda: _in(-1))
    signup_closes = factory.LazyFunction(lambda: _in(10))

    class Meta:
        model = ClubPage

    @classmethod
    def _create(cls, model_class, *args, books=None, plan=(), sessions=(), **kwargs):
        if books is None:
            books = [BookFactory()]
        kwargs["club_books"] = [ClubBook(book=book, sort_order=i) for i, book in enumerate(books)]
        kwargs["milestones"] = [
            ClubMilestone(
                title=title, title_en=title_en, pages=pages, target_date=day, sort_order=i
            )
            for i, (title, title_en, pages, day) in enumerate(plan)
        ]
        page = super()._create(model_class, *args, **kwargs)
        if sessions:
            add_sessions(page, sessions)
        return page


def add_sessions(page, sessions):
    """Make `page` a series: `sessions` are dicts of ClubSession fields, "milestone" an index
    into the page's plan. The discussion fields then follow them (reading.sessions)."""
    plan = list(page.milestones.all())
    for i, fields in enumerate(sessions):
        fields = dict(fields)
        milestone = fields.pop("milestone", None)
        ClubSession.objects.create(
            page=page,
            sort_order=i,
            milestone=plan[milestone] if milestone is not None else None,
            **fields,
        )
    page = ClubPage.objects.get(pk=page.pk)
    revision = page.save_revision()
    if page.live:
        revision.publish()  # the series becomes the schedule participants were told
    return list(page.sessions.all())


class ClubSignupFactory(factory.django.DjangoModelFactory):
    """A sign-up written directly (no lock, no email); tests of the rules use reading.seats."""

    club = factory.SubFactory(ClubPageFactory)
    name = factory.Sequence(lambda n: f"同学{n}")
    email = factory.Sequence(lambda n: f"reader{n}@mail.example.edu")
    role = ClubSignup.Role.STUDENT
    member_number = factory.Sequence(lambda n: f"1221{n:04d}")
    school = "理学院"
    status = ClubSignup.Status.CONFIRMED
    position = factory.Sequence(lambda n: n + 1)

    class Meta:
        model = ClubSignup
