import pytest

from django.core.cache import cache
from django.utils import translation


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _is_transactional(request):
    marker = request.node.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or any(
        name in request.fixturenames for name in ("transactional_db", "live_server")
    )


@pytest.fixture(autouse=True)
def _rebuild_a_flushed_database(request):
    """Transactional tests end with a flush that empties every table, including what
    migrations put there (content types, Wagtail's roots, locales); serialized rollback does
    not reliably bring it back when such tests follow one another. Rebuild it when missing."""
    if _is_transactional(request):
        request.getfixturevalue("transactional_db")
        from django.contrib.contenttypes.models import ContentType
        from django.core.management.sql import emit_post_migrate_signal

        from website.home.demo import ensure_tree_roots

        if not ContentType.objects.exists():
            ContentType.objects.clear_cache()
            emit_post_migrate_signal(0, False, "default")
        ensure_tree_roots()
    yield


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
