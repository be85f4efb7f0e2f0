"""Shared by the OAI-PMH tests: offline schema validation, parsing, a test kind over HomePage."""

import functools
from pathlib import Path

import pytest
import xmlschema
from lxml import etree

from website.oai.kinds import PageKind
from website.oai.registry import registry

SCHEMAS = Path(__file__).resolve().parents[1] / "fixtures" / "schemas"
NS = {
    "oai": "http://www.openarchives.org/OAI/2.0/",
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "marc": "http://www.loc.gov/MARC21/slim",
}


@functools.cache
def oai_schema():
    """OAI-PMH with oai_dc and MARCXML, every import resolved from tests/fixtures/schemas."""
    return xmlschema.XMLSchema(
        str(SCHEMAS / "OAI-PMH.xsd"),
        locations=[
            (NS["oai_dc"], str(SCHEMAS / "oai_dc.xsd")),
            (NS["marc"], str(SCHEMAS / "MARC21slim.xsd")),
        ],
        allow="local",
        defuse="always",
    )


def validate(content):
    """Parse a response, check it against the schemas, return its root."""
    root = etree.fromstring(content)
    oai_schema().validate(root, use_location_hints=False)
    return root


def oai_get(client, **params):
    response = client.get("/oai/", params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    return validate(response.content)


def error_code(root):
    errors = root.findall("oai:error", NS)
    return errors[0].get("code") if errors else None


def identifiers(root):
    return [el.text for el in root.iterfind(".//oai:header/oai:identifier", NS)]


class HomeKind(PageKind):
    """Home pages as a record kind: lets the protocol be tested before the real kinds exist."""

    name = "home"
    set_spec = "homes"
    set_name = "Home pages"
    set_description = "Front pages"
    model = "home.HomePage"

    def get_subsets(self):
        return [("intro", "Home pages with an introduction")]

    def filter_subset(self, queryset, suffix):
        if suffix == "intro":
            return queryset.exclude(intro="")
        return queryset.none()

    def get_set_specs(self, obj):
        return [self.set_spec, *([f"{self.set_spec}:intro"] if obj.intro else [])]

    def dublin_core(self, obj, request):
        dc = super().dublin_core(obj, request)
        for page in self.versions(obj):
            dc.add("description", page.intro, lang=self.page_language(page))
        return dc


@pytest.fixture
def home_kind():
    registry.register(HomeKind)
    yield registry.get("home")
    registry.unregister("home")
