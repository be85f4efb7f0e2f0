import pytest

from django.core.cache import cache
from django.utils import translation


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _english_unless_asked():
    """Messages are read in English unless a test asks for Chinese (by URL prefix or header):
    the site's default language is Chinese, which would otherwise apply to code run outside a
    request and to admin pages."""
    with translation.override("en"):
        yield


@pytest.fixture
def client():
    from django.test import Client

    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def admin_client(db, admin_user, client):
    client.force_login(admin_user)
    return client


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
