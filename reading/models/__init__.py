"""Reading-promotion models, one module per concern; each module's __all__ is re-exported."""

from . import (
    archive,
    books,
    campaigns,
    club_sessions,
    club_votes,
    clubs,
    fixity,
    loans,
    pending,
    reminders,
    shelves,
    suggestions,
)
from .archive import *  # noqa: F403
from .books import *  # noqa: F403
from .campaigns import *  # noqa: F403
from .club_sessions import *  # noqa: F403
from .club_votes import *  # noqa: F403
from .clubs import *  # noqa: F403
from .fixity import *  # noqa: F403
from .loans import *  # noqa: F403
from .pending import *  # noqa: F403
from .reminders import *  # noqa: F403
from .shelves import *  # noqa: F403
from .suggestions import *  # noqa: F403

__all__ = (
    books.__all__
    + campaigns.__all__
    + archive.__all__
    + fixity.__all__
    + shelves.__all__
    + clubs.__all__
    + club_votes.__all__
    + club_sessions.__all__
    + loans.__all__
    + pending.__all__
    + suggestions.__all__
    + reminders.__all__
)
