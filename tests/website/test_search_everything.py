"""Site search finds every public kind (guide records, books, notes, pages), counts them all,
and shows each result with its context and a highlighted excerpt; nothing private shows."""

import datetime
import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from taggit.models import Tag
from wagtail.search import index

from tests.factories import (
    ArchiveItemFactory,
    BookFactory,
    CampaignPageFactory,
    DatabaseFactory,
    DatabaseListPageFactory,
    GuideIndexPageFactory,
    GuidePageFactory,
    HomePageFactory,
    RecommendationPageFactory,
    RecommenderFactory,
    TermInEnglishFactory,
    VideoFactory,
    WebToolFactory,
)
from tests.factories.guides import databases, section, videos
from website.search.excerpts import excerpt, query_terms


def results(response):
    """The result titles of a search page, in order."""
    return [
        re.sub(r"<[^>]+>", "", title)
        for title in re.findall(r'class="result-title"><a [^>]*>(.*?)</a>', response.text)
    ]


@pytest.fixture
def databases_and_tools(db):
    return {
        "cnki": DatabaseFactory(
            name_zh="中国知网",
            name_en="CNKI",
            description_zh="中文期刊、学位论文和会议论文的全文数据库。",
            description_en="Full text of Chinese journals, theses and conference papers.",
            vendor="同方知网",
        ),
        "wanfang": DatabaseFactory(
            name_zh="万方数据知识服务平台",
            name_en="Wanfang Data",
            description_zh="学术期刊、学位论文、会议论文与专利。",
        ),
        "pubmed": DatabaseFactory(
            name_zh="",
            name_en="PubMed",
            description_en="Citations for biomedical literature from MEDLINE.",
            access="open",
        ),
        "tool": WebToolFactory(name_en="Zotero", note_en="Collect and cite your sources."),
        "video": VideoFactory(
            title_zh="知网检索入门", title_en="Searching CNKI", description_zh="十分钟学会检索。"
        ),
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("知网", "中国知网"),
        ("CNKI", "中国知网"),
        ("PubMed", "PubMed"),
        ("万方", "万方数据知识服务平台"),
    ],
)
def test_databases_are_found_by_name(client, home, databases_and_tools, query, expected):
    response = client.get("/zh-hans/search/", {"q": query})
    assert expected in results(response)
    assert "没有匹配" not in response.text


@pytest.mark.django_db
def test_web_tools_and_videos_are_found(client, home, databases_and_tools):
    assert "Zotero" in results(client.get("/en/search/", {"q": "zotero"}))
    found = results(client.get("/en/search/", {"q": "CNKI"}))
    assert "CNKI" in found and "Searching CNKI" in found


@pytest.mark.django_db
def test_a_database_result_says_what_it_is_and_where_to_find_it(
    client, home, home_en, databases_and_tools
):
    cnki = databases_and_tools["cnki"]
    guides = GuideIndexPageFactory(parent=home_en, title="Guides", slug="guides")
    DatabaseListPageFactory(parent=guides, title="Databases A–Z", slug="az")
    GuidePageFactory(
        parent=guides,
        title="Finding theses",
        sections=[section("Databases", databases([cnki]))],
    )
    text = client.get("/en/search/", {"q": "CNKI"}).text
    assert f"/go/database/{cnki.pk}/" in text
    assert "Journal articles" in text and "Campus network or VPN" in text
    assert "/en/guides/az/?q=CNKI" in text
    assert "In the guide “Finding theses”" in text


@pytest.mark.django_db
def test_a_video_result_opens_the_guide_that_shows_it(client, home, home_en, databases_and_tools):
    video = databases_and_tools["video"]
    guides = GuideIndexPageFactory(parent=home_en, title="Guides", slug="guides")
    guide = GuidePageFactory(
        parent=guides, title="CNKI basics", sections=[section("Videos", videos([video]))]
    )
    text = client.get("/en/search/", {"q": "searching"}).text
    assert f'href="{guide.url}"' in text


@pytest.fixture
def alive(home):
    """Three recommendations of 活着 by different readers, in two campaigns, and the book."""
    book = BookFactory(
        title="活着",
        authors="余华",
        isbn13="9787506365437",
        summary="讲述了农村人福贵悲惨的人生遭遇。",
        year=2012,
    )
    first = CampaignPageFactory(parent=home, title="影响我最深的一本书 2023", slug="c2023")
    second = CampaignPageFactory(parent=home, title="毕业季荐书 2024", slug="c2024")
    for n, (campaign, name, year, text) in enumerate(
        [
            (first, "张伟", 2023, "福贵的一生让我懂得了活着本身的意义。"),
            (first, "李娜", 2023, "读完活着，我给家里打了一个电话。"),
            (second, "王芳", 2024, "苦难之中依然要活着，这是余华给我的答案。"),
        ]
    ):
        RecommendationPageFactory(
            parent=campaign,
            slug=f"alive-{n}",
            book=book,
            recommender=RecommenderFactory(name=name, name_display="full"),
            recommended_on=datetime.date(year, 4, 23),
            text=text,
        )
    return book


@pytest.mark.django_db
def test_recommendations_of_one_book_are_told_apart(client, alive):
    response = client.get("/zh-hans/search/", {"q": "活着"})
    text = response.text
    assert results(response).count("活着") == 4  # three recommendations and the book record
    for name, campaign in [
        ("张伟", "影响我最深的一本书 2023"),
        ("李娜", "影响我最深的一本书 2023"),
        ("王芳", "毕业季荐书 2024"),
    ]:
        assert f"推荐人：{name}" in text or name in text
        assert campaign in text
    assert "2023" in text and "2024" in text
    assert "读完<mark>活着</mark>，我给家里打了一个电话。" in text


@pytest.mark.django_db
def test_a_book_is_found_by_a_two_character_title_word_an_english_word_and_its_isbn(client, home):
    book = BookFactory(
        title="三体：地球往事",
        authors="刘慈欣",
        summary="Hard science fiction about first contact.",
    )
    BookFactory(title="Unrelated", summary="Nothing here.")
    assert "三体：地球往事" in results(client.get("/zh-hans/search/", {"q": "三体"}))
    assert "三体：地球往事" in results(client.get("/en/search/", {"q": "fiction"}))
    for form in (book.isbn13, f"{book.isbn13[:3]}-{book.isbn13[3:]}"):
        assert results(client.get("/en/search/", {"q": form})) == ["三体：地球往事"]


@pytest.mark.django_db
def test_a_book_is_found_by_its_subject_in_chinese_and_by_the_subjects_english_name(client, home):
    """Readers search by topic: 社会学 on the Chinese site, Sociology on the English one."""
    book = BookFactory(title="乡土中国", authors="费孝通", summary="")
    book.subjects.add("社会学")
    index.insert_or_update_object(book)  # the worker does it after the save; tests: at once
    BookFactory(title="三体", summary="")
    assert results(client.get("/zh-hans/search/", {"q": "社会学"})) == ["乡土中国"]
    assert results(client.get("/en/search/", {"q": "sociology"})) == []  # no English form yet
    # naming the subject in English re-indexes what it tags: no rebuild of the index needed
    TermInEnglishFactory(tag=Tag.objects.get(name="社会学"), name="Sociology")
    assert results(client.get("/en/search/", {"q": "sociology"})) == ["乡土中国"]
    book_list = client.get("/en/books/", {"q": "Sociology"}).text
    assert f"/en/books/{book.pk}/" in book_list


@pytest.mark.django_db
def test_a_recommendation_is_found_by_its_theme_in_either_language(client, home):
    """Pages are searched in their own language; a Chinese page tagged 人生态度 is found by
    the theme and by its English form (a reader of the Chinese site may type English)."""
    TermInEnglishFactory(tag__name="人生态度", name="Outlook on life")
    page = RecommendationPageFactory(
        parent=CampaignPageFactory(parent=home), title="活着", themes=["人生态度"]
    )
    index.insert_or_update_object(page)  # its themes are saved after the page row
    assert page.title in results(client.get("/zh-hans/search/", {"q": "outlook"}))
    assert page.title in results(client.get("/zh-hans/search/", {"q": "人生态度"}))


@pytest.mark.django_db
def test_the_count_includes_every_kind(client, home, databases_and_tools):
    HomePageFactory(parent=home, slug="about-cnki", title="如何使用知网", intro="知网使用说明。")
    note = ArchiveItemFactory(transcription="我每天都在知网查论文。", consent_public=True)
    response = client.get("/zh-hans/search/", {"q": "知网"})
    found = results(response)
    # the database, the video about it, the page and the note
    assert len(found) == 4
    assert "共有 4 条结果" in response.text
    assert f"/notes/{note.pk}/" in response.text


@pytest.mark.django_db
def test_the_type_links_filter_and_keep_their_counts(client, home, databases_and_tools):
    HomePageFactory(parent=home, slug="cnki-help", title="知网帮助", intro="知网")
    response = client.get("/zh-hans/search/", {"q": "知网", "type": "guides.database"})
    assert results(response) == ["中国知网"]
    assert "(3)" in response.text  # all three results still counted in "All"
    unknown = client.get("/zh-hans/search/", {"q": "知网", "type": "nonsense"})
    assert len(results(unknown)) == 3


@pytest.mark.django_db
def test_a_note_without_consent_and_a_draft_page_never_appear(client, home):
    ArchiveItemFactory(transcription="秘密的读书笔记，不要公开。", consent_public=False)
    HomePageFactory(parent=home, slug="draft", title="秘密草稿", intro="秘密", live=False)
    shown = ArchiveItemFactory(transcription="公开的读书笔记。", consent_public=True)
    response = client.get("/zh-hans/search/", {"q": "读书笔记"})
    assert len(results(response)) == 1
    assert f"/notes/{shown.pk}/" in response.text
    assert "不要公开" not in response.text
    secret = client.get("/zh-hans/search/", {"q": "秘密"})
    assert results(secret) == [] and "秘密草稿" not in secret.text


@pytest.mark.django_db
def test_withdrawn_consent_takes_a_note_out_of_search(client, home):
    note = ArchiveItemFactory(transcription="撤回同意的手写推荐。", consent_public=True)
    assert len(results(client.get("/zh-hans/search/", {"q": "手写推荐"}))) == 1
    note.consent_public = False
    note.save()
    assert results(client.get("/zh-hans/search/", {"q": "手写推荐"})) == []


@pytest.mark.django_db
def test_a_note_names_its_recommender_only_as_allowed(client, home):
    campaign = CampaignPageFactory(parent=home, title="思库推荐 2025", slug="c2025")
    recommendation = RecommendationPageFactory(
        parent=campaign,
        recommender=RecommenderFactory(name="赵敏", name_display="anonymous"),
        recommended_on=datetime.date(2025, 4, 23),
    )
    ArchiveItemFactory(
        transcription="一封写给未来自己的推荐信。",
        consent_public=True,
        recommendation=recommendation,
    )
    text = client.get("/zh-hans/search/", {"q": "推荐信"}).text
    assert "赵敏" not in text
    assert "思库推荐 2025" in text and "2025" in text


@pytest.mark.django_db
def test_results_escape_what_they_show(client, home):
    BookFactory(title="<b>Bold</b> & <i>bad</i>", summary="x < y and <script>alert(1)</script>")
    text = client.get("/en/search/", {"q": "bold"}).text
    assert "<b>Bold</b>" not in text and "<script>alert(1)" not in text
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; &lt;i&gt;bad&lt;/i&gt;" in text  # a title as typed
    assert "x &lt; y and" in text  # the summary's tags dropped, the rest escaped


def test_excerpt_centres_on_the_match_and_marks_it():
    text = "开头" * 100 + "我最喜欢的是三体三部曲中的黑暗森林。" + "结尾" * 100
    shown = excerpt(text, "三体")
    assert shown.startswith("…") and shown.endswith("…")
    assert "<mark>三体</mark>三部曲" in shown
    english = excerpt("Students recommended books about <writing> & reading.", "recommend reading")
    assert "<mark>recommended</mark>" in english and "<mark>reading</mark>" in english
    assert "&lt;writing&gt;" not in english  # tags are stripped before escaping
    assert "&amp;" in excerpt("Tom &amp; Jerry", "amp")
    assert "<mark>" not in excerpt("Tom &amp; Jerry", "amp")
    assert query_terms("读三体 EndNote") == ["EndNote", "读三体", "三体", "读三"]


@pytest.mark.django_db
def test_results_are_paged_across_kinds(client, home):
    for n in range(15):
        DatabaseFactory(name_en=f"Sample database {n}", name_zh="", description_en="sample")
    for n in range(15):
        BookFactory(title=f"Sample book {n}", summary="sample")
    first = client.get("/en/search/", {"q": "sample"})
    assert "30 results" in first.text and len(results(first)) == 20
    second = client.get("/en/search/", {"q": "sample", "page": 2})
    assert len(results(second)) == 10
    assert set(results(first)).isdisjoint(results(second))
    assert client.get("/en/search/", {"q": "sample", "page": "x"}).status_code == 200
    assert len(results(client.get("/en/search/", {"q": "sample", "page": 99}))) == 10


def _fill(home, n, tag):
    campaign = CampaignPageFactory(parent=home, slug=f"campaign-{tag}", title=f"推荐活动{tag}")
    guides = GuideIndexPageFactory(parent=home, slug=f"guides-{tag}")
    DatabaseListPageFactory(parent=guides, slug=f"az-{tag}")
    for i in range(n):
        database = DatabaseFactory(name_zh=f"检索数据库{tag}{i}", description_zh="检索")
        GuidePageFactory(
            parent=guides, summary="检索指南", sections=[section("库", databases([database]))]
        )
        WebToolFactory(name_en=f"Tool {tag}{i}", note_zh="检索工具")
        VideoFactory(description_zh="检索视频")
        recommendation = RecommendationPageFactory(
            parent=campaign, book=BookFactory(summary="检索"), text="检索"
        )
        ArchiveItemFactory(
            transcription="检索笔记", consent_public=True, recommendation=recommendation
        )


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_results(client, home, django_assert_max_num_queries):
    """Every kind and page type appears with one result, then with three: same queries."""
    _fill(home, 1, "a")
    client.get("/zh-hans/search/", {"q": "检索"})  # fills the content-type cache
    with CaptureQueriesContext(connection) as few:
        response = client.get("/zh-hans/search/", {"q": "检索"})
    assert len(results(response)) == 7  # database, guide, tool, video, recommendation, book, note
    _fill(home, 2, "b")
    with django_assert_max_num_queries(len(few)):
        response = client.get("/zh-hans/search/", {"q": "检索"})
    assert len(results(response)) == 20  # a full page of the 21
