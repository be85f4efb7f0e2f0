"""Honest reading streaks: days on which a reader checked in *on that day*.

A check-in names the day read (`day`) and records when it was posted (`created_at`, stored in
UTC). It is back-filled when its day is earlier than the local date of its posting: a
check-in posted at 23:30 in Shanghai is that day's, one posted at 00:10 the next morning for
the evening before is back-filled. The local date is the site's time zone
(settings.TIME_ZONE, Asia/Shanghai), the calendar the club's reading period is written in.

A streak is the run of consecutive days, ending today or yesterday, each with a check-in
made on its day. Back-filled check-ins are shown as such and neither extend the run nor
count as a gap of their own: they are simply left out of it. Yesterday still counts as the
end because today's reading may not be done yet; a run that ended the day before yesterday
is over (0).

Pure functions on dates and aware datetimes, so that the arithmetic is tested on its own.
"""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone


def site_zone():
    return ZoneInfo(settings.TIME_ZONE)


def local_day(moment, zone=None):
    """The calendar date of an aware datetime in the site's time zone."""
    return timezone.localtime(moment, zone or site_zone()).date()


def is_backfilled(day, created_at, zone=None):
    return day < local_day(created_at, zone)


def honest_days(checkins, zone=None):
    """The days of `checkins` ((day, created_at) pairs) that were checked in on the day."""
    return {day for day, created_at in checkins if not is_backfilled(day, created_at, zone)}


def streak(checkins, today, zone=None):
    """The length of the run of honest days ending today or yesterday; 0 if there is none."""
    days = honest_days(checkins, zone)
    end = today if today in days else today - timedelta(days=1)
    length = 0
    while end - timedelta(days=length) in days:
        length += 1
    return length
