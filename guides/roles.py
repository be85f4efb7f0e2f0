"""Subject librarians: the guides, their shared records and the guides' reports.

Declared here, beside the models it names, and applied with the other roles by
`manage.py setup_roles` (reading/roles.py).
"""

from reading.roles import (
    ACCESS_ADMIN,
    MEDIA,
    OUTREACH_LIBRARIANS,
    PUBLISH_PAGES,
    Role,
    crud,
    register,
)

SUBJECT_LIBRARIANS = "Subject librarians"

register(
    Role(
        SUBJECT_LIBRARIANS,
        permissions=[
            ACCESS_ADMIN,
            *crud("reading.book"),
            *crud("guides.subject"),
            *crud("guides.database"),
            *crud("guides.databasesubject"),
            *crud("guides.video"),
            *crud("guides.webtool"),
            *crud("guides.librarianprofile"),
            "core.view_viewcount",
            "guides.view_resourceclick",
            "guides.view_linkcheck",
        ],
        pages={
            "guides.GuideIndexPage": PUBLISH_PAGES,
            "guides.DatabaseListPage": PUBLISH_PAGES,
        },
        collections=MEDIA,
    )
)

# The link checker now checks the outreach pages' links too (e-books, vlogs, column articles,
# club meetings): outreach librarians read the broken-links report to fix theirs.
register(Role(OUTREACH_LIBRARIANS, permissions=["guides.view_linkcheck"]))
