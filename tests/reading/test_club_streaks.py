"""Honest streaks: days checked in on the day itself, in the site's time zone (Asia/Shanghai),
whatever time zone the posting time is stored in."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from reading.streaks import is_backfilled, local_day, streak

SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = date(2026, 12, 3)


def at(day, hour, minute=0):
    """A posting time given in Shanghai local time, stored (as the database does) in UTC."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI).astimezone(UTC)


def on_the_day(*days):
    return [(day, at(day, 21)) for day in days]


def d(n):
    return TODAY - timedelta(days=n)


def test_the_site_zone_is_shanghai(settings):
    assert settings.TIME_ZONE == "Asia/Shanghai"


def test_23_30_local_is_that_day_and_00_10_is_the_next():
    late = at(d(1), 23, 30)  # 15:30 UTC, the same date in UTC
    assert local_day(late) == d(1)
    assert not is_backfilled(d(1), late)
    after_midnight = at(TODAY, 0, 10)  # 16:10 UTC *yesterday*: UTC would call it on time
    assert after_midnight.date() == d(1)
    assert local_day(after_midnight) == TODAY
    assert is_backfilled(d(1), after_midnight)


def test_an_early_morning_shanghai_check_in_is_that_day_although_utc_is_the_day_before():
    early = at(TODAY, 7)  # 23:00 UTC the day before
    assert early.date() == d(1)
    assert not is_backfilled(TODAY, early)


def test_a_run_ending_today():
    assert streak(on_the_day(TODAY, d(1), d(2)), TODAY) == 3


def test_a_run_ending_yesterday_still_counts():
    assert streak(on_the_day(d(1), d(2), d(3), d(4)), TODAY) == 4


def test_a_run_that_ended_the_day_before_yesterday_is_over():
    assert streak(on_the_day(d(2), d(3), d(4)), TODAY) == 0


def test_a_gap_breaks_the_run():
    assert streak(on_the_day(TODAY, d(1), d(3), d(4), d(5)), TODAY) == 2


def test_a_back_filled_day_does_not_extend_the_run():
    checkins = on_the_day(TODAY, d(1)) + [(d(2), at(d(1), 0, 10))]  # posted past midnight
    assert streak(checkins, TODAY) == 2
    # ...nor bridge a gap: the run before it does not join up.
    checkins += on_the_day(d(3), d(4))
    assert streak(checkins, TODAY) == 2


def test_only_back_filled_days_make_no_streak():
    assert streak([(d(1), at(TODAY, 9)), (TODAY - timedelta(days=2), at(TODAY, 9))], TODAY) == 0


def test_no_check_ins():
    assert streak([], TODAY) == 0


@pytest.mark.parametrize("zone", ["UTC", "America/New_York"])
def test_the_stored_time_zone_does_not_matter(zone):
    """The same instants, whatever zone the aware datetimes carry, give the same answer."""
    checkins = [
        (day, moment.astimezone(ZoneInfo(zone)))
        for day, moment in on_the_day(TODAY, d(1)) + [(d(2), at(d(1), 0, 10))]
    ]
    assert streak(checkins, TODAY) == 2
    assert is_backfilled(d(1), at(TODAY, 0, 10).astimezone(ZoneInfo(zone)))
