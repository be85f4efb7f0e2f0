"""The A–Z list files Chinese names by pinyin among Latin ones and puts best bets first."""

import re

import pytest

from guides.models import Database
from tests.factories import DatabaseFactory, DatabaseListPageFactory, SubjectFactory, translate_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def az(guide_index):
    return DatabaseListPageFactory(parent=guide_index)


@pytest.fixture
def library():
    biology = SubjectFactory(slug="biology", name_zh="生物学", name_en="Biology")
    physics = SubjectFactory(slug="physics", name_zh="物理", name_en="Physics")
    records = {
        "cnki": DatabaseFactory(
            name_zh="中国知网", name_en="CNKI", access="vpn", subjects=[biology, physics]
        ),
        "wanfang": DatabaseFactory(
            name_zh="万方数据",
            name_en="Wanfang Data",
            access="vpn",
            database_type="theses",
            subjects=[biology],
        ),
        "bcz": DatabaseFactory(name_zh="百链", name_en="", access="campus"),
        "aps": DatabaseFactory(
            name_zh="",
            name_en="APS Journals",
            access="campus",
            subjects=[physics],
            best_bets=[physics],
        ),
        "pubmed": DatabaseFactory(
            name_zh="", name_en="PubMed", access="open", subjects=[biology], best_bets=[biology]
        ),
        "wos": DatabaseFactory(
            name_zh="",
            name_en="Web of Science",
            access="vpn",
            database_type="citation",
            subjects=[biology, physics],
        ),
        "3d": DatabaseFactory(
            name_zh="", name_en="3D Body", access="open", database_type="multimedia"
        ),
    }
    return records


def names(response):
    return re.findall(
        r'<p class="resource-name"><a href="[^"]+" lang="[^"]+">([^<]+)</a>',
        response.content.decode(),
    )


def test_chinese_and_latin_names_sort_together(az, library, reader):
    response = reader.get(az.url)
    assert names(response) == [
        "APS Journals",
        "百链",
        "PubMed",
        "万方数据",
        "Web of Science",
        "中国知网",
        "3D Body",
    ]


def test_english_readers_see_english_order(az, library, reader):
    english = translate_page(az, "en", title="Databases A–Z")
    response = reader.get(english.url)
    assert names(response) == [
        "APS Journals",
        "百链",
        "CNKI",
        "PubMed",
        "Wanfang Data",
        "Web of Science",
        "3D Body",
    ]


def test_first_letter_filter_uses_pinyin(az, library, reader):
    assert names(reader.get(az.url, {"letter": "W"})) == ["万方数据", "Web of Science"]
    assert names(reader.get(az.url, {"letter": "z"})) == ["中国知网"]
    assert names(reader.get(az.url, {"letter": "#"})) == ["3D Body"]
    assert len(names(reader.get(az.url, {"letter": "not-a-letter"}))) == 7


def test_subject_filter_puts_best_bets_first(az, library, reader):
    response = reader.get(az.url, {"subject": "biology"})
    assert names(response) == ["PubMed", "万方数据", "Web of Science", "中国知网"]
    html = response.content.decode()
    assert html.index("best-bets") < html.index("万方数据")
    physics = names(reader.get(az.url, {"subject": "physics"}))
    assert physics[0] == "APS Journals"
    assert "PubMed" not in physics


def test_type_and_access_filters(az, library, reader):
    assert names(reader.get(az.url, {"type": "theses"})) == ["万方数据"]
    assert names(reader.get(az.url, {"access": "open"})) == ["PubMed", "3D Body"]
    combined = reader.get(az.url, {"access": "vpn", "subject": "physics", "letter": "Z"})
    assert names(combined) == ["中国知网"]


def test_unknown_filter_values_are_ignored(az, library, reader):
    response = reader.get(
        az.url, {"subject": "nope", "type": "<script>", "access": "x", "letter": "ab"}
    )
    assert response.status_code == 200
    assert len(names(response)) == 7
    assert "<script>" not in response.content.decode()


def test_letters_without_databases_are_not_links(az, library, reader):
    html = reader.get(az.url).content.decode()
    assert 'aria-disabled="true">Q<' in html
    assert "letter=Z" in html


def test_sort_keys_follow_a_renamed_database(library):
    database = library["bcz"]
    database.name_zh = "超星百链"
    database.save(update_fields=["name_zh"])
    database = Database.objects.get(pk=database.pk)
    assert database.initial_zh == "C"
