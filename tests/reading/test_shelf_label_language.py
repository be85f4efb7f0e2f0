"""The printed shelf label speaks the language of the shelf page it comes from."""

import xml.etree.ElementTree as ET

import pytest

from tests.factories import ShelfIndexPageFactory, ShelfPageFactory, translate_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelves(home):
    index = ShelfIndexPageFactory(parent=home, slug="shelves")
    translate_page(index, "en", title="Shelves")
    zh = ShelfPageFactory(parent=index, title="院士推荐的科学家传记", slug="scientists")
    en = translate_page(zh, "en", title="Scientists' lives", place="Library 1st floor")
    return zh, en


def _text(client, url):
    return "".join(ET.fromstring(client.get(url).content).itertext())


def _opens(client, shelf):
    """Where the label's counted address (printed under the code) sends a reader."""
    return client.get(f"/go/shelf/{shelf.pk}/qr/")["Location"]


def test_chinese_label_is_all_chinese(client, shelves):
    zh, _en = shelves
    text = _text(client, f"/zh-hans/shelves/{zh.pk}/label.svg")
    assert "扫码查看电子书和完整书单" in text and "主题书架" in text
    assert "Scan" not in text and f"/go/shelf/{zh.pk}/qr/" in text
    assert _opens(client, zh) == "/zh-hans/shelves/scientists/"


def test_english_label_is_english_with_the_english_address(client, shelves):
    _zh, en = shelves
    for prefix in ("en", "zh-hans"):  # whatever the prefix of the address it was fetched from
        text = _text(client, f"/{prefix}/shelves/{en.pk}/label.svg")
        assert "Scan for the e-books and the whole list" in text and "Themed shelf" in text
        assert f"/go/shelf/{en.pk}/qr/" in text and "/zh-hans/" not in text
    assert _opens(client, en) == "/en/shelves/scientists/"
