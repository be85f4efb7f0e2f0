"""The public page cache: hits for anonymous readers, invalidated at once by publishing,
bypassed by editors and by pages that carry a form token."""

import datetime

import pytest

from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import override_settings
from django.urls import path

from website.core import cache as page_cache


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def _get(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, url
    return response


def _is_hit(response):
    return response.get("X-Page-Cache") == "hit"


@pytest.mark.django_db
def test_second_anonymous_visit_is_served_from_the_cache(client, home, django_assert_num_queries):
    first = _get(client, "/zh-hans/")
    assert not _is_hit(first)
    with django_assert_num_queries(0):
        second = _get(client, "/zh-hans/")
    assert _is_hit(second)
    assert second.content == first.content
    assert "max-age=0" in second["Cache-Control"]
    assert "Expires" not in second
    assert "Content-Security-Policy" in second


@pytest.mark.django_db
def test_each_language_and_query_is_its_own_entry(client, home):
    zh = _get(client, "/zh-hans/")
    en = _get(client, "/en/")
    assert not _is_hit(en)
    assert zh.content != en.content
    _get(client, "/en/search/?q=library")
    assert not _is_hit(_get(client, "/en/search/?q=reading"))
    assert _is_hit(_get(client, "/en/search/?q=reading"))


@pytest.mark.django_db
def test_publishing_invalidates_at_once(client, home):
    _get(client, "/zh-hans/")
    assert _is_hit(_get(client, "/zh-hans/"))
    home.title = "新的标题 · 阅读推广"
    home.save_revision().publish()
    fresh = _get(client, "/zh-hans/")
    assert not _is_hit(fresh)
    assert "新的标题 · 阅读推广" in fresh.content.decode()


@pytest.mark.django_db
def test_unpublishing_invalidates_at_once(client, home):
    from tests.factories import HomePageFactory

    child = HomePageFactory(parent=home, slug="autumn", title="秋季书单")
    url = "/zh-hans/autumn/"
    _get(client, url)
    assert _is_hit(_get(client, url))
    child.unpublish()
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_a_draft_does_not_invalidate_but_its_publication_does(client, home):
    _get(client, "/zh-hans/")
    home.title = "草稿标题"
    revision = home.save_revision()
    assert _is_hit(_get(client, "/zh-hans/"))
    revision.publish()
    assert "草稿标题" in _get(client, "/zh-hans/").content.decode()


@pytest.mark.django_db
def test_deleting_a_page_invalidates(client, home):
    from tests.factories import HomePageFactory

    child = HomePageFactory(parent=home, slug="gone", title="将被删除")
    _get(client, "/zh-hans/gone/")
    child.delete()
    assert client.get("/zh-hans/gone/").status_code == 404


@pytest.mark.django_db
def test_logged_in_editor_bypasses_the_cache(client, home, editor):
    _get(client, "/zh-hans/")
    client.force_login(editor)
    for _ in range(2):
        response = _get(client, "/zh-hans/")
        assert not _is_hit(response)
    # the editor's own pages (with the Wagtail user bar) were not stored for anyone else
    client.logout()
    client.cookies.clear()
    anonymous = _get(client, "/zh-hans/")
    assert b"wagtail-userbar" not in anonymous.content


@pytest.mark.django_db
def test_editor_page_is_not_stored_for_readers(client, home, editor):
    client.force_login(editor)
    _get(client, "/en/")
    client.logout()
    client.cookies.clear()
    assert not _is_hit(_get(client, "/en/"))


def message_view(request):
    """Where a form sends the reader: a message for them, then a public page that shows it."""
    from django.contrib import messages
    from django.shortcuts import redirect

    messages.success(request, "Your place has been cancelled.")
    return redirect(request.GET["next"])


@pytest.mark.django_db
def test_a_waiting_message_is_shown_not_a_cached_page(client, home):
    from tests.factories import ClubIndexPageFactory

    url = ClubIndexPageFactory(parent=home, slug="clubs").url
    _get(client, url)
    assert _is_hit(_get(client, url))
    with override_settings(ROOT_URLCONF=__name__):
        client.get("/en/thanks/", {"next": url})
    assert client.cookies["messages"].value
    landing = _get(client, url)
    assert not _is_hit(landing)
    assert "Your place has been cancelled." in landing.content.decode()
    # Shown once: the reader's next visit is served from the cache again, which never held it.
    assert not client.cookies["messages"].value
    again = _get(client, url)
    assert _is_hit(again)
    assert "Your place has been cancelled." not in again.content.decode()


@pytest.mark.django_db
def test_readers_holding_other_cookies_share_the_cached_page(client, home):
    """A form token or a language cookie changes no page: such readers are served the same
    copy, and the page still tells browsers it depends on cookies."""
    first = _get(client, "/zh-hans/")
    assert "Cookie" in first["Vary"]
    client.cookies["csrftoken"] = "a" * 32
    client.cookies["django_language"] = "en"
    second = _get(client, "/zh-hans/")
    assert _is_hit(second)
    assert second.content == first.content
    assert "Cookie" in second["Vary"]


def form_view(request):
    """A page with a form token: its CSRF cookie must never be shared."""
    token = get_token(request)
    return HttpResponse(f'<form method="post"><input name="csrf" value="{token}"></form>')


urlpatterns = [path("en/form-page/", form_view), path("en/thanks/", message_view)]


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_a_page_with_a_form_token_is_never_stored(client):
    first = client.get("/en/form-page/")
    assert "csrftoken" in first.cookies
    client.cookies.clear()
    second = client.get("/en/form-page/")
    assert not _is_hit(second)
    assert second.cookies["csrftoken"].value != first.cookies["csrftoken"].value


@pytest.mark.django_db
def test_posts_admin_and_health_are_never_cached(client, home, editor):
    for url in ["/healthz", "/admin/login/"]:
        client.get(url)
        assert not _is_hit(client.get(url))
    client.post("/zh-hans/", {"x": "1"})
    assert not _is_hit(client.post("/zh-hans/", {"x": "1"}))


@pytest.mark.django_db
@override_settings(PAGE_CACHE_SECONDS=0)
def test_the_cache_can_be_turned_off(client, home):
    _get(client, "/zh-hans/")
    assert not _is_hit(_get(client, "/zh-hans/"))


@pytest.mark.django_db
def test_version_token_changes_on_invalidate_and_survives_a_cull(home):
    before = page_cache.current_version()
    page_cache.invalidate()
    after = page_cache.current_version()
    assert after != before
    page_cache.page_cache().delete(page_cache.VERSION_KEY)
    assert page_cache.current_version() not in {before, after}


@pytest.mark.django_db
def test_records_shown_on_pages_invalidate_but_usage_counters_do_not(home):
    from tests.factories import BookFactory

    before = page_cache.current_version()
    book = BookFactory()
    after_book = page_cache.current_version()
    assert after_book != before

    from guides.models import ResourceClick

    ResourceClick.count("database", 1, None, datetime.date(2026, 1, 1))
    assert page_cache.current_version() == after_book
    book.delete()
    assert page_cache.current_version() != after_book
