"""OAI-PMH answers kept in the page cache: served again with a new response date, stale the
moment anything is published or withdrawn, never for errors, per host."""

import pytest
from lxml import etree

from tests.factories import HomePageFactory
from tests.website.oai_helpers import (
    NS,
    error_code,
    home_kind,  # noqa: F401
    identifiers,
    validate,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("home_kind")]

LIST = {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "homes"}


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def fetch(client, params, **extra):
    response = client.get("/oai/", params, **extra)
    assert response.status_code == 200
    return response, validate(response.content)


def is_hit(response):
    return response.get("X-OAI-Cache") == "hit"


def statuses_of(root):
    """{identifier: status} of every header (status None for a live record)."""
    return {
        header.findtext("oai:identifier", namespaces=NS): header.get("status")
        for header in root.iterfind(".//oai:header", NS)
    }


def without_response_date(root):
    root.remove(root.find("oai:responseDate", NS))
    return root


def test_same_request_is_answered_from_the_cache_without_the_database(
    client, home, django_assert_num_queries
):
    HomePageFactory(parent=home, title="第一页", slug="first")
    first, first_root = fetch(client, LIST)
    assert not is_hit(first)
    with django_assert_num_queries(0):
        second, second_root = fetch(client, LIST)
    assert is_hit(second)
    assert identifiers(second_root) == identifiers(first_root)
    assert second_root.findtext("oai:responseDate", namespaces=NS)
    # The same records and the same request element; only the envelope's date is new.
    assert etree.tostring(without_response_date(second_root)) == etree.tostring(
        without_response_date(first_root)
    )


def test_publishing_a_page_shows_in_the_next_answer(client, home):
    fetch(client, LIST)
    page = HomePageFactory(parent=home, title="新发布", slug="new")
    response, root = fetch(client, LIST)
    assert not is_hit(response)
    assert f"oai:library.example.edu:home/{page.pk}" in identifiers(root)


def test_unpublishing_a_page_reports_it_deleted_at_once(client, home):
    page = HomePageFactory(parent=home, title="将撤下", slug="gone")
    _, root = fetch(client, LIST)
    assert f"oai:library.example.edu:home/{page.pk}" in identifiers(root)
    page.unpublish()
    response, root = fetch(client, LIST)
    assert not is_hit(response)
    statuses = statuses_of(root)
    assert statuses[f"oai:library.example.edu:home/{page.pk}"] == "deleted"


def test_a_cached_first_page_hands_out_a_token_that_completes_the_list(client, home, settings):
    settings.OAI_PAGE_SIZE = 2
    pages = [HomePageFactory(parent=home, title=f"主页 {n}", slug=f"h{n}") for n in range(4)]
    fetch(client, LIST)
    response, root = fetch(client, LIST)
    assert is_hit(response)
    seen = identifiers(root)
    token = root.find(".//oai:resumptionToken", NS)
    while token is not None and token.text:
        _, root = fetch(client, {"verb": "ListRecords", "resumptionToken": token.text})
        assert error_code(root) is None
        seen += identifiers(root)
        token = root.find(".//oai:resumptionToken", NS)
    expected = {f"oai:library.example.edu:home/{page.pk}" for page in [home, *pages]}
    assert set(seen) == expected
    assert len(seen) == len(expected)


def test_errors_are_not_kept(client, home):
    params = {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "nothing-here"}
    for _ in range(2):
        response, root = fetch(client, params)
        assert error_code(root) == "noRecordsMatch"
        assert not is_hit(response)


def test_each_host_has_its_own_answer(client, home, settings):
    settings.ALLOWED_HOSTS = ["*"]
    fetch(client, LIST, HTTP_HOST="library.example.edu")
    response, _ = fetch(client, LIST, HTTP_HOST="mirror.example.edu")
    assert not is_hit(response)
    response, root = fetch(client, LIST, HTTP_HOST="mirror.example.edu")
    assert is_hit(response)
    assert root.findtext("oai:request", namespaces=NS) == "http://mirror.example.edu/oai/"


def test_making_a_page_private_empties_the_kept_answers(client, home):
    from wagtail.models import PageViewRestriction

    page = HomePageFactory(parent=home, title="将设为私密", slug="private")
    fetch(client, LIST)
    assert is_hit(fetch(client, LIST)[0])
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="club-only"
    )
    response, root = fetch(client, LIST)
    assert not is_hit(response)
    statuses = statuses_of(root)
    assert statuses[f"oai:library.example.edu:home/{page.pk}"] == "deleted"


def test_a_private_translation_never_appears_in_its_originals_record(client, home):
    from wagtail.models import PageViewRestriction

    from tests.factories import translate_page

    page = HomePageFactory(parent=home, title="公开的主页", slug="open")
    english = translate_page(page, "en", title="A private English version")
    PageViewRestriction.objects.create(
        page=english, restriction_type=PageViewRestriction.PASSWORD, password="staff-only"
    )
    response = client.get("/oai/", LIST)
    validate(response.content)
    assert "公开的主页" in response.content.decode()
    assert "A private English version" not in response.content.decode()


def test_a_harvesters_own_dates_and_tokens_are_not_kept(client, home):
    for params in ({**LIST, "from": "2000-01-01"}, {**LIST, "until": "2999-01-01"}):
        fetch(client, params)
        assert not is_hit(fetch(client, params)[0])
