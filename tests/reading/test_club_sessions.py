"""A club as a series of sessions (issue 18): one rule (reading.sessions.sessions_of) says when
and where a club meets; one sign-up covers the series; attendance is counted per session."""

import csv
import io
from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone, translation

from wagtail.test.utils.form_data import inline_formset

from reading import attendance, sessions
from reading.calendars import club_calendar
from reading.models import ClubPage, ClubSessionAttendance, ClubSignup
from tests.factories import (
    BookFactory,
    ClubIndexPageFactory,
    ClubLeaderFactory,
    ClubPageFactory,
    ClubSignupFactory,
    translate_page,
)
from tests.factories.clubs import add_sessions
from tests.reading.test_club_admin_editing import club_form
from tests.reading.test_club_signup_flow import signup_data

SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = timezone.localdate()


def at(days, hour=19):
    day = TODAY + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=SHANGHAI)


PLAN = [
    ("第一部分", "Part 1", "pp. 1–100", TODAY + timedelta(days=3)),
    ("第二部分", "Part 2", "pp. 101–200", TODAY + timedelta(days=7)),
    ("第三部分", "Part 3", "pp. 201–300", TODAY + timedelta(days=10)),
]


def session(n, days, place="图书馆一楼 研讨室 2", **extra):
    return {
        "title": f"第{n}次见面",
        "title_en": f"Session {n}",
        "starts": at(days),
        "ends": at(days, 21),
        "place": place,
        "place_en": "Library, Seminar Room 2",
        "milestone": n - 1,
        **extra,
    }


@pytest.fixture
def index(home):
    return ClubIndexPageFactory(parent=home)


@pytest.fixture
def single(index):
    return ClubPageFactory(parent=index, leader=ClubLeaderFactory(), title="单次共读")


@pytest.fixture
def series(index):
    club = ClubPageFactory(
        parent=index,
        leader=ClubLeaderFactory(),
        title="《费曼》共读",
        plan=PLAN,
        signup_closes=timezone.now() + timedelta(days=1),
    )
    add_sessions(club, [session(1, 4), session(2, 8), session(3, 11, place="图书馆二楼 报告厅")])
    translate_page(club, "en", title="Feynman, in three sessions")
    return ClubPage.objects.get(pk=club.pk)


def english(club):
    return ClubPage.objects.get(translation_key=club.translation_key, locale__language_code="en")


# The rule ----------------------------------------------------------------------------------


def test_a_club_without_rows_meets_once_at_its_discussion(single):
    [only] = sessions.sessions_of(single)
    assert not only.in_series and only.key == "discussion"
    assert only.starts == single.discussion_starts and only.ends == single.discussion_ends
    assert only.place == single.discussion_place
    assert not sessions.is_series(single)


def test_a_series_is_its_rows_in_order_and_the_discussion_follows_them(series):
    with translation.override("zh-hans"):
        found = sessions.sessions_of(series)
    assert [s.number for s in found] == [1, 2, 3] and {s.count for s in found} == {3}
    assert [s.title for s in found] == ["第1次见面", "第2次见面", "第3次见面"]
    assert found[0].milestone.title == "第一部分"
    # Old code that reads the discussion fields stays right: first start, last end.
    assert series.discussion_starts == at(4) and series.discussion_ends == at(11, 21)
    assert series.discussion_place == "图书馆一楼 研讨室 2"
    assert not series.is_past(at(9))  # the series is under way until its last session


def test_the_english_page_shows_the_originals_sessions_in_english(series):
    page = english(series)
    html = Client().get(page.url).content.decode()
    assert "3 sessions, one sign-up for all" in html
    assert "Session 1" in html and "Session 3" in html and "Part 2" in html
    assert "Library, Seminar Room 2" in html
    assert page.discussion_starts == series.discussion_starts


def test_the_club_page_lists_every_session(series):
    html = Client().get(series.url).content.decode()
    for n in (1, 2, 3):
        assert f"第{n}次见面" in html
    assert "图书馆二楼 报告厅" in html


# The calendar ------------------------------------------------------------------------------


def test_the_ics_has_one_event_per_session_with_stable_uids(series):
    with translation.override("zh-hans"):
        events = Calendar.from_ical(club_calendar(series)).walk("VEVENT")
    meetings = [e for e in events if "session-" in str(e["uid"])]
    assert len(events) == 4 and len(meetings) == 3  # the reading period, then the sessions
    assert [e.decoded("dtstart") for e in meetings] == [at(4), at(8), at(11)]
    assert str(meetings[2]["location"]) == "图书馆二楼 报告厅"
    again = Calendar.from_ical(club_calendar(english(series))).walk("VEVENT")
    assert [str(e["uid"]) for e in again] == [str(e["uid"]) for e in events]


def test_a_single_clubs_ics_is_as_before(single):
    events = Calendar.from_ical(club_calendar(single)).walk("VEVENT")
    assert [str(e["uid"]).split("@")[0] for e in events] == [
        f"club-{single.pk}-reading",
        f"club-{single.pk}-discussion",
    ]


def test_structured_data_has_a_sub_event_per_session(series, rf):
    from reading.structured_data import club

    data = club(series, rf.get("/"))
    assert datetime.fromisoformat(data["startDate"]) == at(4)
    starts = [datetime.fromisoformat(e["startDate"]) for e in data["subEvent"]]
    assert starts == [at(d) for d in (4, 8, 11)]


# Attendance by code, per session ------------------------------------------------------------


@pytest.fixture
def reader(series):
    return ClubSignupFactory(club=series, name="赵六", email="zhaoliu@mail.example.edu")


def test_a_code_marks_its_session_only(series, reader):
    first, second, _third = sessions.sessions_of(series)
    code = attendance.new_code(series, session=first).code
    attendance.mark_present(reader, code)
    row = ClubSessionAttendance.objects.get(signup=reader)
    assert row.session == first.row and row.present and row.how == "code"
    reader.refresh_from_db()
    assert reader.attended is True  # the summary the participation reports read


def test_a_code_of_session_1_is_refused_for_session_2(series, reader):
    first, second, _third = sessions.sessions_of(series)
    code = attendance.new_code(series, session=first).code
    with pytest.raises(attendance.AttendanceRefused) as refused:
        attendance.mark_present(reader, code, session=second)
    assert refused.value.code == "other_session"
    # A new code for session 2 ends the old one: session 1's code is no longer the code.
    attendance.new_code(series, session=second)
    with pytest.raises(attendance.AttendanceRefused) as refused:
        attendance.mark_present(reader, code)
    assert refused.value.code == "wrong"
    assert not ClubSessionAttendance.objects.exists()


def test_an_expired_code_is_refused_with_a_clear_message(series, reader, settings):
    settings.CLUB_ATTENDANCE_CODE_MINUTES = 10
    first = sessions.sessions_of(series)[0]
    code = attendance.new_code(series, session=first).code
    with pytest.raises(attendance.AttendanceRefused) as refused:
        attendance.mark_present(reader, code, now=timezone.now() + timedelta(minutes=11))
    assert refused.value.code == "expired" and "expired" in str(refused.value.message)
    assert not ClubSessionAttendance.objects.exists()


def test_the_participant_enters_the_code_and_sees_each_session(series, reader):
    first = sessions.sessions_of(series)[0]
    code = attendance.new_code(series, session=first).code
    client = Client()
    token = reader.make_token()
    response = client.post(f"/en/clubs/my/{token}/attend/", {"code": code})
    html = client.get(response["Location"]).content.decode()
    assert "You are marked as present" in html
    assert "you were present" in html and html.count("not marked yet") == 2
    assert ClubSessionAttendance.objects.filter(signup=reader, session=first.row).exists()


def test_the_teacher_opens_a_code_for_a_chosen_session(client, series):
    client.force_login(series.leader.user)
    url = f"/admin/my-clubs/{series.pk}/attendance-code/"
    html = client.get(url).content.decode()
    assert 'name="session"' in html and "3. Session 3" in html  # the admin's language
    third = sessions.sessions_of(series)[2]
    client.post(url, {"session": third.pk})
    assert attendance.current_code(series).session == third.row
    assert "Session 3 of 3" in client.get(url).content.decode()
    # A session of another club, or none, is refused with a message and opens nothing.
    response = client.post(url, {"session": "999999"}, follow=True)
    assert "Choose the session the code is for." in response.content.decode()
    assert attendance.current_code(series).session == third.row


def test_the_teacher_marks_by_hand_per_session_and_counts_who_came(client, series):
    a, b = (ClubSignupFactory(club=series) for _ in range(2))
    first, second, _third = sessions.sessions_of(series)
    client.force_login(series.leader.user)
    mark = f"/admin/my-clubs/{series.pk}/signups/{{}}/attendance/"
    client.post(mark.format(a.pk), {"attended": "yes", "session": first.pk})
    client.post(mark.format(b.pk), {"attended": "no", "session": first.pk})
    client.post(mark.format(a.pk), {"attended": "no", "session": second.pk})
    counts = [(s.number, came, absent) for s, came, absent in sessions.per_session_counts(series)]
    assert counts == [(1, 1, 1), (2, 0, 1), (3, 0, 0)]
    a.refresh_from_db(), b.refresh_from_db()
    assert a.attended is True and b.attended is False
    html = client.get(f"/admin/my-clubs/{series.pk}/?session={second.pk}").content.decode()
    assert "Who came, per session" in html and "Session 2: Session 2" in html
    # Clearing a mark removes the row.
    client.post(mark.format(a.pk), {"attended": "", "session": second.pk})
    assert not ClubSessionAttendance.objects.filter(signup=a, session=second.row).exists()


def test_a_single_club_is_marked_by_hand_as_before(client, single):
    signup = ClubSignupFactory(club=single)
    client.force_login(single.leader.user)
    client.post(f"/admin/my-clubs/{single.pk}/signups/{signup.pk}/attendance/", {"attended": "yes"})
    signup.refresh_from_db()
    assert signup.attended is True and not ClubSessionAttendance.objects.exists()


def test_the_csv_has_a_column_per_session_and_the_rate(client, series):
    a, b = ClubSignupFactory(club=series, name="甲"), ClubSignupFactory(club=series, name="乙")
    first, second, third = sessions.sessions_of(series)
    sessions.record(a, first, True, "hand")
    sessions.record(a, second, True, "code")
    sessions.record(b, first, False, "hand")
    client.force_login(series.leader.user)
    content = client.get(f"/admin/my-clubs/{series.pk}/attendance.csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    header = rows[0]
    assert header[-5:-1] == ["1. Session 1", "2. Session 2", "3. Session 3", "Attendance rate"]
    by_name = {row[2]: row for row in rows[1:]}
    assert by_name["甲"][-5:] == ["present", "present", "—", "2/3", "Yes"]
    assert by_name["乙"][-5:] == ["absent", "—", "—", "0/3", "No"]


def test_a_single_clubs_csv_has_no_session_columns(client, single):
    ClubSignupFactory(club=single)
    client.force_login(single.leader.user)
    content = client.get(f"/admin/my-clubs/{single.pk}/attendance.csv").content.decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(content)))
    assert header[-3:] == ["Note", "Seat offer", "Attended"]  # no session columns


# One sign-up covers the series ----------------------------------------------------------------


def test_one_sign_up_covers_every_session(client, series, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/en/clubs/{series.pk}/signup/",
            signup_data(name="Wang Wu", email="wangwu@mail.example.edu"),
        )
    signup = ClubSignup.objects.get(email="wangwu@mail.example.edu")
    assert signup.status == ClubSignup.Status.CONFIRMED
    message = mail.outbox[-1]
    assert "3 sessions, one sign-up for all" in message.body
    for n in (1, 2, 3):
        assert f"{n}. Session {n}" in message.body
    _name, content, _type = next(a for a in message.attachments if a[0].endswith(".ics"))
    uids = [str(e["uid"]) for e in Calendar.from_ical(content).walk("VEVENT")]
    assert len([u for u in uids if "session-" in u]) == 3
    html = client.get(f"/en/clubs/my/{signup.make_token()}/").content.decode()
    assert html.count('class="club-session') >= 3


# Reminders --------------------------------------------------------------------------------


def run(day):
    out = StringIO()
    call_command("send_club_reminders", f"--day={day.isoformat()}", stdout=out)
    return out.getvalue()


def test_a_reminder_the_day_before_each_session_once_each(series):
    me = ClubSignupFactory(club=series, reminders=True, language="en")
    for days in (3, 7, 10):  # the eves of the three sessions
        run(TODAY + timedelta(days=days))
        run(TODAY + timedelta(days=days))  # twice: nothing more
    eves = [m for m in mail.outbox if m.to == [me.email] and "Tomorrow" in m.subject]
    assert len(eves) == 3
    assert "Session 1 of 3" in eves[0].body and "Session 3 of 3" in eves[2].body
    assert "19:00" in eves[1].body
    # and no nudge on those days, for any session: one reminder a day at most
    assert len([m for m in mail.outbox if m.to == [me.email]]) == 3


# Schedule changes ---------------------------------------------------------------------------


def test_moving_one_session_tells_participants_once(series, django_capture_on_commit_callbacks):
    ClubSignupFactory(club=series, email="a@mail.example.edu")
    page = ClubPage.objects.get(pk=series.pk)
    rows = list(page.sessions.all())
    rows[1].starts = rows[1].starts + timedelta(days=1)
    rows[1].ends = rows[1].ends + timedelta(days=1)
    page.sessions = rows
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert [m.to for m in mail.outbox] == [["a@mail.example.edu"]]
    with django_capture_on_commit_callbacks(execute=True):
        ClubPage.objects.get(pk=series.pk).save_revision().publish()  # nothing moved
    assert len(mail.outbox) == 1
    events = Calendar.from_ical(mail.outbox[0].attachments[0][1]).walk("VEVENT")
    assert at(9) in [e.decoded("dtstart") for e in events]


# Queries ----------------------------------------------------------------------------------


def test_the_club_page_reads_a_fixed_number_of_queries(index, django_assert_max_num_queries):
    def club_with(n):
        club = ClubPageFactory(
            parent=index, plan=PLAN, signup_closes=timezone.now() + timedelta(days=1)
        )
        add_sessions(club, [session(i + 1, 4 + i, milestone=None) for i in range(n)])
        return ClubPage.objects.get(pk=club.pk)

    small, large = club_with(1), club_with(6)
    client = Client()
    client.get(small.url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(small.url)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(large.url)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(f"/zh-hans/clubs/{large.pk}/calendar.ics")


# Validation in the page editor --------------------------------------------------------------


def form_session(starts, ends, place="研讨室"):
    return {
        "title": "见面",
        "title_en": "",
        "milestone": "",
        "starts": starts.strftime("%Y-%m-%d %H:%M"),
        "ends": ends.strftime("%Y-%m-%d %H:%M") if ends else "",
        "place": place,
        "place_en": "",
        "meeting_url": "",
    }


def post_sessions(client, index, rows):
    return client.post(
        f"/admin/pages/add/reading/clubpage/{index.pk}/",
        club_form(BookFactory(), ClubLeaderFactory(), sessions=inline_formset(rows)),
    )


def local(days, hour=19):
    return timezone.localtime(timezone.now() + timedelta(days=days)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )


def test_a_librarian_builds_a_series_in_the_page_editor(client, editor, index):
    client.force_login(editor)
    response = post_sessions(
        client,
        index,
        [form_session(local(12), local(12, 21)), form_session(local(18), local(18, 21))],
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    club = ClubPage.objects.get(slug="xiangtu")
    assert [s.starts for s in sessions.sessions_of(club)] == [local(12), local(18)]
    assert club.discussion_starts == local(12) and club.discussion_ends == local(18, 21)


@pytest.mark.parametrize(
    "rows, message",
    [
        ([(12, 12, 18)], "A session must end after it starts."),
        ([(18, 18, 21), (12, 12, 21)], "Sessions go in the order they meet"),
        ([(1, 1, 21)], "A session cannot start before the reading period"),
        ([(12, 12, 21, "")], "Give a place or an online meeting link."),
    ],
)
def test_bad_sessions_are_refused_with_clear_messages(client, editor, index, rows, message):
    client.force_login(editor)
    built = []
    for row in rows:
        day, end_day, end_hour = row[:3]
        place = row[3] if len(row) > 3 else "研讨室"
        built.append(form_session(local(day), local(end_day, end_hour), place))
    response = post_sessions(client, index, built)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ClubPage.objects.filter(slug="xiangtu").exists()


def test_session_errors_are_one_rule():
    rows = [
        {"starts": at(5), "ends": at(5, 18), "place": "x"},
        {"starts": at(2), "ends": None, "place": "x"},
    ]
    errors = sessions.session_errors(TODAY, rows)
    assert errors[0][0] == "ends" and errors[1][0] == "starts"


def test_the_teachers_details_form_leaves_a_series_times_to_the_sessions(client, series):
    client.force_login(series.leader.user)
    html = client.get(f"/admin/my-clubs/{series.pk}/edit/").content.decode()
    assert "This club is a series of sessions" in html
    assert 'name="discussion_starts"' not in html


def test_the_editors_preview_shows_the_sessions_being_edited(client, editor, index):
    client.force_login(editor)
    first = form_session(local(12), local(12, 21))
    assert post_sessions(client, index, [first]).status_code == 302
    club = ClubPage.objects.get(slug="xiangtu")
    data = club_form(
        BookFactory(),
        ClubLeaderFactory(),
        sessions=inline_formset(
            [first, {**form_session(local(18), local(18, 21)), "title": "预览中的第二次"}]
        ),
    )
    preview = f"/admin/pages/{club.pk}/edit/preview/"
    assert client.post(preview, data).json()["is_valid"]
    html = client.get(preview).content.decode()
    assert "预览中的第二次" in html  # from the form, not yet in the database
    assert not club.sessions.filter(title="预览中的第二次").exists()


def test_the_club_index_lists_a_series_in_a_fixed_number_of_queries(
    index, series, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.get(index.url)
    with CaptureQueriesContext(connection) as few:
        html = client.get(index.url).content.decode()
    assert "3 次见面，一次报名全部参加" in html or "3 sessions" in html
    for _ in range(3):
        more = ClubPageFactory(parent=index, signup_closes=timezone.now() + timedelta(days=1))
        add_sessions(more, [session(1, 4, milestone=None), session(2, 8, milestone=None)])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(index.url)
