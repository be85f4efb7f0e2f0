"""Every public channel × every exposure state gives the same answer.

One seeded object per state — a recommendation (with an English translation), its handwritten
note and its recommender — each text carrying a marker of its own. For every channel that can
carry a kind of text (the recommendation, the note, the recommender's name), the marker is
there exactly when the state says a reader may see it. The channels and states are also taken
from the project's own registries (OAI-PMH kinds, feeds, API endpoints, sitemaps, name
choices, restriction types): a new one that this matrix does not know fails the coverage tests.
"""

import html
import io
import json
import re
import tempfile
from pathlib import Path

import pytest

from django.core.management import call_command

from wagtail.models import PageViewRestriction

from reading.models import ArchiveItem, NameDisplay, OcrStatus
from tests.factories import ArchiveItemFactory, RecommendationPageFactory, RecommenderFactory
from tests.factories.campaigns import campaign_in_both_languages
from tests.factories.pages import translate_page

pytestmark = pytest.mark.django_db

REC, NOTE, NAME = "recommendation", "note", "recommender name"
TRANS = "english translation"
NEVER = "never: "  # a channel that must not carry a kind at all, in any state

# state: what a reader may see of each kind. A restriction is set on the Chinese original,
# so it must withdraw the English translation too; "translation restricted" restricts only
# the English translation, which withdraws that translation alone.
STATES = {
    "draft": {REC: False, TRANS: False, NOTE: False, NAME: False},
    "live": {REC: True, TRANS: True, NOTE: True, NAME: True},
    "unpublished": {REC: False, TRANS: False, NOTE: False, NAME: False},
    "login restricted": {REC: False, TRANS: False, NOTE: False, NAME: False},
    "group restricted": {REC: False, TRANS: False, NOTE: False, NAME: False},
    "password protected": {REC: False, TRANS: False, NOTE: False, NAME: False},
    "translation restricted": {REC: True, TRANS: False, NOTE: True, NAME: True},
    "consent withdrawn": {REC: True, TRANS: True, NOTE: False, NAME: True},
    "anonymous": {REC: True, TRANS: True, NOTE: True, NAME: False},
    "initials only": {REC: True, TRANS: True, NOTE: True, NAME: False},
}
RESTRICTION_STATES = {
    PageViewRestriction.LOGIN: "login restricted",
    PageViewRestriction.GROUPS: "group restricted",
    PageViewRestriction.PASSWORD: "password protected",
}
NAME_STATES = {
    NameDisplay.FULL: "live",
    NameDisplay.INITIALS: "initials only",
    NameDisplay.ANONYMOUS: "anonymous",
}


def _key(state):
    return re.sub(r"[^a-z]", "", state)


def markers(state):
    """ASCII words of their own, so that search finds them in either language."""
    key = _key(state)
    return {
        REC: f"recmk{key}",
        TRANS: f"transmk{key}",
        NOTE: f"notemk{key}",
        NAME: f"namemk{key}",
    }


def _restrict(page, restriction_type):
    from django.contrib.auth.models import Group

    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=restriction_type, password="secret-word"
    )
    if restriction_type == PageViewRestriction.GROUPS:
        restriction.groups.add(Group.objects.get_or_create(name="Matrix readers")[0])


@pytest.fixture
def seeded(home):
    campaign, _campaign_en = campaign_in_both_languages(home)
    objects = {}
    for state in STATES:
        mark = markers(state)
        display = {"anonymous": NameDisplay.ANONYMOUS, "initials only": NameDisplay.INITIALS}
        recommender = RecommenderFactory(
            name=mark[NAME], name_en=mark[NAME], name_display=display.get(state, NameDisplay.FULL)
        )
        page = RecommendationPageFactory(
            parent=campaign,
            recommender=recommender,
            text=f"{mark[REC]} 这本书改变了我。",
            show_note=True,
            publish=state != "draft",
        )
        english = translate_page(
            page, "en", publish=state != "draft", text=f"{mark[TRANS]} This book changed me."
        )
        note = ArchiveItemFactory(
            recommendation=page,
            consent_public=state != "consent withdrawn",
            ocr_status=OcrStatus.DONE,
            transcription=f"{mark[NOTE]} 手写的推荐语",
        )
        if state == "unpublished":
            page.unpublish()
            english.unpublish()
        for restriction_type, restricted_state in RESTRICTION_STATES.items():
            if state == restricted_state:
                _restrict(page, restriction_type)
        if state == "translation restricted":
            _restrict(english, PageViewRestriction.PASSWORD)  # only the English one
        objects[state] = {"page": page, "english": english, "note": note}
    return objects


def _get(client, url, **params):
    response = client.get(url, params)
    return response.content.decode() if response.status_code == 200 else ""


def _pages_of(client, seeded):
    """Every page a reader could open: each recommendation in both languages and its note."""
    texts = []
    for objects in seeded.values():
        for page in (objects["page"], objects["english"]):
            texts.append(_get(client, page.url))
        texts.append(_get(client, f"/en/notes/{objects['note'].pk}/"))
        texts.append(_get(client, f"/zh-hans/notes/{objects['note'].pk}/"))
    return "\n".join(texts)


def _json_ld(page_html):
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page_html, re.S)
    return "\n".join(json.dumps(json.loads(block), ensure_ascii=False) for block in found)


def _open_graph(page_html):
    return "\n".join(
        html.unescape(v)
        for v in re.findall(r'<meta property="og:[^"]+" content="([^"]*)"', page_html)
    )


def channel_pages(client, seeded):
    text = _pages_of(client, seeded)
    return {REC: text, TRANS: text, NOTE: text, NAME: text}


def channel_listings(client, seeded):
    campaign = next(iter(seeded.values()))["page"].get_parent().specific
    texts = [_get(client, campaign.url), _get(client, campaign.get_translations().first().url)]
    for objects in seeded.values():
        page = objects["page"]
        texts.append(_get(client, f"/zh-hans/books/{page.book_id}/"))
        texts.append(_get(client, f"/en/recommenders/{page.recommender.slug}/"))
    text = "\n".join(texts)
    return {REC: text, TRANS: text, NAME: text}


def channel_search(client, seeded):
    found = {REC: [], TRANS: [], NOTE: []}
    for state, objects in seeded.items():
        mark = markers(state)
        for language in ("zh-hans", "en"):
            for kind, page in ((REC, objects["page"]), (TRANS, objects["english"])):
                if page.url in _get(client, f"/{language}/search/", q=mark[kind]):
                    found[kind].append(mark[kind])
            results = _get(client, f"/{language}/search/", q=mark[NOTE])
            if f"/notes/{objects['note'].pk}/" in results:
                found[NOTE].append(mark[NOTE])
    return {kind: " ".join(words) for kind, words in found.items()}


def channel_sitemap(client, seeded):
    sitemap = _get(client, "/sitemap.xml")
    words = {REC: [], TRANS: []}
    for state, objects in seeded.items():
        for kind, page in ((REC, objects["page"]), (TRANS, objects["english"])):
            if f"<loc>{page.full_url}</loc>" in sitemap:
                words[kind].append(markers(state)[kind])
    return {kind: " ".join(found) for kind, found in words.items()}


def channel_feeds(client, seeded):
    from website.feeds import urlpatterns

    texts = []
    for pattern in urlpatterns:
        for language in ("zh-hans", "en"):
            texts.append(html.unescape(_get(client, f"/{language}/feeds/{pattern.pattern}")))
    text = "\n".join(texts)
    return {REC: text, TRANS: text, NAME: text}


def channel_api(client, seeded):
    texts = [
        _get(client, "/api/v2/pages/", type="reading.RecommendationPage", fields="*", limit=100),
    ]
    for objects in seeded.values():
        for page in (objects["page"], objects["english"]):
            texts.append(_get(client, f"/api/v2/pages/{page.pk}/"))
    texts.append(_get(client, "/api/v2/images/", fields="*", limit=100))
    text = "\n".join(texts)
    # the API serves no note at all: its images endpoint leaves the scans out
    return {REC: text, TRANS: text, NAME: text, NEVER + NOTE: _note_image_words(text, seeded)}


def channel_json_ld(client, seeded):
    text = "\n".join(
        _json_ld(_get(client, objects[which].url))
        for objects in seeded.values()
        for which in ("page", "english")
    )
    return {REC: text, TRANS: text, NAME: text}


def channel_open_graph(client, seeded):
    text = "\n".join(
        _open_graph(_get(client, objects[which].url))
        for objects in seeded.values()
        for which in ("page", "english")
    )
    # a page's preview image is its book's cover, never a reader's handwriting
    return {REC: text, TRANS: text, NEVER + NOTE: _note_image_words(text, seeded)}


def _note_image_words(text, seeded):
    """The note markers of the notes whose display image (or a rendition) `text` names."""
    words = []
    for state, objects in seeded.items():
        image = objects["note"].display_image
        stem = Path(image.file.name).stem
        if stem in text:
            words.append(markers(state)[NOTE])
    return " ".join(words)


def channel_note_images(client, seeded):
    """Renditions of a note's scan are linked from a public page only while it is public."""
    return {NOTE: _note_image_words(_pages_of(client, seeded), seeded)}


def channel_oai(client, seeded):
    texts = []
    for prefix in ("oai_dc", "marc21"):
        token = None
        while True:
            params = {"verb": "ListRecords"}
            params.update({"resumptionToken": token} if token else {"metadataPrefix": prefix})
            text = _get(client, "/oai/", **params)
            texts.append(text)
            found = re.search(r"<resumptionToken[^>]*>([^<]+)</resumptionToken>", text)
            if not found:
                break
            token = found.group(1)
    text = "\n".join(texts)
    # a deleted record is a header only: its metadata never carried the markers
    return {REC: text, TRANS: text, NOTE: text, NAME: text}


def channel_export(client, seeded):
    """The BagIt export holds every note; its "public" flag must agree with the site."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "bag"
        call_command("export_archive", str(target), stdout=io.StringIO())
        words = []
        for state, objects in seeded.items():
            dc = (target / "data" / f"note-{objects['note'].pk:06d}" / "dc.xml").read_text()
            if "Access: public" in dc:
                words.append(markers(state)[NOTE])
    return {NOTE: " ".join(words)}


def channel_queryset(client, seeded):
    """The rule itself, as the code asks it."""
    from reading.models import RecommendationPage, Recommender

    recs = RecommendationPage.objects.for_readers().values_list("text", flat=True)
    notes = ArchiveItem.objects.public().values_list("transcription", flat=True)
    names = [
        recommender.credited_name("en") or ""
        for recommender in Recommender.objects.filter(
            recommendations__in=RecommendationPage.objects.for_readers()
        )
    ]
    recs = " ".join(recs)
    return {REC: recs, TRANS: recs, NOTE: " ".join(notes), NAME: " ".join(names)}


CHANNELS = {
    "pages": channel_pages,
    "listings": channel_listings,
    "search": channel_search,
    "sitemap": channel_sitemap,
    "feeds": channel_feeds,
    "api": channel_api,
    "json-ld": channel_json_ld,
    "open graph": channel_open_graph,
    "note images": channel_note_images,
    "oai-pmh": channel_oai,
    "bagit export": channel_export,
    "queryset": channel_queryset,
}


def test_every_channel_agrees_with_the_rule_in_every_state(client, seeded):
    wrong = []
    for channel, read in CHANNELS.items():
        carried = read(client, seeded)
        assert carried, f"{channel} carries nothing"
        for state, expected in STATES.items():
            mark = markers(state)
            for kind, text in carried.items():
                never = kind.startswith(NEVER)
                kind = kind.removeprefix(NEVER)
                shown = mark[kind] in text
                if shown != (expected[kind] and not never):
                    wrong.append(f"{channel}: {kind} {'shown' if shown else 'hidden'} when {state}")
    assert wrong == [], "\n".join(wrong)


def test_the_original_scan_is_never_public(client, seeded):
    for objects in seeded.values():
        note = objects["note"]
        response = client.get(f"/admin/reading/archive/original/{note.pk}/")
        assert response.status_code in (302, 403)
        assert note.original.name not in _pages_of(client, seeded)


# -- coverage: a channel or state the matrix does not know fails here -----------------------


def test_every_oai_kind_is_in_the_matrix():
    from website.oai.registry import registry

    assert {kind.name for kind in registry} <= {"book", "recommendation", "note", "shelf", "guide"}
    assert "oai-pmh" in CHANNELS


def test_every_feed_is_in_the_matrix():
    from website.feeds import urlpatterns

    # channel_feeds reads every feed URL; a feed of another kind needs its own state objects
    assert {p.name for p in urlpatterns} == {
        "recommendations",
        "recommendations_atom",
        "shelves",
        "shelves_atom",
        "clubs",
        "clubs_atom",
    }


def test_every_api_endpoint_is_in_the_matrix():
    from website.api import api_router

    assert set(api_router._endpoints) == {"pages", "images", "books"}


def test_every_sitemap_is_in_the_matrix():
    from django.urls import resolve

    match = resolve("/sitemap.xml")
    assert set(match.kwargs["sitemaps"]) == {"pages"}


def test_every_name_choice_and_restriction_type_is_a_state():
    assert set(NAME_STATES) == set(NameDisplay.values)
    assert set(RESTRICTION_STATES) == {
        code
        for code, _label in PageViewRestriction.RESTRICTION_CHOICES
        if code != PageViewRestriction.NONE
    }
    assert set(NAME_STATES.values()) | set(RESTRICTION_STATES.values()) <= set(STATES)
