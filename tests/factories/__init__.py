"""Factories shared by the tests and the demo content, so that the two never drift."""

from .archive import ArchiveItemFactory
from .books import BookFactory, LoanFactory
from .campaigns import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    ColumnArticlePageFactory,
    RecommendationPageFactory,
    RecommenderFactory,
    SubmissionFactory,
)
from .club_votes import (
    ClubBallotFactory,
    ClubNominationFactory,
    ClubVoteFactory,
    VotingClubPageFactory,
)
from .clubs import (
    ClubIndexPageFactory,
    ClubLeaderFactory,
    ClubPageFactory,
    ClubSignupFactory,
)
from .guides import (
    DatabaseFactory,
    DatabaseListPageFactory,
    GuideIndexPageFactory,
    GuidePageFactory,
    LibrarianProfileFactory,
    SubjectFactory,
    VideoFactory,
    WebToolFactory,
)
from .pages import HomePageFactory, PageFactory, translate_page
from .shelves import ShelfIndexPageFactory, ShelfPageFactory
from .terms import TagFactory, TermInEnglishFactory
from .users import UserFactory

__all__ = [
    "TagFactory",
    "TermInEnglishFactory",
    "ArchiveItemFactory",
    "BookFactory",
    "CampaignIndexPageFactory",
    "CampaignPageFactory",
    "ColumnArticlePageFactory",
    "RecommendationPageFactory",
    "RecommenderFactory",
    "SubmissionFactory",
    "ClubBallotFactory",
    "ClubNominationFactory",
    "ClubVoteFactory",
    "VotingClubPageFactory",
    "ClubIndexPageFactory",
    "ClubLeaderFactory",
    "ClubPageFactory",
    "ClubSignupFactory",
    "DatabaseFactory",
    "DatabaseListPageFactory",
    "GuideIndexPageFactory",
    "GuidePageFactory",
    "LibrarianProfileFactory",
    "SubjectFactory",
    "VideoFactory",
    "WebToolFactory",
    "HomePageFactory",
    "LoanFactory",
    "PageFactory",
    "ShelfIndexPageFactory",
    "ShelfPageFactory",
    "UserFactory",
    "translate_page",
]
