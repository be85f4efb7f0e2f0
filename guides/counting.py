"""Counting resource clicks without knowing who the reader is: only the day, the resource and
the guide the click came from are recorded. Guide views are counted with every other public
kind's by the foundation's beacon (website/core/counting.py, guides/counted.py)."""

from django.utils import timezone

from website.core.counting import is_bot, is_reader

__all__ = ["count_click", "is_bot", "is_reader", "today"]


def today():
    return timezone.localdate()


def count_click(kind, object_id, guide=None):
    from guides.models import ResourceClick

    ResourceClick.count(kind, object_id, guide, today())
