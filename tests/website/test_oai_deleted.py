"""Deleted, unpublished and withdrawn records are reported deleted, for good (persistent)."""

import pytest

from tests.factories import HomePageFactory
from tests.website.oai_helpers import (
    NS,
    error_code,
    home_kind,  # noqa: F401
    oai_get,
)
from website.oai.models import DeletedRecord

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("home_kind")]


def identifier(page):
    return f"oai:library.example.edu:home/{page.pk}"


def header(root):
    return root.find(".//oai:header", NS)


def test_unpublished_page_is_reported_deleted_with_its_sets(client, home):
    page = HomePageFactory(parent=home, title="将撤下", slug="gone", intro="有简介")
    page.unpublish()
    root = oai_get(client, verb="GetRecord", identifier=identifier(page), metadataPrefix="oai_dc")
    assert header(root).get("status") == "deleted"
    assert root.find(".//oai:metadata", NS) is None
    assert [el.text for el in header(root).iterfind("oai:setSpec", NS)] == ["homes", "homes:intro"]
    # Selective harvests by set and by date hear of it too.
    root = oai_get(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="homes:intro")
    deleted = [h for h in root.iterfind(".//oai:header", NS) if h.get("status") == "deleted"]
    assert [h.findtext("oai:identifier", namespaces=NS) for h in deleted] == [identifier(page)]


def test_deleted_page_is_reported_deleted(client, home):
    page = HomePageFactory(parent=home, title="将删除", slug="deleted")
    pk = page.pk
    page.delete()
    root = oai_get(
        client,
        verb="GetRecord",
        identifier=f"oai:library.example.edu:home/{pk}",
        metadataPrefix="oai_dc",
    )
    assert header(root).get("status") == "deleted"
    root = oai_get(client, verb="ListRecords", metadataPrefix="oai_dc", set="homes")
    statuses = {
        h.findtext("oai:identifier", namespaces=NS): h.get("status")
        for h in root.iterfind(".//oai:header", NS)
    }
    assert statuses[f"oai:library.example.edu:home/{pk}"] == "deleted"
    root = oai_get(
        client, verb="ListMetadataFormats", identifier=f"oai:library.example.edu:home/{pk}"
    )
    assert error_code(root) is None


def test_republished_page_is_live_again(client, home):
    page = HomePageFactory(parent=home, title="回来了", slug="back")
    page.unpublish()
    assert DeletedRecord.objects.filter(kind="home", object_pk=page.pk).exists()
    page.save_revision().publish()
    assert not DeletedRecord.objects.filter(kind="home", object_pk=page.pk).exists()
    root = oai_get(client, verb="GetRecord", identifier=identifier(page), metadataPrefix="oai_dc")
    assert header(root).get("status") is None


def test_never_published_page_leaves_no_trace(client, home):
    draft = HomePageFactory(parent=home, title="草稿", slug="draft", live=False)
    draft.title = "草稿二"
    draft.save()
    draft.delete()
    assert not DeletedRecord.objects.exists()


def test_edits_of_a_live_page_leave_no_tombstone(client, home):
    page = HomePageFactory(parent=home, title="编辑", slug="edited")
    page.title = "编辑二"
    page.save_revision().publish()
    assert not DeletedRecord.objects.exists()


def test_a_page_made_private_is_reported_deleted_and_returns_when_public_again(client, home):
    from wagtail.models import PageViewRestriction

    section = HomePageFactory(parent=home, title="栏目", slug="section", intro="有简介")
    inside = HomePageFactory(parent=section, title="栏目下的页", slug="inside")
    restriction = PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.PASSWORD, password="club-only"
    )
    for page in (section, inside):
        root = oai_get(
            client, verb="GetRecord", identifier=identifier(page), metadataPrefix="oai_dc"
        )
        assert header(root).get("status") == "deleted"
    assert DeletedRecord.objects.filter(kind="home").count() == 2

    restriction.delete()
    root = oai_get(client, verb="GetRecord", identifier=identifier(inside), metadataPrefix="oai_dc")
    assert header(root).get("status") is None
    assert not DeletedRecord.objects.filter(kind="home").exists()
