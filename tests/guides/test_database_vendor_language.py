"""A database's vendor reads in English on English pages when the record has that form (#13)."""

import pytest

from tests.factories import DatabaseFactory, DatabaseListPageFactory, translate_page

pytestmark = pytest.mark.django_db


def test_the_vendor_reads_in_the_readers_language(client, guide_index):
    az = DatabaseListPageFactory(parent=guide_index)
    english = translate_page(az, "en", title="Databases A–Z")
    DatabaseFactory(
        name_zh="中国知网", name_en="CNKI", vendor="同方知网", vendor_en="Tongfang CNKI"
    )
    DatabaseFactory(name_zh="读秀", name_en="Duxiu", vendor="超星")  # no English form yet
    en = client.get(english.url).text
    assert "· Tongfang CNKI" in en and "同方知网</p>" not in en
    assert "· 超星" in en  # the record's only form
    zh = client.get(az.url, HTTP_ACCEPT_LANGUAGE="zh-hans").text
    assert "· 同方知网" in zh
