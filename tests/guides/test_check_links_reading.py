"""The link checker covers every link a reader can click beyond the guides: the e-book links of
books that public pages present, vlog addresses, column articles' links and club meeting
links, each reported with where it was found; against the local server of test_check_links."""

import pytest

from django.urls import reverse

from guides import linkcheck
from guides.models import LinkCheck, LinkPlace
from tests.factories import (
    BookFactory,
    CampaignIndexPageFactory,
    CampaignPageFactory,
    ClubIndexPageFactory,
    ClubPageFactory,
    ColumnArticlePageFactory,
    RecommendationPageFactory,
    ShelfIndexPageFactory,
    ShelfPageFactory,
)

from . import test_check_links

server = test_check_links.server  # the local HTTP server, as a fixture of this module

pytestmark = pytest.mark.django_db


@pytest.fixture
def reading_links(home, server):
    shelved = BookFactory(title="三体", authors="刘慈欣", ebook_url=f"{server}/gone-ebook")
    shelved_ok = BookFactory(title="人类简史", ebook_url=f"{server}/ok-ebook")
    unshown = BookFactory(title="无人推荐", ebook_url=f"{server}/unshown-ebook")
    shelves = ShelfIndexPageFactory(parent=home)
    ShelfPageFactory(parent=shelves, title="科幻书架", books=[shelved, shelved_ok])
    campaign = CampaignPageFactory(parent=CampaignIndexPageFactory(parent=home))
    vlogged = RecommendationPageFactory(
        parent=campaign,
        title="推荐《邓稼先传》",
        book=BookFactory(title="邓稼先传", ebook_url=f"{server}/gone-recommended-ebook"),
        vlog_url=f"{server}/gone-vlog",
    )
    RecommendationPageFactory(parent=campaign, vlog_url=f"{server}/ok-vlog")
    RecommendationPageFactory(parent=campaign, vlog_url=f"{server}/draft-vlog", live=False)
    column = ColumnArticlePageFactory(
        parent=campaign,
        title="思库推荐专栏 第1期",
        body=[
            (
                "text",
                f'<p>读 <a href="{server}/gone-column">原文</a> 和 '
                f'<a href="{server}/ok-column">书评</a>。</p>',
            ),
            ("embed", f"{server}/gone-embed"),
        ],
    )
    ColumnArticlePageFactory(
        parent=campaign,
        body=[("text", f'<p><a href="{server}/draft-column">草稿</a></p>')],
        live=False,
    )
    clubs = ClubIndexPageFactory(parent=home)
    club = ClubPageFactory(parent=clubs, title="《三体》共读", meeting_url=f"{server}/gone-meeting")
    ClubPageFactory(parent=clubs, meeting_url=f"{server}/ok-meeting")
    ClubPageFactory(parent=clubs, meeting_url=f"{server}/draft-meeting", live=False)
    return {
        "book": shelved,
        "shelves": shelves,
        "unshown": unshown,
        "recommendation": vlogged,
        "column": column,
        "club": club,
    }


def checked(server):
    return {check.url.removeprefix(server): check for check in LinkCheck.objects.all()}


def test_each_reader_link_is_checked_and_said_where_it_was_found(
    reading_links,
    server,
    settings,
):
    settings.GUIDES_LINKCHECK_TIMEOUT = 2
    count, broken = linkcheck.run()
    results = checked(server)
    expected = {
        "/gone-recommended-ebook",
        "/gone-ebook",
        "/ok-ebook",
        "/gone-vlog",
        "/ok-vlog",
        "/gone-column",
        "/ok-column",
        "/gone-embed",
        "/gone-meeting",
        "/ok-meeting",
    }
    assert expected <= set(results)
    assert (count, broken) == (len(results), 6)

    def places(path):
        return [(p.kind, p.content_object, p.label) for p in results[path].places.all()]

    book, recommendation = reading_links["book"], reading_links["recommendation"]
    column, club = reading_links["column"], reading_links["club"]
    assert not results["/gone-ebook"].ok and results["/gone-ebook"].status == 404
    assert places("/gone-ebook") == [("ebook", book, "三体 / 刘慈欣")]
    assert "e-book: 三体 / 刘慈欣" in results["/gone-ebook"].sources
    recommended = reading_links["recommendation"].book
    assert places("/gone-recommended-ebook") == [("ebook", recommended, str(recommended))]
    assert places("/gone-vlog") == [("vlog", recommendation.page_ptr.specific, "推荐《邓稼先传》")]
    assert places("/gone-column") == [("column", column.page_ptr.specific, column.title)]
    assert places("/gone-embed") == [("column", column.page_ptr.specific, column.title)]
    assert places("/gone-meeting") == [("club_meeting", club.page_ptr.specific, "《三体》共读")]
    for path in ("/ok-ebook", "/ok-vlog", "/ok-column", "/ok-meeting"):
        assert results[path].ok, path


def test_links_readers_cannot_reach_are_not_checked(reading_links, server, settings):
    """Drafts' links, and the e-book of a book no public page presents, are left alone."""
    settings.GUIDES_LINKCHECK_TIMEOUT = 2
    found = linkcheck.collect_links()
    paths = {url.removeprefix(server) for url in found}
    assert not paths & {"/draft-vlog", "/draft-column", "/draft-meeting", "/unshown-ebook"}
    # Unpublishing a page takes its links out of the next check and of the report.
    reading_links["club"].unpublish()
    linkcheck.run()
    assert "/gone-meeting" not in checked(server)
    assert not LinkPlace.objects.filter(object_id=reading_links["club"].pk).exists()


def test_a_rerun_keeps_one_place_per_source(reading_links, server, settings):
    settings.GUIDES_LINKCHECK_TIMEOUT = 2
    linkcheck.run()
    linkcheck.run()
    assert checked(server)["/gone-ebook"].places.count() == 1


def test_the_report_sends_the_librarian_to_what_to_fix(
    reading_links,
    server,
    editor,
    client,
    settings,
    django_assert_max_num_queries,
):
    settings.GUIDES_LINKCHECK_TIMEOUT = 2
    linkcheck.run()
    client.force_login(editor)
    url = reverse("guides_reports:broken_links")
    html = client.get(url).content.decode()
    assert "/gone-ebook" in html and "/ok-ebook<" not in html
    book_edit = reverse("wagtailsnippets_reading_book:edit", args=[reading_links["book"].pk])
    assert f'href="{book_edit}"' in html and "E-book link" in html
    for name in ("recommendation", "column", "club"):
        page_edit = reverse("wagtailadmin_pages:edit", args=[reading_links[name].pk])
        assert f'href="{page_edit}"' in html, name
    assert "Vlog address" in html and "Online meeting link" in html
    export = client.get(url, {"export": "csv"})
    csv = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "Where to fix" in csv and "E-book link: 三体 / 刘慈欣" in csv

    # More broken links of each kind do not make the report ask more queries.
    with django_assert_max_num_queries(60) as few:
        client.get(url)
    shelf_books = [BookFactory(ebook_url=f"{server}/gone-more-{n}") for n in range(4)]
    ShelfPageFactory(parent=reading_links["shelves"], books=shelf_books)
    for n in range(3):
        ClubPageFactory(
            parent=reading_links["club"].get_parent(), meeting_url=f"{server}/gone-club-{n}"
        )
    linkcheck.run()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_a_check_leaves_the_public_page_cache_alone(reading_links, settings):
    """Link checks and their places change no public page, so they do not empty the cache."""
    from website.core import cache as page_cache

    settings.GUIDES_LINKCHECK_TIMEOUT = 2
    linkcheck.run()
    before = page_cache.current_version()
    linkcheck.run()  # deletes and rewrites every check's places
    assert page_cache.current_version() == before


@pytest.mark.django_db
def test_outreach_librarians_read_the_broken_links_they_must_fix(client):
    """Vlogs, column articles, club meetings and shelved books' e-books are theirs."""
    from django.urls import reverse

    from reading.roles import OUTREACH_LIBRARIANS, setup_roles
    from tests.factories import UserFactory

    groups = setup_roles()
    outreach = UserFactory(is_staff=True)
    outreach.groups.add(groups[OUTREACH_LIBRARIANS])
    client.force_login(outreach)
    assert client.get(reverse("guides_reports:broken_links")).status_code == 200
    teacher = UserFactory(is_staff=True)
    client.force_login(teacher)
    assert client.get(reverse("guides_reports:broken_links")).status_code in (302, 403)


def test_where_a_link_was_found_reads_in_the_admin_s_language():
    from django.utils import translation

    from guides.linkcheck import source_label

    with translation.override("zh-hans"):
        assert source_label("vlog: 三体").endswith(": 三体") and "vlog" not in source_label(
            "vlog: 三体"
        )
        assert "database" not in source_label("database: CNKI")
    with translation.override("en"):
        assert source_label("club meeting: 共读") == "Club meeting: 共读"
    assert source_label("something else") == "something else"
