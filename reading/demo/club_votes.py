# ruff: noqa: E501  (demo prose reads better unwrapped)
"""Demo content for choosing a club's book together (由师生共同遴选共读书目, the paper §3.2.1).

A winter club led by teacher.li whose book is still being chosen: books about science that
the library holds, nominated by the teacher and by readers (one typed in, not yet in the
catalogue), with confirmed votes and a few ballots still waiting for their email link. And the
past club on 《乡土中国》, whose closed vote decided its book. Idempotent: the club by slug,
the votes by club, ballots by address. Built from the test factories.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from wagtail.models import Locale

from reading import votes
from reading.demo import clubs as club_demo
from reading.models import Book, ClubPage, ClubVote
from tests.factories import (
    ClubBallotFactory,
    ClubNominationFactory,
    ClubVoteFactory,
    VotingClubPageFactory,
    translate_page,
)
from website.home import demo as home_demo

# (catalogue title, or (typed title, author), confirmed votes, waiting ballots, by the teacher)
WINTER_NOMINATIONS = [
    ("上帝掷骰子吗", 6, 1, True),
    ("从一到无穷大", 4, 0, True),
    ("寂静的春天", 3, 1, False),
    (("七堂极简物理课", "卡洛·罗韦利"), 2, 0, False),
    ("时间简史", 1, 0, False),
]
SOIL_NOMINATIONS = [("乡土中国", 7), ("万历十五年", 4), ("活着", 2)]
VOTERS = [
    "sunyue",
    "liming",
    "zhangxin",
    "liuyang",
    "yangfan",
    "huanglei",
    "wudi",
    "zhengshu",
    "chenchen",
    "zhouqi",
    "xuran",
    "heyu",
    "linfeng",
    "guoxin",
    "mali",
    "tangning",
]


def _book(title):
    return Book.objects.filter(title=title).first()


def _ballots(vote, nomination, confirmed, waiting, start, when):
    for i in range(confirmed + waiting):
        email = f"{VOTERS[(start + i) % len(VOTERS)]}.{start + i}@mail.example.edu"
        if vote.ballots.filter(email_normalised=email).exists():
            continue
        ClubBallotFactory(
            vote=vote,
            nomination=nomination,
            email=email,
            language="en" if i % 3 == 0 else "zh-hans",
            created_at=when + timedelta(hours=i),
            confirmed_at=when + timedelta(hours=i, minutes=7) if i < confirmed else None,
        )


def _nominations(vote, rows, when):
    start = 0
    for n, (what, confirmed, waiting, by_teacher) in enumerate(rows):
        if isinstance(what, tuple):
            fields = {"title": what[0], "author": what[1]}
        else:
            fields = {"book": _book(what)}
            if fields["book"] is None:
                continue
        nomination = ClubNominationFactory(
            vote=vote, by_teacher=by_teacher, created_at=when + timedelta(hours=n), **fields
        )
        _ballots(vote, nomination, confirmed, waiting, start, when + timedelta(hours=n + 1))
        start += confirmed + waiting


def build():
    index = club_demo._index(home_demo.home_page())
    now = timezone.now()
    today = timezone.localdate()
    en = Locale.objects.get(language_code="en")

    winter = ClubPage.objects.child_of(index).filter(slug="winter-science").first()
    if winter is None:
        start = club_demo._minute(now + timedelta(days=50)).replace(hour=7, minute=0)
        winter = VotingClubPageFactory(
            parent=index,
            slug="winter-science",
            title="寒假共读：一起选一本讲科学的书",
            introduction="<p>寒假里读一本讲科学的书：老师先提名几本馆藏好书，大家也可以推荐自己想读的，每人投一票。开学前一周投票截止，得票最多的那本就是我们的共读书目；寒假三周线上共读打卡，开学后在图书馆和物理系老师面对面讨论。</p>",
            themes="科学的方法、科学与社会、好奇心",
            leader=club_demo._teacher("teacher.li"),
            audience=ClubPage.Audience.EVERYONE,
            capacity=25,
            reading_starts=today + timedelta(days=21),
            reading_ends=today + timedelta(days=42),
            discussion_starts=start,
            discussion_ends=start + timedelta(hours=2),
            discussion_place="图书馆二楼 研讨室 5",
            signup_opens=club_demo._on(timezone.localdate(), -3, 9),
            signup_closes=club_demo._on(timezone.localdate(), 40, 22),
            books=[],
        )
        translate_page(
            winter,
            "en",
            title="Winter reading: choose a book about science with us",
            introduction="<p>Over the winter break we read one book about science. The teacher has nominated a few good books the library holds, and you can propose the one you want to read; everyone votes once. The vote closes a week before term; the book with the most votes is the one we read, three weeks online with check-ins, then a discussion with a physics professor in the library.</p>",
            themes="The scientific method, science and society, curiosity",
            discussion_place="Library 2nd floor, Seminar Room 5",
        )
    if not ClubVote.objects.filter(club=winter).exists():
        vote = ClubVoteFactory(
            club=winter, opened_by=winter.leader.user, opened_at=now - timedelta(days=3)
        )
        _nominations(vote, WINTER_NOMINATIONS, now - timedelta(days=3))

    # The past club: its vote, closed before the reading started, chose 《乡土中国》.
    soil = ClubPage.objects.child_of(index).filter(slug="from-the-soil").first()
    if soil is not None and not ClubVote.objects.filter(club=soil).exists():
        opened = timezone.make_aware(
            datetime.combine(soil.reading_starts - timedelta(days=14), time(10))
        )
        vote = ClubVoteFactory(club=soil, opened_by=soil.leader.user, opened_at=opened)
        _nominations(vote, [(title, count, 0, True) for title, count in SOIL_NOMINATIONS], opened)
        winner = vote.nominations.filter(book__title="乡土中国").first()
        ClubVote.objects.filter(pk=vote.pk).update(
            state=ClubVote.State.CLOSED,
            closed_at=opened + timedelta(days=10),
            closed_by=soil.leader.user,
            winner=winner,
        )
        votes.forget_addresses(vote)
    assert winter.get_translation_or_none(en) is not None
