"""The six verbs and every error condition, each response checked against the schemas."""

import pytest

from tests.factories import HomePageFactory, translate_page
from tests.website.oai_helpers import (
    NS,
    error_code,
    home_kind,  # noqa: F401
    identifiers,
    oai_get,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("home_kind")]


@pytest.fixture
def pages(home):
    home.intro = "欢迎来到图书馆阅读推广"
    home.save_revision().publish()
    translate_page(home, "en", title="Library reading", intro="Welcome to reading promotion")
    other = HomePageFactory(parent=home, title="第二个主页", slug="second")
    return home, other


def home_id(page):
    return f"oai:library.example.edu:home/{page.pk}"


def test_identify(client, pages):
    root = oai_get(client, verb="Identify")
    identify = root.find("oai:Identify", NS)
    assert identify.findtext("oai:protocolVersion", namespaces=NS) == "2.0"
    assert identify.findtext("oai:baseURL", namespaces=NS) == "http://testserver/oai/"
    assert identify.findtext("oai:deletedRecord", namespaces=NS) == "persistent"
    assert identify.findtext("oai:granularity", namespaces=NS) == "YYYY-MM-DDThh:mm:ssZ"
    assert identify.findtext("oai:adminEmail", namespaces=NS)
    assert identify.findtext("oai:earliestDatestamp", namespaces=NS).endswith("Z")
    assert root.find("oai:request", NS).get("verb") == "Identify"


def test_post_is_answered_like_get(client, pages):
    response = client.post("/oai/", {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"})
    from tests.website.oai_helpers import validate

    root = validate(response.content)
    assert home_id(pages[0]) in identifiers(root)


def test_list_metadata_formats(client, pages):
    root = oai_get(client, verb="ListMetadataFormats")
    prefixes = [el.text for el in root.iterfind(".//oai:metadataPrefix", NS)]
    assert "oai_dc" in prefixes
    root = oai_get(client, verb="ListMetadataFormats", identifier=home_id(pages[0]))
    assert [el.text for el in root.iterfind(".//oai:metadataPrefix", NS)] == ["oai_dc"]


def test_list_sets_with_subsets_and_descriptions(client, pages):
    root = oai_get(client, verb="ListSets")
    specs = [el.text for el in root.iterfind(".//oai:setSpec", NS)]
    assert "homes" in specs and "homes:intro" in specs
    assert root.find(".//oai:setDescription/oai_dc:dc", NS) is not None


def test_get_record_carries_both_languages_and_chinese_intact(client, pages):
    root = oai_get(client, verb="GetRecord", identifier=home_id(pages[0]), metadataPrefix="oai_dc")
    dc = root.find(".//oai_dc:dc", NS)
    titles = {
        el.get("{http://www.w3.org/XML/1998/namespace}lang"): el.text
        for el in dc.iterfind("dc:title", NS)
    }
    assert titles["zh-Hans"] == pages[0].title
    assert titles["en"] == "Library reading"
    descriptions = [el.text for el in dc.iterfind("dc:description", NS)]
    assert "欢迎来到图书馆阅读推广" in descriptions
    urls = [el.text for el in dc.iterfind("dc:identifier", NS)]
    assert any(url.endswith("/zh-hans/") for url in urls)
    assert any(url.endswith("/en/") for url in urls)
    specs = [el.text for el in root.iterfind(".//oai:header/oai:setSpec", NS)]
    assert specs == ["homes", "homes:intro"]


def test_list_identifiers_and_records(client, pages):
    root = oai_get(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="homes")
    assert set(identifiers(root)) == {home_id(pages[0]), home_id(pages[1])}
    assert root.find(".//oai:resumptionToken", NS) is None
    root = oai_get(client, verb="ListRecords", metadataPrefix="oai_dc", set="homes:intro")
    assert identifiers(root) == [home_id(pages[0])]
    assert root.find(".//oai:metadata/oai_dc:dc", NS) is not None


def test_english_translation_is_not_a_record_of_its_own(client, pages, home_en):
    root = oai_get(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="homes")
    assert home_id(home_en) not in identifiers(root)


def test_selective_harvesting_by_date(client, pages):
    home, other = pages
    stamp = other.last_published_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    root = oai_get(
        client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="homes", **{"from": stamp}
    )
    assert home_id(other) in identifiers(root)
    root = oai_get(
        client,
        verb="ListIdentifiers",
        metadataPrefix="oai_dc",
        **{"from": "2001-01-01", "until": "2001-12-31"},
    )
    assert error_code(root) == "noRecordsMatch"
    day = other.last_published_at.strftime("%Y-%m-%d")
    root = oai_get(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="homes", until=day)
    assert home_id(other) in identifiers(root)


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({}, "badVerb"),
        ({"verb": "Fetch"}, "badVerb"),
        ({"verb": "Identify", "extra": "1"}, "badArgument"),
        ({"verb": "GetRecord", "metadataPrefix": "oai_dc"}, "badArgument"),
        ({"verb": "ListRecords"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-13-01"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "yesterday"}, "badArgument"),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-01-01T00:00:00"},
            "badArgument",
        ),
        (
            {
                "verb": "ListRecords",
                "metadataPrefix": "oai_dc",
                "from": "2024-01-01",
                "until": "2024-02-01T00:00:00Z",
            },
            "badArgument",
        ),
        (
            {
                "verb": "ListRecords",
                "metadataPrefix": "oai_dc",
                "from": "2024-02-01",
                "until": "2024-01-01",
            },
            "badArgument",
        ),
        (
            {
                "verb": "ListRecords",
                "metadataPrefix": "oai_dc",
                "resumptionToken": "x",
                "set": "homes",
            },
            "badArgument",
        ),
        ({"verb": "ListRecords", "resumptionToken": "not-a-token"}, "badResumptionToken"),
        ({"verb": "ListIdentifiers", "resumptionToken": ""}, "badResumptionToken"),
        ({"verb": "ListSets", "resumptionToken": "abc"}, "badResumptionToken"),
        ({"verb": "ListRecords", "metadataPrefix": "mods"}, "cannotDisseminateFormat"),
        (
            {
                "verb": "GetRecord",
                "metadataPrefix": "mods",
                "identifier": "oai:library.example.edu:home/1",
            },
            "cannotDisseminateFormat",
        ),
        (
            {
                "verb": "GetRecord",
                "metadataPrefix": "oai_dc",
                "identifier": "oai:elsewhere.edu:home/1",
            },
            "idDoesNotExist",
        ),
        (
            {
                "verb": "GetRecord",
                "metadataPrefix": "oai_dc",
                "identifier": "oai:library.example.edu:home/99999999",
            },
            "idDoesNotExist",
        ),
        (
            {
                "verb": "GetRecord",
                "metadataPrefix": "oai_dc",
                "identifier": "oai:library.example.edu:home/١٢",
            },
            "idDoesNotExist",
        ),
        (
            {
                "verb": "GetRecord",
                "metadataPrefix": "oai_dc",
                "identifier": "oai:library.example.edu:home/9" * 3,
            },
            "idDoesNotExist",
        ),
        (
            {"verb": "ListMetadataFormats", "identifier": "oai:library.example.edu:nothing/1"},
            "idDoesNotExist",
        ),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "no-such-set"},
            "noRecordsMatch",
        ),
        (
            {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": "homes:no-such-subset"},
            "noRecordsMatch",
        ),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "until": "1990-01-01"},
            "noRecordsMatch",
        ),
    ],
)
def test_errors_by_name(client, pages, params, code):
    root = oai_get(client, **params)
    assert error_code(root) == code
    request = root.find("oai:request", NS)
    if code in {"badVerb", "badArgument"}:
        assert dict(request.attrib) == {}


@pytest.mark.parametrize(
    "params",
    [
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "推荐"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "homes\n"},
        {"verb": "ListRecords", "metadataPrefix": "oai dc"},
        {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:x y"},
        {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:\x01"},
        {"verb": "Identify\x00"},
    ],
)
def test_arguments_that_cannot_be_echoed_are_bad_arguments(client, pages, params):
    """Control characters, Chinese set names and spaces: a clear badArgument, valid XML."""
    root = oai_get(client, **params)
    assert error_code(root) in {"badArgument", "badVerb"}
    assert dict(root.find("oai:request", NS).attrib) == {}


def test_repeated_arguments(client, pages):
    root = oai_get(client, verb=["Identify", "Identify"])
    assert error_code(root) == "badVerb"
    root = oai_get(client, verb="ListRecords", metadataPrefix=["oai_dc", "oai_dc"])
    assert error_code(root) == "badArgument"


def test_cannot_disseminate_a_format_the_item_lacks(client, pages):
    """marc21 is offered by the repository (for books) but not for a home page."""
    root = oai_get(client, verb="ListMetadataFormats")
    assert "marc21" in [el.text for el in root.iterfind(".//oai:metadataPrefix", NS)]
    root = oai_get(client, verb="GetRecord", identifier=home_id(pages[0]), metadataPrefix="marc21")
    assert error_code(root) == "cannotDisseminateFormat"
    root = oai_get(client, verb="ListRecords", metadataPrefix="marc21", set="homes")
    assert error_code(root) == "noRecordsMatch"


def test_no_set_hierarchy_without_kinds(client, db):
    from website.oai.registry import registry

    saved, registry._kinds = registry._kinds, {}
    try:
        root = oai_get(client, verb="ListSets")
        assert error_code(root) == "noSetHierarchy"
        root = oai_get(client, verb="ListRecords", metadataPrefix="oai_dc")
        assert error_code(root) == "noRecordsMatch"
    finally:
        registry._kinds = saved


def test_other_http_methods_are_refused(client, db):
    assert client.put("/oai/").status_code == 405
