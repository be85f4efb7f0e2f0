"""A real harvester (Sickle) against a running server: every set in every format, each
response valid, a deleted recommendation seen as deleted."""

import pytest
from sickle import Sickle
from sickle.oaiexceptions import NoRecordsMatch

from tests.factories import (
    ArchiveItemFactory,
    BookFactory,
    GuideIndexPageFactory,
    GuidePageFactory,
    RecommendationPageFactory,
    ShelfIndexPageFactory,
    ShelfPageFactory,
    translate_page,
)
from tests.factories.campaigns import campaign_in_both_languages
from tests.website.oai_helpers import validate
from website.oai.registry import registry


class ValidatingSickle(Sickle):
    """Sickle that checks every response it receives against the OAI-PMH schemas."""

    responses = 0

    def harvest(self, **kwargs):
        response = super().harvest(**kwargs)
        validate(response.http_response.content)
        type(self).responses += 1
        return response


@pytest.fixture
def content(transactional_db, request, settings):
    # A transactional test starts from empty tables (an earlier one flushed them): give
    # Wagtail its root page back before building the site.
    from wagtail.models import Collection, Locale, Page

    if Page.get_first_root_node() is None:
        locale, _ = Locale.objects.get_or_create(language_code="zh-hans")
        Page.add_root(title="Root", slug="root", locale=locale)
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    home = request.getfixturevalue("home")
    settings.OAI_PAGE_SIZE = 3  # several pages per set, so tokens are exercised
    campaign, _ = campaign_in_both_languages(home, slug="one-book")
    recommendations = []
    for n in range(7):
        rec = RecommendationPageFactory(parent=campaign, title=f"推荐 {n}", text=f"推荐语 {n}")
        translate_page(rec, "en", title=f"Recommendation {n}", text=f"Words {n}")
        recommendations.append(rec)
    ArchiveItemFactory(
        recommendation=recommendations[0], consent_public=True, transcription="我最喜欢的一本书"
    )
    shelves = ShelfIndexPageFactory(parent=home)
    ShelfPageFactory(parent=shelves, title="科学家传记", books=[BookFactory(title="钱学森传")])
    guides = GuideIndexPageFactory(parent=home)
    for guide_type in ("subject", "topic", "course"):
        GuidePageFactory(parent=guides, guide_type=guide_type, summary="资源与方法。")
    gone = recommendations[-1]
    gone.unpublish()
    return gone


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sickle_harvests_every_set_in_every_format(live_server, content, method):
    sickle = ValidatingSickle(f"{live_server.url}/oai/", http_method=method)
    identify = sickle.Identify()
    assert identify.deletedRecord == "persistent"
    formats = [f.metadataPrefix for f in sickle.ListMetadataFormats()]
    assert set(formats) == {"oai_dc", "marc21"}
    sets = [s.setSpec for s in sickle.ListSets()]
    assert {"recommendations", "recommendations:one-book", "books", "archive"} <= set(sets)
    harvested = {}
    for spec in sets:
        top = spec.split(":")[0]
        kinds = [kind for kind in registry if kind.set_spec == top]
        for prefix in formats:
            offered = any(prefix in kind.formats for kind in kinds)
            try:
                records = list(sickle.ListRecords(metadataPrefix=prefix, set=spec))
            except NoRecordsMatch:
                assert not offered, (spec, prefix)  # every set has records in some format
                continue
            harvested[(spec, prefix)] = records
    recs = harvested[("recommendations", "oai_dc")]
    assert len(recs) == 7
    deleted = [r for r in recs if r.deleted]
    assert [r.header.identifier for r in deleted] == [
        f"oai:library.example.edu:recommendation/{content.pk}"
    ]
    live = [r for r in recs if not r.deleted]
    assert any("推荐 0" in r.metadata.get("title", []) for r in live)
    assert len(harvested[("recommendations:one-book", "marc21")]) == 7
    assert len(harvested[("archive", "oai_dc")]) == 1
    assert ValidatingSickle.responses > len(harvested)
