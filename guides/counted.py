"""The guides whose views are counted (website/core/counting.py): live, public guides."""

from django.utils.translation import gettext_lazy as _

from guides.models import GuidePage
from website.core.counting import CountedKind, register

GUIDE = register(
    CountedKind(
        key="guide",
        model="guides.GuidePage",
        label=_("Guide"),
        public=lambda: GuidePage.objects.for_readers(),
        order=70,
    )
)
