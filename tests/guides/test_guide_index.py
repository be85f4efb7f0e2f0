"""Readers find a guide by type, subject, owner and words, Chinese ones included."""

import re

import pytest

from guides.models import GuideIndexPage, GuidePage
from tests.factories import GuidePageFactory, LibrarianProfileFactory, SubjectFactory
from tests.factories.guides import section, text

pytestmark = pytest.mark.django_db


def titles(response):
    return re.findall(
        r'<h2 class="card-title"><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )


@pytest.fixture
def shelf(guide_index, physics, owner):
    biology = SubjectFactory(slug="biology", name_zh="生物学", name_en="Biology")
    wang = LibrarianProfileFactory(name_zh="王芳", name_en="Wang Fang")
    GuidePageFactory(
        parent=guide_index,
        slug="phys",
        title="物理与材料学科导航",
        guide_type="subject",
        subjects=[physics],
        owners=[owner],
    )
    GuidePageFactory(
        parent=guide_index,
        slug="bio",
        title="生物学学科导航",
        guide_type="subject",
        subjects=[biology],
        owners=[wang],
        sections=[section("文献", text("<p>PubMed 与基因数据库的检索方法</p>"))],
    )
    GuidePageFactory(
        parent=guide_index,
        slug="endnote",
        title="EndNote 文献管理",
        guide_type="topic",
        owners=[owner],
        summary="安装 EndNote，从数据库导入题录，在 Word 中边写边引。",
    )
    GuidePageFactory(parent=guide_index, slug="draft", title="未发布的草稿指南", live=False)
    return {"biology": biology, "wang": wang}


def test_the_index_lists_published_guides(guide_index, shelf, reader):
    response = reader.get(guide_index.url)
    assert sorted(titles(response)) == sorted(
        ["物理与材料学科导航", "生物学学科导航", "EndNote 文献管理"]
    )


def test_browse_by_subject_type_and_owner(guide_index, shelf, owner, reader):
    assert titles(reader.get(guide_index.url, {"subject": "biology"})) == ["生物学学科导航"]
    assert titles(reader.get(guide_index.url, {"type": "topic"})) == ["EndNote 文献管理"]
    by_owner = titles(reader.get(guide_index.url, {"owner": owner.pk}))
    assert sorted(by_owner) == sorted(["EndNote 文献管理", "物理与材料学科导航"])
    both = reader.get(guide_index.url, {"owner": owner.pk, "type": "subject"})
    assert titles(both) == ["物理与材料学科导航"]


def test_search_finds_a_guide_by_a_chinese_word(guide_index, shelf, reader):
    assert titles(reader.get(guide_index.url, {"q": "题录"})) == ["EndNote 文献管理"]
    assert titles(reader.get(guide_index.url, {"q": "基因"})) == ["生物学学科导航"]
    assert titles(reader.get(guide_index.url, {"q": "材料"})) == ["物理与材料学科导航"]
    assert titles(reader.get(guide_index.url, {"q": "草稿"})) == []


def test_search_combines_with_filters(guide_index, shelf, reader):
    response = reader.get(guide_index.url, {"q": "导航", "subject": "biology"})
    assert titles(response) == ["生物学学科导航"]


def test_bad_filters_and_pages_do_not_fail(guide_index, shelf, reader):
    for params in (
        {"type": "nope"},
        {"owner": "abc"},
        {"subject": "<b>"},
        {"page": "999"},
        {"page": "x"},
        {"q": "x" * 5000},
        {"q": "   "},
    ):
        assert reader.get(guide_index.url, params).status_code == 200, params


def test_paging(guide_index, reader):
    for number in range(15):
        GuidePageFactory(parent=guide_index, slug=f"g{number}", title=f"Guide {number:02d}")
    first = titles(reader.get(guide_index.url))
    second = titles(reader.get(guide_index.url, {"page": 2}))
    assert len(first) == 12 and len(second) == 3
    assert not set(first) & set(second)


def test_the_page_tree_is_declared_both_ways():
    assert GuidePage.parent_page_types == ["guides.GuideIndexPage"]
    assert GuidePage.subpage_types == []
    assert "guides.GuidePage" in GuideIndexPage.subpage_types
    assert GuideIndexPage.parent_page_types == ["home.HomePage"]
    from website.home.models import HomePage

    assert GuideIndexPage.can_create_at(HomePage())
    assert not GuidePage.can_create_at(HomePage())
