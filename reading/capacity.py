"""The one rule on a club's seats that any form editing them applies: a club cannot have
fewer seats than readers holding one (confirmed places and seats offered to waiting readers,
reading.offers). `ClubPage.clean` calls it, so the page editor, the teacher's own form and
`publish_club_changes` all refuse the same capacity with the same words."""

from django.utils.translation import gettext as _


def capacity_error(club):
    """The message refusing `club.capacity`, or "" when it holds every taken seat."""
    from reading import offers

    if club.pk is None or club.capacity is None or not club.is_original:
        return ""  # a new club holds nobody yet; a translation's seats are its original's
    taken = offers.taken(club)
    if club.capacity >= taken:
        return ""
    return _(
        "%(count)d readers already have a seat: the club cannot have fewer seats. "
        "Cancel places first if the room is smaller."
    ) % {"count": taken}
