from wagtail.models import Locale

from reading.demo import clubs as club_demo
from reading.models import CheckIn, ClubPage, ClubSignup


def test_bilingual_clubs_one_full_with_a_waitlist_one_past_built_once(home):
    club_demo.build()
    club_demo.build()
    zh = ClubPage.objects.filter(locale__language_code="zh-hans")
    assert zh.count() == 3
    assert ClubPage.objects.filter(locale__language_code="en").count() == 3
    letters = zh.get(slug="twelve-letters")
    assert letters.seats_left() == 0
    assert letters.signups.filter(status=ClubSignup.Status.WAITLISTED).count() == 3
    assert CheckIn.objects.filter(signup__club=letters).exists()
    feynman = zh.get(slug="feynman")
    assert feynman.seats_left() > 0
    assert letters.leader.user.username == "teacher.wang"
    assert feynman.leader.user != letters.leader.user


def test_the_past_club_has_its_attendance_marked(home):
    club_demo.build()
    club_demo.build()
    soil = ClubPage.objects.get(slug="from-the-soil", locale__language_code="zh-hans")
    assert soil.is_past()
    marked = list(soil.signups.values_list("attended", flat=True))
    assert (marked.count(True), marked.count(False), len(marked)) == (11, 3, 14)


def test_the_letters_club_reads_to_a_plan(home):
    club_demo.build()
    club_demo.build()
    letters = ClubPage.objects.get(slug="twelve-letters", locale__language_code="zh-hans")
    plan = letters.plan
    assert len(plan) == 4 and all(m.title_en.startswith("Letters ") for m in plan)
    assert [m.target_date for m in plan] == sorted(m.target_date for m in plan)
    assert all(letters.in_reading_period(m.target_date) for m in plan)
    checkins = list(CheckIn.objects.filter(signup__club=letters))
    assert all(c.milestone is not None for c in checkins)
    assert [c.text[:8] for c in checkins if c.is_backfilled] == ["“静”不是没有声"]
    assert {c.milestone.sort_order for c in checkins} == {0, 1, 2, 3}
    kinds = sorted(letters.posts.values_list("kind", flat=True))
    assert kinds == ["prompt", "reply"]
    english = letters.get_translation(Locale.objects.get(language_code="en")).specific
    assert [m.pk for m in english.plan] == [m.pk for m in plan]


def test_the_letters_club_gives_a_meaningful_digest(home):
    """The teacher's digest of the demo check-ins finds the threads the readers share."""
    from reading.digest import club_digest

    club_demo.build()
    letters = ClubPage.objects.get(slug="twelve-letters", locale__language_code="zh-hans")
    result = club_digest(letters)
    words = [t.word for t in result.terms]
    for theme in ("读书", "兴趣", "冷静", "人生", "朱先生"):
        assert theme in words
    assert len(result.questions) >= 4 and len(result.quotes) == 3
    assert letters.signups.filter(reminders=True).exists()
