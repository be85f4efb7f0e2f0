"""Guide models, one module per concern; each module's __all__ is re-exported."""

from . import guides, links, resources, reviews, usage
from .guides import *  # noqa: F403
from .links import *  # noqa: F403
from .resources import *  # noqa: F403
from .reviews import *  # noqa: F403
from .usage import *  # noqa: F403

__all__ = resources.__all__ + guides.__all__ + usage.__all__ + links.__all__ + reviews.__all__
