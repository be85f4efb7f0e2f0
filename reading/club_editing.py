"""A club's teacher changes their club's page without the page editor: as published revisions.

Teachers hold no page permission (they would see the whole page tree), so the "My reading
clubs" form and the seat added for a promoted reader publish here, on the teacher's behalf,
once `reading.permissions.can_manage_club` allowed it. Going through revisions keeps the page's
history (who changed what, when; a librarian can compare or revert) and fires `page_published`,
so translations take the shared fields and participants hear of a moved discussion by the same
path as an edit in the page editor. A draft a librarian left unpublished is kept as the latest
revision, with the teacher's values written into it too, so neither change is lost.
"""

from reading.models.clubs import ClubPage


def _publish(page, user, values):
    live = ClubPage.objects.get(pk=page.pk)
    draft = live.get_latest_revision_as_object() if live.has_unpublished_changes else None
    for name, value in values.items():
        setattr(live, name, value)
    revision = live.save_revision(user=user, log_action=True)
    if live.live:
        revision.publish(user=user, skip_permission_checks=True)
    if draft is not None:
        for name, value in values.items():
            setattr(draft, name, value)
        draft.save_revision(user=user, log_action=True)
    return live


def publish_club_changes(club, user, values, translated=None):
    """Publish `values` on the club's original page, then `translated` ({page: values}) on its
    translations (after the original, so they take its shared fields). Runs the page's own
    rules (`ClubPage.clean`) before anything is saved."""
    original = club.original
    for name, value in values.items():
        setattr(original, name, value)
    original.clean()
    for page, page_values in (translated or {}).items():
        for name, value in page_values.items():
            setattr(page, name, value)
    original = _publish(original, user, values)
    for page, page_values in (translated or {}).items():
        if page_values:
            _publish(page, user, page_values)
    return original
