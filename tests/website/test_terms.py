"""A tag's English form: `tag_label` names a subject or theme for a reader, the rest says which
tags are one term."""

import pytest

from django.utils import translation

from taggit.models import Tag

from reading.models import RecommendationTheme
from tests.factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    RecommendationPageFactory,
    TagFactory,
    TermInEnglishFactory,
)
from website.core.models import TermInEnglish
from website.core.terms import names_of_term, tag_label, term_key, term_name, with_english

pytestmark = pytest.mark.django_db


def test_a_tag_reads_in_english_on_english_pages_only():
    term = TermInEnglishFactory(tag__name="科学家传记", name="Scientists' biographies")
    assert tag_label(term.tag, "en") == "Scientists' biographies"
    assert tag_label(term.tag, "zh-hans") == "科学家传记"
    with translation.override("en"):
        assert tag_label(term.tag) == "Scientists' biographies"
    with translation.override("zh-hans"):
        assert tag_label(term.tag) == "科学家传记"


def test_a_tag_without_an_english_form_keeps_its_name():
    tag = TagFactory(name="船舶")
    assert tag_label(tag, "en") == "船舶"
    english = TagFactory(name="Cosmology")
    assert tag_label(english, "en") == tag_label(english, "zh-hans") == "Cosmology"


def test_labels_of_a_list_of_tags_cost_one_query(django_assert_num_queries):
    for n in range(5):
        TermInEnglishFactory(tag__name=f"主题{n}", name=f"Theme {n}")
    TagFactory(name="无译名")
    with django_assert_num_queries(1):
        labels = [tag_label(tag, "en") for tag in with_english(Tag.objects.order_by("name"))]
    assert labels == ["Theme 0", "Theme 1", "Theme 2", "Theme 3", "Theme 4", "无译名"]


def test_an_english_tag_and_the_chinese_tag_it_translates_are_one_term():
    TermInEnglishFactory(tag__name="科学史", name="History of science")
    assert names_of_term("科学史") == {"科学史", "History of science"}
    assert names_of_term("history of science") == {
        "history of science",
        "科学史",
        "History of science",
    }
    assert names_of_term("船舶") == {"船舶"}
    tags = Tag.objects.annotate(term=term_name()).order_by("name")
    assert [(tag.name, tag.term) for tag in tags] == [("科学史", None)]
    TagFactory(name="HISTORY OF SCIENCE")
    assert dict(tags.values_list("name", "term"))["HISTORY OF SCIENCE"] == "科学史"


def test_term_key_groups_tagged_rows_under_the_chinese_tag(home):
    chinese = TermInEnglishFactory(tag__name="心理健康", name="Mental health").tag
    campaign = CampaignPageFactory(parent=CampaignIndexPageFactory(parent=home))
    RecommendationPageFactory(parent=campaign, themes=["心理健康"])
    RecommendationPageFactory(parent=campaign, themes=["mental health", "社会"])
    keys = RecommendationTheme.objects.annotate(key=term_key("tag")).values_list("tag__name", "key")
    by_name = dict(keys)
    assert by_name["心理健康"] == by_name["mental health"] == chinese.pk
    assert by_name["社会"] == Tag.objects.get(name="社会").pk
    # Narrowed to other terms, an English tag stands for itself.
    narrowed = TermInEnglish.objects.none()
    keys = RecommendationTheme.objects.annotate(key=term_key("tag", terms=narrowed))
    assert {row.tag.name: row.key for row in keys}["mental health"] != chinese.pk


def test_a_librarian_gives_a_tag_its_english_form_in_the_admin(admin_client):
    tag = TagFactory(name="科普")
    listing = "/admin/snippets/core/terminenglish/"
    assert admin_client.get(listing).status_code == 200
    response = admin_client.post(f"{listing}add/", {"tag": tag.pk, "name": "Popular science"})
    assert response.status_code == 302
    assert tag_label(Tag.objects.get(pk=tag.pk), "en") == "Popular science"
    assert "Popular science" in admin_client.get(listing).text
