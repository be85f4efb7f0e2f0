import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home(db):
    """The Chinese home page at the site root, with its English translation."""
    from website.home import demo

    return demo.home_page()


@pytest.fixture
def home_en(home):
    return home.get_translation(home.locale.__class__.objects.get(language_code="en"))


@pytest.fixture
def editor(db):
    from tests.factories import UserFactory

    return UserFactory(username="librarian", is_staff=True, is_superuser=True)
