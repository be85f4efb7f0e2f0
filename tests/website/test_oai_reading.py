"""The reading side over OAI-PMH: books, recommendations by campaign, consented notes.

Privacy: only what readers allowed leaves; no email, student number or unnamed reader's
school is ever in a response.
"""

import pytest

from tests.factories import (
    ArchiveItemFactory,
    BookFactory,
    RecommendationPageFactory,
    RecommenderFactory,
    translate_page,
)
from tests.factories.campaigns import campaign_in_both_languages
from tests.website.oai_helpers import NS, error_code, identifiers, oai_get, validate

pytestmark = pytest.mark.django_db
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def oai_id(kind, pk):
    return f"oai:library.example.edu:{kind}/{pk}"


@pytest.fixture
def campaign(home):
    campaign, _en = campaign_in_both_languages(home, slug="one-book")
    return campaign


@pytest.fixture
def readers():
    return {
        "named": RecommenderFactory(
            name="施一公",
            name_en="Shi Yigong",
            name_display="full",
            email="shi@mail.example.edu",
            school="生命科学学院",
        ),
        "initials": RecommenderFactory(
            name="王小明",
            name_en="Wang Xiaoming",
            name_display="initials",
            email="12012345@mail.example.edu",
            school="数学系",
        ),
        "anonymous": RecommenderFactory(
            name="李秘密",
            name_en="Li Secret",
            name_display="anonymous",
            email="secret@mail.example.edu",
            school="秘密学院",
        ),
    }


@pytest.fixture
def recommendations(campaign, readers):
    book = BookFactory(
        title="居里夫人传",
        authors="艾芙·居里",
        isbn13="9787020024759",
        other_isbns="9787544291170",
        summary="居里夫人的一生。",
        subjects=["科学家传记"],
        ebook_url="https://ebooks.example.edu/curie",
    )
    made = {}
    for key, reader in readers.items():
        made[key] = RecommendationPageFactory(
            parent=campaign,
            book=book,
            recommender=reader,
            title=f"推荐：居里夫人传（{key}）",
            text=f"{key} 读者的推荐语：坚持与勇气。",
            themes=["科学史"],
        )
    translate_page(
        made["named"], "en", title="Recommending Madame Curie", text="Persistence and courage."
    )
    return made


def all_text(client, **params):
    response = client.get("/oai/", params)
    validate(response.content)
    return response.content.decode("utf-8")


def test_recommendation_record(client, recommendations):
    rec = recommendations["named"]
    root = oai_get(
        client,
        verb="GetRecord",
        identifier=oai_id("recommendation", rec.pk),
        metadataPrefix="oai_dc",
    )
    dc = root.find(".//oai_dc:dc", NS)
    values = lambda name: [el.text for el in dc.iterfind(f"dc:{name}", NS)]  # noqa: E731
    assert "推荐：居里夫人传（named）" in values("title")
    assert "Recommending Madame Curie" in values("title")
    assert {"施一公", "Shi Yigong"} <= set(values("creator"))
    assert "科学史" in values("subject") and "科学家传记" in values("subject")
    assert "named 读者的推荐语：坚持与勇气。" in values("description")
    assert "2024-04-23" in values("date")
    assert oai_id("book", rec.book_id) in values("relation")
    assert "urn:isbn:9787020024759" in values("relation")
    assert any("/zh-hans/" in url for url in values("identifier"))
    assert {"zh-Hans", "en"} <= set(values("language"))
    specs = [el.text for el in root.iterfind(".//oai:header/oai:setSpec", NS)]
    assert specs == ["recommendations", "recommendations:one-book"]


def test_recommenders_appear_only_as_they_allowed(client, recommendations):
    initials = oai_get(
        client,
        verb="GetRecord",
        metadataPrefix="oai_dc",
        identifier=oai_id("recommendation", recommendations["initials"].pk),
    )
    creators = [el.text for el in initials.iterfind(".//dc:creator", NS)]
    assert creators == ["W. X."]
    anonymous = oai_get(
        client,
        verb="GetRecord",
        metadataPrefix="oai_dc",
        identifier=oai_id("recommendation", recommendations["anonymous"].pk),
    )
    assert anonymous.find(".//dc:creator", NS) is None


def test_no_personal_data_in_any_response(client, recommendations, readers):
    ArchiveItemFactory(
        recommendation=recommendations["anonymous"], consent_public=True, transcription="坚持与勇气"
    )
    bodies = []
    for prefix in ("oai_dc", "marc21"):
        bodies.append(all_text(client, verb="ListRecords", metadataPrefix=prefix))
    bodies.append(all_text(client, verb="ListSets"))
    text = "\n".join(bodies)
    for reader in readers.values():
        assert reader.email not in text
    assert "12012345" not in text  # a student number, as found in the email
    assert "王小明" not in text and "Wang Xiaoming" not in text
    assert "李秘密" not in text and "Li Secret" not in text
    assert "秘密学院" not in text and "数学系" not in text
    assert "@" not in text.replace("library@example.edu", "")


def test_campaign_sets(client, recommendations, campaign):
    root = oai_get(client, verb="ListSets")
    specs = [el.text for el in root.iterfind(".//oai:setSpec", NS)]
    assert {"books", "recommendations", "archive", "recommendations:one-book"} <= set(specs)
    root = oai_get(
        client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="recommendations:one-book"
    )
    assert len(identifiers(root)) == 3


def test_unicode_campaign_slug_gets_a_valid_set_spec(client, home):
    campaign, _en = campaign_in_both_languages(home, slug="影响我最深")
    RecommendationPageFactory(parent=campaign)
    root = oai_get(client, verb="ListSets")
    assert f"recommendations:c{campaign.pk}" in [
        el.text for el in root.iterfind(".//oai:setSpec", NS)
    ]
    root = oai_get(
        client,
        verb="ListIdentifiers",
        metadataPrefix="oai_dc",
        set=f"recommendations:c{campaign.pk}",
    )
    assert len(identifiers(root)) == 1


def test_deleted_recommendation_is_reported_deleted(client, recommendations):
    rec = recommendations["initials"]
    pk = rec.pk
    rec.unpublish()
    root = oai_get(
        client, verb="GetRecord", identifier=oai_id("recommendation", pk), metadataPrefix="oai_dc"
    )
    assert root.find(".//oai:header", NS).get("status") == "deleted"
    root = oai_get(
        client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="recommendations:one-book"
    )
    status = {
        h.findtext("oai:identifier", namespaces=NS): h.get("status")
        for h in root.iterfind(".//oai:header", NS)
    }
    assert status[oai_id("recommendation", pk)] == "deleted"
    named = recommendations["named"]
    named.delete()
    root = oai_get(
        client,
        verb="GetRecord",
        identifier=oai_id("recommendation", named.pk),
        metadataPrefix="marc21",
    )
    assert root.find(".//oai:header", NS).get("status") == "deleted"


def test_books_in_marc21(client, recommendations):
    book = recommendations["named"].book
    root = oai_get(
        client, verb="GetRecord", identifier=oai_id("book", book.pk), metadataPrefix="marc21"
    )
    record = root.find(".//marc:record", NS)
    fields = {
        (f.get("tag"), s.get("code")): s.text
        for f in record.iterfind("marc:datafield", NS)
        for s in f.iterfind("marc:subfield", NS)
    }
    assert fields[("245", "a")] == "居里夫人传"
    assert fields[("100", "a")] == "艾芙·居里"
    assert fields[("020", "a")] in {"9787020024759", "9787544291170"}
    assert fields[("856", "u")]
    rec = oai_get(
        client,
        verb="GetRecord",
        metadataPrefix="marc21",
        identifier=oai_id("recommendation", recommendations["named"].pk),
    )
    notes = [s.text for s in rec.iterfind(".//marc:datafield[@tag='520']/marc:subfield", NS)]
    assert "named 读者的推荐语：坚持与勇气。" in notes


def test_book_without_live_recommendation_is_not_exposed(client, recommendations):
    lonely = BookFactory(title="无人推荐的书")
    root = oai_get(
        client, verb="GetRecord", identifier=oai_id("book", lonely.pk), metadataPrefix="oai_dc"
    )
    assert error_code(root) == "idDoesNotExist"


def test_book_leaves_with_its_last_recommendation(client, campaign):
    rec = RecommendationPageFactory(parent=campaign)
    rec.unpublish()
    root = oai_get(
        client, verb="GetRecord", identifier=oai_id("book", rec.book_id), metadataPrefix="oai_dc"
    )
    assert root.find(".//oai:header", NS).get("status") == "deleted"


def test_only_consented_notes(client, recommendations):
    shown = ArchiveItemFactory(
        recommendation=recommendations["named"],
        consent_public=True,
        transcription="坚持与勇气，是我从居里夫人身上学到的。",
    )
    hidden = ArchiveItemFactory(recommendation=recommendations["named"], consent_public=False)
    root = oai_get(client, verb="ListRecords", metadataPrefix="oai_dc", set="archive")
    assert identifiers(root) == [oai_id("note", shown.pk)]
    dc = root.find(".//oai_dc:dc", NS)
    assert "坚持与勇气，是我从居里夫人身上学到的。" in [
        el.text for el in dc.iterfind("dc:description", NS)
    ]
    relations = [el.text for el in dc.iterfind("dc:relation", NS)]
    assert oai_id("recommendation", recommendations["named"].pk) in relations
    root = oai_get(
        client, verb="GetRecord", identifier=oai_id("note", hidden.pk), metadataPrefix="oai_dc"
    )
    assert error_code(root) == "idDoesNotExist"
    # Consent withdrawn: reported deleted.
    shown.consent_public = False
    shown.save()
    root = oai_get(
        client, verb="GetRecord", identifier=oai_id("note", shown.pk), metadataPrefix="oai_dc"
    )
    assert root.find(".//oai:header", NS).get("status") == "deleted"


def test_note_leaves_when_its_recommendation_is_unpublished(client, recommendations):
    note = ArchiveItemFactory(recommendation=recommendations["named"], consent_public=True)
    recommendations["named"].unpublish()
    root = oai_get(
        client, verb="GetRecord", identifier=oai_id("note", note.pk), metadataPrefix="oai_dc"
    )
    assert root.find(".//oai:header", NS).get("status") == "deleted"


def test_old_book_reappears_in_incremental_harvest_when_first_recommended(client, campaign):
    """A book edited long ago but recommended today is new to the harvester: its datestamp is
    the recommendation's publication, so a harvest `from` today includes it."""
    from datetime import timedelta

    from django.utils import timezone

    from reading.models import Book

    book = BookFactory(title="旧书新荐")
    Book.objects.filter(pk=book.pk).update(updated_at=timezone.now() - timedelta(days=400))
    RecommendationPageFactory(parent=campaign, book=book)
    today = timezone.now().strftime("%Y-%m-%d")
    root = oai_get(
        client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="books", **{"from": today}
    )
    assert oai_id("book", book.pk) in identifiers(root)


@pytest.mark.parametrize("count", [2, 12])
def test_translated_records_cost_the_same_queries_whatever_their_number(
    client, campaign, readers, count, django_assert_max_num_queries
):
    """Each record carries its translations' titles and texts: they are loaded for the whole
    page at once, not one field of one translation at a time."""
    for n in range(count):
        page = RecommendationPageFactory(
            parent=campaign,
            book=BookFactory(title=f"书 {n}", subjects=["文学"]),
            recommender=readers["named"],
            title=f"推荐 {n}",
            text=f"推荐语 {n}",
        )
        translate_page(page, "en", title=f"Recommendation {n}", text=f"Words {n}")
    with django_assert_max_num_queries(40):
        content = all_text(client, verb="ListRecords", metadataPrefix="oai_dc")
    assert f"Words {count - 1}" in content
    assert f"推荐语 {count - 1}" in content


def test_a_campaign_made_private_withdraws_its_recommendations_books_and_notes(
    client, campaign, recommendations
):
    from wagtail.models import PageViewRestriction

    note = ArchiveItemFactory(recommendation=recommendations["named"], consent_public=True)
    book = recommendations["named"].book
    ids = [
        oai_id("recommendation", recommendations["named"].pk),
        oai_id("book", book.pk),
        oai_id("note", note.pk),
    ]
    for identifier in ids:
        root = oai_get(client, verb="GetRecord", identifier=identifier, metadataPrefix="oai_dc")
        assert root.find(".//oai:header", NS).get("status") is None, identifier
    for page in [campaign, *campaign.get_translations()]:  # the campaign in both languages
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="staff-only"
        )
    for identifier in ids:
        root = oai_get(client, verb="GetRecord", identifier=identifier, metadataPrefix="oai_dc")
        assert root.find(".//oai:header", NS).get("status") == "deleted", identifier
