"""Every book shows a cover: its image, or one drawn from the record, the same everywhere."""

import pytest

from django.template.loader import render_to_string

from reading.covers import CLC_COLOURS, cover_design
from tests.factories import BookFactory

pytestmark = pytest.mark.django_db


def test_colour_follows_the_clc_class_of_the_call_number():
    novel = BookFactory(title="活着", call_number="I247.57/Y92")
    another = BookFactory(title="围城", call_number="I246.5/Q42")
    history = BookFactory(title="万历十五年", call_number="K248.3/H89")
    assert cover_design(novel).background == CLC_COLOURS["I"][0]
    assert cover_design(novel).background == cover_design(another).background
    assert cover_design(history).background == CLC_COLOURS["K"][0]


def test_without_call_number_the_subject_decides_the_colour():
    a = BookFactory(title="甲", call_number="", subjects=["心理健康"])
    b = BookFactory(title="乙", call_number="", subjects=["心理健康"])
    a = type(a).objects.with_holdings().get(pk=a.pk)
    b = type(b).objects.with_holdings().get(pk=b.pk)
    assert cover_design(a).background == cover_design(b).background


def test_long_titles_are_cut_and_the_first_author_shown():
    book = BookFactory(
        title="The Structure of Scientific Revolutions and Many Other Things Besides",
        authors="Thomas S. Kuhn; Ian Hacking",
    )
    design = cover_design(book)
    assert len(design.title_lines) == 4 and design.title_lines[-1].endswith("…")
    assert design.author == "Thomas S. Kuhn"
    assert cover_design(BookFactory(title="钱学森传：副标题")).title_lines == ["钱学森传"]


def test_card_and_book_page_draw_the_cover_when_there_is_no_image(client):
    book = BookFactory(title="三体", authors="刘慈欣", call_number="I247.55/L62")
    card = render_to_string("reading/includes/book_card.html", {"book": book})
    assert "book-cover-generated" in card and "三体" in card and "刘慈欣" in card
    page = client.get(book.get_absolute_url()).content.decode()
    assert "book-cover-generated" in page and 'width="160"' in page


def test_an_uploaded_cover_replaces_the_drawn_one():
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    image = get_image_model().objects.create(title="cover", file=get_test_image_file())
    book = BookFactory(cover=image)
    card = render_to_string("reading/includes/book_card.html", {"book": book})
    assert "book-cover-generated" not in card and "<img" in card
