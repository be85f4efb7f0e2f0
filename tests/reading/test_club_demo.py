from reading.demo import clubs as club_demo
from reading.models import CheckIn, ClubPage, ClubSignup


def test_two_bilingual_clubs_one_full_with_a_waitlist_built_once(home):
    club_demo.build()
    club_demo.build()
    zh = ClubPage.objects.filter(locale__language_code="zh-hans")
    assert zh.count() == 2
    assert ClubPage.objects.filter(locale__language_code="en").count() == 2
    letters = zh.get(slug="twelve-letters")
    assert letters.seats_left() == 0
    assert letters.signups.filter(status=ClubSignup.Status.WAITLISTED).count() == 3
    assert CheckIn.objects.filter(signup__club=letters).exists()
    feynman = zh.get(slug="feynman")
    assert feynman.seats_left() > 0
    assert letters.leader.user.username == "teacher.wang"
    assert feynman.leader.user != letters.leader.user
