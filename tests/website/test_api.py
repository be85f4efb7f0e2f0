"""The read-only JSON API: shelves and guides for course pages and the campus app."""

import pytest

from tests.factories import (
    BookFactory,
    GuideIndexPageFactory,
    GuidePageFactory,
    LibrarianProfileFactory,
    RecommendationPageFactory,
    RecommenderFactory,
    ShelfIndexPageFactory,
    ShelfPageFactory,
    SubjectFactory,
)
from tests.factories.campaigns import campaign_in_both_languages

pytestmark = pytest.mark.django_db


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


def test_shelf_with_its_books_print_and_ebook(client, home):
    index = ShelfIndexPageFactory(parent=home)
    both = BookFactory(title="钱学森传", ebook_url="https://ebooks.example.edu/qian")
    shelf = ShelfPageFactory(parent=index, title="科学家传记", books=[(both, "院士推荐")])
    listing = get(client, "/api/v2/pages/", type="reading.ShelfPage", fields="*")
    assert [item["id"] for item in listing["items"]] == [shelf.pk]
    detail = get(client, f"/api/v2/pages/{shelf.pk}/")
    assert detail["place"] == shelf.place
    book = detail["books"][0]
    assert book["title"] == "钱学森传" and book["note"] == "院士推荐"
    assert book["holding_status"] == "both"
    assert book["call_number"] and book["ebooks"][0]["url"] == "https://ebooks.example.edu/qian"


def test_guide_without_owner_emails(client, home):
    index = GuideIndexPageFactory(parent=home)
    owner = LibrarianProfileFactory(name_zh="张馆员", email="zhang@example.edu")
    guide = GuidePageFactory(
        parent=index,
        title="英语学习",
        summary="四六级与雅思。",
        subjects=[SubjectFactory(name_zh="英语")],
        owners=[owner],
    )
    detail = get(client, f"/api/v2/pages/{guide.pk}/")
    assert detail["summary"] == "四六级与雅思。"
    assert detail["subjects"] == [{"name": "英语"}]
    assert detail["owners"][0]["name"] == "张馆员"
    assert "zhang@example.edu" not in str(detail)


def test_recommendation_shows_recommender_only_as_allowed(client, home):
    campaign, _en = campaign_in_both_languages(home)
    reader = RecommenderFactory(
        name="王小明", name_en="Wang", name_display="anonymous", email="12012345@mail.example.edu"
    )
    rec = RecommendationPageFactory(parent=campaign, recommender=reader)
    detail = get(client, f"/api/v2/pages/{rec.pk}/")
    assert detail["recommender"] is None
    assert detail["book"]["title"] == rec.book.title
    assert "12012345" not in str(detail) and "王小明" not in str(detail)


def test_books_endpoint(client, db):
    BookFactory(title="三体", authors="刘慈欣")
    listing = get(client, "/api/v2/books/")
    assert listing["items"][0]["title"] == "三体"
    detail = get(client, f"/api/v2/books/{listing['items'][0]['id']}/")
    assert detail["holding_status"] == "print"


def test_note_scans_are_not_served_as_images(client, home):
    from tests.factories import ArchiveItemFactory

    note = ArchiveItemFactory(consent_public=False)
    assert note.display_image_id
    ids = [item["id"] for item in get(client, "/api/v2/images/")["items"]]
    assert note.display_image_id not in ids
    response = client.get(f"/api/v2/images/{note.display_image_id}/", follow=True)
    assert response.status_code == 404


def test_read_only(client, db):
    assert client.post("/api/v2/pages/", {}).status_code == 405


def test_drafts_are_not_served(client, home):
    index = ShelfIndexPageFactory(parent=home)
    draft = ShelfPageFactory(parent=index, title="草稿书架", live=False)
    assert client.get(f"/api/v2/pages/{draft.pk}/", follow=True).status_code == 404
