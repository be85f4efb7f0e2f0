"""The digest of a club's check-ins for its teacher (reading.digest): recurring words (Chinese
cut by jieba, English by words, stop words dropped), themes, quotes under the names readers
chose, their questions; the same every time, in a fixed number of queries, and shown only in
the teacher's own club screen."""

import subprocess
import sys
from datetime import timedelta

import pytest

from django.utils import timezone

from reading import digest
from reading.models import CheckIn, ClubPage
from tests.factories import (
    ClubIndexPageFactory,
    ClubLeaderFactory,
    ClubPageFactory,
    ClubSignupFactory,
    UserFactory,
)

TEXTS = [
    ("张三", "full", "“读书并不在多，最重要的是选得精，读得彻底。”我把书单删到了五本。"),
    ("李小明", "initials", "朱先生谈读书，劝青年读有永久性的书。精读一本胜过泛读十本。"),
    ("王五", "anonymous", "读书要彻底。可是怎样才算读得彻底？我还没有答案。"),
    (
        "Amy Lin",
        "full",
        "Reading slowly: Zhu's advice on reading is to choose few books. Is it true?",
    ),
]


@pytest.fixture
def club(home):
    club = ClubPageFactory(
        parent=ClubIndexPageFactory(parent=home),
        leader=ClubLeaderFactory(),
        themes="读书方法、人生态度",
    )
    return ClubPage.objects.get(pk=club.pk)


@pytest.fixture
def checkins(club):
    day = club.reading_starts
    for i, (name, shown, text) in enumerate(TEXTS):
        signup = ClubSignupFactory(club=club, name=name, name_display=shown)
        CheckIn.objects.create(signup=signup, day=day + timedelta(days=i), progress="p.", text=text)
    return club


def test_chinese_is_cut_into_words_and_stop_words_are_dropped():
    found = digest.words("朱先生说读书并不在多，我们应该选得精、读得彻底。")
    assert "读书" in found and "彻底" in found and "朱先生" in found
    for stop in ("我们", "应该", "的", "在"):
        assert stop not in found
    assert digest.words("Zhu's advice is simple and TRUE") == ["zhu", "advice", "simple", "true"]


def test_recurring_words_are_counted_once_per_check_in(checkins):
    result = digest.club_digest(checkins)
    terms = {t.word: t.checkins for t in result.terms}
    assert terms["读书"] == 3  # three readers; 王五 writes it once, 张三 not as a word
    assert terms["彻底"] == 2
    assert "书单" not in terms  # one check-in only: not recurring
    assert result.checkins == 4 and result.readers == 4
    assert [t.word for t in result.terms][:1] == ["读书"]


def test_the_clubs_themes_are_counted(checkins):
    themes = {t.theme: t.checkins for t in digest.club_digest(checkins).themes}
    assert themes == {"读书方法": 3, "人生态度": 0}


def test_questions_are_found_and_authors_named_as_they_chose(checkins):
    result = digest.club_digest(checkins)
    assert [(q.text, q.author) for q in result.questions] == [
        ("可是怎样才算读得彻底？", "Anonymous reader"),
        ("Is it true?", "Amy Lin"),
    ]
    authors = {q.author for q in result.quotes}
    assert authors <= {"张三", "L. X. M.", "Anonymous reader", "Amy Lin"}
    assert "李小明" not in authors and "王五" not in authors
    assert len(result.quotes) == 3 and len(authors) == 3  # one per reader


def test_the_digest_is_the_same_every_time(checkins):
    assert digest.club_digest(checkins) == digest.club_digest(checkins)


def test_no_check_ins_no_digest(club):
    assert not digest.club_digest(club)


def test_waitlisted_readers_are_left_out(checkins):
    waiting = ClubSignupFactory(club=checkins, status="waitlisted")
    CheckIn.objects.create(
        signup=waiting, day=timezone.localdate(), progress="p.", text="秘密秘密？秘密"
    )
    result = digest.club_digest(checkins)
    assert result.checkins == 4 and all("秘密" not in q.text for q in result.questions)


def test_query_count_does_not_grow_with_check_ins(checkins, django_assert_num_queries):
    digest.words("预热")  # jieba loaded once beforehand: it reads no database
    with django_assert_num_queries(3) as few:
        digest.club_digest(ClubPage.objects.get(pk=checkins.pk))
    for n in range(20):
        signup = ClubSignupFactory(club=checkins)
        CheckIn.objects.create(
            signup=signup, day=checkins.reading_starts, progress="p.", text=f"读书第{n}天？"
        )
    with django_assert_num_queries(len(few.captured_queries)):
        digest.club_digest(ClubPage.objects.get(pk=checkins.pk))


def test_jieba_is_quiet_and_loads_only_when_used():
    """No log line on stderr, and nothing fetched: its dictionary ships in the wheel."""
    script = (
        "import reading.digest as d, sys; assert d._tokenizer is None; "
        "print(d.words('朱先生谈读书'))"
    )
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE',"
            "'website.settings.test'); django.setup(); " + script,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "读书" in done.stdout
    assert "Building prefix dict" not in done.stderr and "Loading model" not in done.stderr


def test_the_teacher_reads_the_digest_in_their_club_screen(client, checkins):
    client.force_login(checkins.leader.user)
    club_screen = client.get(f"/admin/my-clubs/{checkins.pk}/").content.decode()
    assert f"/admin/my-clubs/{checkins.pk}/digest/" in club_screen
    html = client.get(f"/admin/my-clubs/{checkins.pk}/digest/").content.decode()
    assert "读书" in html and "可是怎样才算读得彻底？" in html
    assert "L. X. M." in html and "Anonymous reader" in html


def test_another_teacher_does_not_see_it(client, checkins):
    other = ClubLeaderFactory()
    client.force_login(other.user)
    assert client.get(f"/admin/my-clubs/{checkins.pk}/digest/").status_code == 404


def test_a_reader_without_admin_access_does_not_see_it(client, checkins):
    client.force_login(UserFactory())
    response = client.get(f"/admin/my-clubs/{checkins.pk}/digest/")
    assert response.status_code in (302, 403)
