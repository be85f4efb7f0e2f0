"""Who may see and do what with people's data in the reading admin: every check asks here.

Access to personal data (participants' names, emails and student numbers, recommenders'
submissions) comes from Django permissions that `setup_roles` gives to the roles needing them
(reading/roles.py), never from a group's name: a group such as Wagtail's default "Editors"
grants page editing and nothing of this, however it is named. A superuser holds every
permission. A teacher sees the clubs they lead, through their club-leader profile, and only those.
"""

from django.db.models import Min

from reading.models.clubs import ClubPage

VIEW_EVERY_CLUB = "reading.view_clubsignup"
MODERATE_SUBMISSIONS = "reading.change_submission"
ADD_ARCHIVE_ITEMS = "reading.add_archiveitem"
CHANGE_ARCHIVE_ITEMS = "reading.change_archiveitem"


def _active(user):
    return user is not None and user.is_authenticated and user.is_active


def sees_every_club(user):
    """Librarians who run clubs see every club's participants."""
    return _active(user) and user.has_perm(VIEW_EVERY_CLUB)


def leads(user, club):
    """The teacher named on the club's original page (the one that holds the sign-ups)."""
    original = club.original
    return _active(user) and bool(original.leader_id) and original.leader.user_id == user.pk


def can_manage_club(user, club):
    """Mark attendance, move places, email participants, export the sheet, edit the details."""
    return sees_every_club(user) or leads(user, club)


def clubs_for(user):
    """The clubs (their original pages, which hold the sign-ups) this user may manage."""
    originals = ClubPage.objects.values("translation_key").annotate(first=Min("pk")).values("first")
    clubs = ClubPage.objects.filter(pk__in=originals).select_related("leader")
    if sees_every_club(user):
        return clubs
    if not _active(user):
        return clubs.none()
    return clubs.filter(leader__user=user)


def may_open_my_clubs(user):
    """Whether "My reading clubs" has anything for this user: every club, or one they lead."""
    return sees_every_club(user) or (
        _active(user) and ClubPage.objects.filter(leader__user=user).exists()
    )


def can_moderate_submissions(user):
    """Submissions carry readers' names and emails: the queue, its reports and its actions."""
    return _active(user) and user.has_perm(MODERATE_SUBMISSIONS)


def can_upload_to_archive(user):
    return _active(user) and user.has_perm(ADD_ARCHIVE_ITEMS)


def can_correct_archive(user):
    """Correct OCR drafts, retry OCR: the archive holds handwriting not consented for the public."""
    return _active(user) and user.has_perm(CHANGE_ARCHIVE_ITEMS)


VIEW_FIGURES = "core.view_viewcount"


def can_read_view_figures(user):
    """The Views report: counts of readers per page and per QR scan, nobody named; for the
    librarians who promote reading (outreach, subject librarians), not for every teacher."""
    return _active(user) and user.has_perm(VIEW_FIGURES)
