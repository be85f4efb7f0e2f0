"""Factories shared by the tests and the demo content, so that the two never drift."""

from .pages import HomePageFactory, PageFactory, translate_page
from .users import UserFactory

__all__ = ["HomePageFactory", "PageFactory", "UserFactory", "translate_page"]
