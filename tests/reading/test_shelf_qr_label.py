"""The printable QR label joins the physical shelf to its page."""

import io
import xml.etree.ElementTree as ET

import cv2
import numpy as np
import pypdfium2
import pytest

from reading.views.shelves import wrap_title
from tests.factories import ShelfIndexPageFactory, ShelfPageFactory


@pytest.fixture
def shelf(home):
    index = ShelfIndexPageFactory(parent=home)
    return ShelfPageFactory(
        parent=index,
        title="院士推荐的科学家传记",
        place="图书馆一楼 思库专架 3",
        slug="scientists",
    )


def decode(image):
    text, _points, _raw = cv2.QRCodeDetector().detectAndDecode(image)
    return text


def test_the_pdf_code_leads_to_the_shelf_page(client, shelf):
    response = client.get(f"/zh-hans/shelves/{shelf.pk}/qr.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    page = pypdfium2.PdfDocument(io.BytesIO(response.content))[0]
    # OpenCV's detector misses some codes at one scale and reads them at another (which ones
    # depends on the shelf's id in the address): read the page as a phone would, at several
    address = next(
        (
            text
            for scale in (4, 3, 5, 6, 2)
            if (text := decode(np.array(page.render(scale=scale).to_pil().convert("L"))))
        ),
        "",
    )
    assert address == f"http://localhost/go/shelf/{shelf.pk}/qr/"  # counted (test_shelf_scans)
    opened = client.get(address, HTTP_USER_AGENT="Mozilla/5.0 (iPhone) Safari/604.1")
    assert opened.status_code == 302
    assert opened["Location"] == "/zh-hans/shelves/scientists/"


def test_the_svg_code(client, shelf):
    response = client.get(f"/zh-hans/shelves/{shelf.pk}/qr.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    root = ET.fromstring(response.content)
    assert root.tag.endswith("svg")


def test_the_printable_label(client, shelf):
    response = client.get(f"/zh-hans/shelves/{shelf.pk}/label.svg")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    root = ET.fromstring(response.content)
    assert root.get("width") == "150mm" and root.get("height") == "100mm"
    text = "".join(root.itertext())
    assert "院士推荐的科学家传记" in text
    assert "图书馆一楼 思库专架 3" in text
    assert f"http://localhost/go/shelf/{shelf.pk}/qr/" in text  # the code's counted address
    image = root.find("{http://www.w3.org/2000/svg}image")
    assert image.get("href").startswith("data:image/svg+xml")


def test_a_title_with_markup_stays_valid_svg(client, home):
    index = ShelfIndexPageFactory(parent=home)
    shelf = ShelfPageFactory(parent=index, title='Science & "Scientists" <1>', slug="amp")
    root = ET.fromstring(client.get(f"/zh-hans/shelves/{shelf.pk}/label.svg").content)
    assert 'Science & "Scientists" <1>' in "".join(root.itertext())


def test_long_titles_wrap_onto_the_label():
    assert wrap_title("院士推荐的科学家传记") == ["院士推荐的科学家传记"]
    assert wrap_title("一二三四五六七八九十甲乙丙丁") == ["一二三四五六七八九十甲", "乙丙丁"]
    lines = wrap_title("Scientists' biographies chosen by academicians of the Chinese Academy")
    assert 1 < len(lines) <= 3
    assert all(not line.startswith(" ") for line in lines)


def test_unknown_format_and_draft_shelves_are_404(client, home, shelf):
    assert client.get(f"/zh-hans/shelves/{shelf.pk}/qr.gif").status_code == 404
    draft = ShelfPageFactory(parent=shelf.get_parent(), live=False)
    assert client.get(f"/zh-hans/shelves/{draft.pk}/label.svg").status_code == 404


def test_the_shelf_admin_page_links_to_the_label(client, shelf, editor):
    client.force_login(editor)
    html = client.get(f"/admin/pages/{shelf.pk}/edit/").content.decode()
    assert f"/zh-hans/shelves/{shelf.pk}/label.svg" in html
