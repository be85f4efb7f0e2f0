"""A guide's cost in SQL queries does not grow with the number of its resources."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    BookFactory,
    DatabaseFactory,
    GuidePageFactory,
    VideoFactory,
    WebToolFactory,
)
from tests.factories.guides import books, box, databases, section, videos, webtools

pytestmark = pytest.mark.django_db


def make_guide(parent, slug, size, owner):
    per_kind = size // 4
    return GuidePageFactory(
        parent=parent,
        slug=slug,
        owners=[owner],
        sections=[
            section("数据库", databases(DatabaseFactory.create_batch(per_kind))),
            section("视频", videos(VideoFactory.create_batch(per_kind))),
            section("工具", box("工具", webtools(WebToolFactory.create_batch(per_kind)))),
            section(
                "图书",
                books(
                    [
                        BookFactory(ebook_url=f"https://e.example.com/{slug}/{n}")
                        for n in range(per_kind)
                    ]
                ),
            ),
        ],
    )


def queries_for(reader, page):
    with CaptureQueriesContext(connection) as captured:
        response = reader.get(page.url)
    assert response.status_code == 200
    return len(captured)


def test_a_guide_with_100_resources_costs_what_a_guide_with_4_does(
    guide_index, owner, reader, django_assert_max_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    small = make_guide(guide_index, "small", 4, owner)
    large = make_guide(guide_index, "large", 100, owner)
    baseline = queries_for(reader, small)
    html = reader.get(large.url).content.decode()
    assert html.count('class="resource ') + html.count('class="resource"') >= 100
    with django_assert_max_num_queries(baseline):
        reader.get(large.url)
