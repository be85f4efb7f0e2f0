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
