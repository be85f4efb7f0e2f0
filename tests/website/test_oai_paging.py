"""Resumption tokens: complete lists in pages, stable while records change, safe from tampering."""

from datetime import timedelta

import pytest

from django.core import signing
from django.utils import timezone

from tests.factories import HomePageFactory
from tests.website.oai_helpers import (
    NS,
    error_code,
    home_kind,  # noqa: F401
    identifiers,
    oai_get,
)
from website.oai import tokens

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("home_kind")]


@pytest.fixture
def many(home, settings):
    settings.OAI_PAGE_SIZE = 4
    return [HomePageFactory(parent=home, title=f"主页 {n}", slug=f"h{n}") for n in range(9)]


def harvest(client, verb="ListIdentifiers", **params):
    """Follow every token; return identifiers seen and the token elements."""
    root = oai_get(client, verb=verb, metadataPrefix="oai_dc", set="homes", **params)
    seen, tokens_seen = identifiers(root), []
    token = root.find(f".//oai:{verb}/oai:resumptionToken", NS)
    while token is not None:
        tokens_seen.append(token)
        if not token.text:
            break
        root = oai_get(client, verb=verb, resumptionToken=token.text)
        assert error_code(root) is None
        seen += identifiers(root)
        token = root.find(f".//oai:{verb}/oai:resumptionToken", NS)
    return seen, tokens_seen


def test_pages_cover_the_list_once_with_cursor_and_size(client, many):
    seen, tokens_seen = harvest(client)
    assert len(seen) == len(set(seen)) == 10  # nine pages and the home page
    assert [t.get("cursor") for t in tokens_seen] == ["0", "4", "8"]
    assert {t.get("completeListSize") for t in tokens_seen} == {"10"}
    assert tokens_seen[0].get("expirationDate").endswith("Z")
    assert tokens_seen[-1].text is None  # the last part ends with an empty token


def test_list_records_pages_too(client, many):
    seen, _ = harvest(client, verb="ListRecords")
    assert len(set(seen)) == 10


def test_changes_during_a_harvest_skip_nothing_and_repeat_nothing(client, many, home):
    root = oai_get(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="homes")
    first = identifiers(root)
    token = root.find(".//oai:resumptionToken", NS).text
    # Underneath: an early record is republished (moves to the end), a new one appears.
    many[0].save_revision().publish()
    HomePageFactory(parent=home, title="新主页", slug="new")
    rest = []
    while token:
        root = oai_get(client, verb="ListIdentifiers", resumptionToken=token)
        rest += identifiers(root)
        element = root.find(".//oai:resumptionToken", NS)
        token = element.text if element is not None else None
    assert len(first + rest) == len(set(first + rest)) == 10


def test_a_record_edited_during_a_harvest_keeps_the_size_and_comes_in_the_next_one(client, many):
    root = oai_get(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="homes")
    started = root.findtext("oai:responseDate", namespaces=NS)
    first = identifiers(root)
    token = root.find(".//oai:resumptionToken", NS)
    sizes = [token.get("completeListSize")]
    later = [page for page in many if not any(i.endswith(f"/{page.pk}") for i in first)]
    later[-1].save_revision().publish()  # edited before its page of the list was sent
    rest, text = [], token.text
    while text:
        root = oai_get(client, verb="ListIdentifiers", resumptionToken=text)
        rest += identifiers(root)
        element = root.find(".//oai:resumptionToken", NS)
        sizes.append(element.get("completeListSize"))
        text = element.text
    assert set(sizes) == {"10"}  # the size never changes mid-list, the last page included
    following, _tokens = harvest(client, **{"from": started})
    edited = [i for i in following if i.endswith(f"/{later[-1].pk}")]
    assert edited  # announced to the next incremental harvest
    assert not any(i.endswith(f"/{later[-1].pk}") for i in rest)  # not sent twice in this one


def test_altered_token_is_refused(client, many):
    root = oai_get(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="homes")
    token = root.find(".//oai:resumptionToken", NS).text
    altered = token[:-3] + ("AAA" if token[-3:] != "AAA" else "BBB")
    root = oai_get(client, verb="ListIdentifiers", resumptionToken=altered)
    assert error_code(root) == "badResumptionToken"
    forged = signing.dumps({"verb": "ListIdentifiers"}, salt="another")
    root = oai_get(client, verb="ListIdentifiers", resumptionToken=forged)
    assert error_code(root) == "badResumptionToken"


def test_token_of_another_verb_is_refused(client, many):
    root = oai_get(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="homes")
    token = root.find(".//oai:resumptionToken", NS).text
    root = oai_get(client, verb="ListRecords", resumptionToken=token)
    assert error_code(root) == "badResumptionToken"


def test_expired_token_is_refused(client, many, settings, monkeypatch):
    root = oai_get(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="homes")
    token = root.find(".//oai:resumptionToken", NS).text
    later = timezone.now() + tokens.lifetime() + timedelta(minutes=1)
    monkeypatch.setattr("time.time", lambda: later.timestamp())
    root = oai_get(client, verb="ListIdentifiers", resumptionToken=token)
    assert error_code(root) == "badResumptionToken"
    assert "expired" in root.findtext("oai:error", namespaces=NS)


@pytest.mark.parametrize("size", [5, 50])
def test_queries_per_page_do_not_grow_with_page_size(
    client, home, settings, django_assert_max_num_queries, size
):
    settings.OAI_PAGE_SIZE = size
    for n in range(size + 1):
        HomePageFactory(parent=home, title=f"主页 {n}", slug=f"q{n}")
    with django_assert_max_num_queries(13):
        root = oai_get(client, verb="ListRecords", metadataPrefix="oai_dc", set="homes")
    assert len(identifiers(root)) == size
    token = root.find(".//oai:resumptionToken", NS).text
    with django_assert_max_num_queries(10):
        oai_get(client, verb="ListRecords", resumptionToken=token)
