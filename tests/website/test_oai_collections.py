"""Shelves and guides over OAI-PMH."""

import pytest

from tests.factories import (
    BookFactory,
    GuideIndexPageFactory,
    GuidePageFactory,
    LibrarianProfileFactory,
    ShelfIndexPageFactory,
    ShelfPageFactory,
    SubjectFactory,
    translate_page,
)
from tests.website.oai_helpers import NS, identifiers, oai_get

pytestmark = pytest.mark.django_db


def values(root, name):
    return [el.text for el in root.iterfind(f".//dc:{name}", NS)]


def test_shelf_record_lists_its_books_and_place(client, home):
    from taggit.models import Tag

    index = ShelfIndexPageFactory(parent=home)
    listed = BookFactory(title="钱学森传", isbn13="9787020024759")
    tag = Tag.objects.create(name="科学史", slug="history-of-science")
    tagged = BookFactory(title="科学史十五讲", subjects=["科学史"])
    excluded = BookFactory(title="不要这本", subjects=["科学史"])
    shelf = ShelfPageFactory(
        parent=index,
        title="院士推荐的科学家传记",
        books=[(listed, "院士推荐")],
        theme_tag=tag,
        excluded=[excluded],
    )
    shelf_en = translate_page(shelf, "en", title="Scientists' lives chosen by academicians")
    root = oai_get(client, verb="ListRecords", metadataPrefix="oai_dc", set="shelves")
    assert identifiers(root) == [f"oai:library.example.edu:shelf/{shelf.pk}"]
    assert {"院士推荐的科学家传记", "Scientists' lives chosen by academicians"} <= set(
        values(root, "title")
    )
    assert "图书馆一楼 思库专架 3" in values(root, "coverage")
    relations = values(root, "relation")
    assert "urn:isbn:9787020024759" in relations
    assert f"urn:isbn:{tagged.isbn13}" in relations
    assert f"urn:isbn:{excluded.isbn13}" not in relations
    # A listed book is exposed as a book record; unpublishing the shelf withdraws it.
    book_id = f"oai:library.example.edu:book/{listed.pk}"
    root = oai_get(client, verb="GetRecord", identifier=book_id, metadataPrefix="marc21")
    assert root.find(".//oai:header", NS).get("status") is None
    shelf.unpublish()  # the English shelf still stands: the book stays
    root = oai_get(client, verb="GetRecord", identifier=book_id, metadataPrefix="marc21")
    assert root.find(".//oai:header", NS).get("status") is None
    shelf_en.unpublish()
    root = oai_get(client, verb="GetRecord", identifier=book_id, metadataPrefix="marc21")
    assert root.find(".//oai:header", NS).get("status") == "deleted"


def test_shelf_queries_do_not_grow_with_page_size(
    client, home, settings, django_assert_max_num_queries
):
    settings.OAI_PAGE_SIZE = 30
    index = ShelfIndexPageFactory(parent=home)
    books = [BookFactory() for _ in range(3)]
    for n in range(6):
        ShelfPageFactory(parent=index, title=f"书架 {n}", slug=f"shelf-{n}", books=books)
    with django_assert_max_num_queries(14):
        root = oai_get(client, verb="ListRecords", metadataPrefix="oai_dc", set="shelves")
    assert len(identifiers(root)) == 6


def test_guide_record_names_owners_without_their_email(client, home):
    index = GuideIndexPageFactory(parent=home)
    owner = LibrarianProfileFactory(name_zh="张馆员", name_en="Zhang", email="zhang@example.edu")
    subject = SubjectFactory(name_zh="英语学习", name_en="English learning")
    guide = GuidePageFactory(
        parent=index,
        title="英语学习指南",
        summary="四六级、雅思托福与学术英语的资源。",
        guide_type="topic",
        subjects=[subject],
        owners=[owner],
    )
    root = oai_get(client, verb="ListRecords", metadataPrefix="oai_dc", set="guides:topic")
    assert identifiers(root) == [f"oai:library.example.edu:guide/{guide.pk}"]
    assert {"张馆员", "Zhang"} <= set(values(root, "creator"))
    assert {"英语学习", "English learning"} <= set(values(root, "subject"))
    assert "四六级、雅思托福与学术英语的资源。" in values(root, "description")
    response = client.get("/oai/", {"verb": "ListRecords", "metadataPrefix": "oai_dc"})
    assert b"zhang@example.edu" not in response.content
