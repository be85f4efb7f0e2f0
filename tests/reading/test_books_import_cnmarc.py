"""CNMARC (UNIMARC) records import as MARC21 ones do: recognised record by record from their
fields, in ISO 2709 and in XML, through the same importer the admin upload and `import_books`
use. The records are built here, with Chinese text, as a Chinese library system exports them
(leader position 9 blank, UTF-8, holdings in 905)."""

import io

import pytest
from pymarc import Field, Leader, Record, Subfield, XMLWriter

from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from reading.importers import import_books
from reading.models import Book
from tests.website.test_settings import run_check

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Assert the importer's own (English) messages, whatever the catalogue translates."""
    with translation.override("en"):
        yield


def field(tag, *pairs, indicators=(" ", " ")):
    return Field(
        tag=tag,
        indicators=list(indicators),
        subfields=[Subfield(code, value) for code, value in pairs],
    )


def cnmarc(*fields, control="012008000001", leader="00000nam0 2200000   450 "):
    """A CNMARC record as Chinese systems write it: leader position 9 blank, as UNIMARC has
    it, the Chinese in UTF-8 all the same (force_utf8 keeps pymarc from marking the leader)."""
    record = Record(to_unicode=False, force_utf8=True)
    record.leader = Leader(leader)  # after: force_utf8 would set position 9 to "a"
    record.add_field(Field(tag="001", data=control))
    record.add_field(field("100", ("a", "20080115d2008    em y0chiy50      ea")))
    for marc_field in fields:
        record.add_field(marc_field)
    return record


def three_body():
    """《三体》 with every field the mapping reads, and two copies in 905."""
    return cnmarc(
        field("010", ("a", "978-7-5366-9293-0"), ("b", "平装"), ("d", "CNY23.00")),
        field("101", ("a", "chi"), indicators=("0", " ")),
        field(
            "200",
            ("a", "三体"),
            ("e", "地球往事三部曲之一"),
            ("f", "刘慈欣著"),
            indicators=("1", " "),
        ),
        field("210", ("a", "重庆"), ("c", "重庆出版社"), ("d", "2008")),
        field("215", ("a", "302页"), ("d", "23cm")),
        field(
            "330",
            ("a", "文化大革命如火如荼进行的同时，军方探寻外星文明的绝秘计划取得了突破性进展。"),
        ),
        field("606", ("a", "科学幻想小说"), ("y", "中国"), ("z", "当代"), indicators=("0", " ")),
        field("690", ("a", "I247.55"), ("v", "5")),
        field("701", ("a", "刘慈欣"), ("4", "著"), indicators=(" ", "0")),
        field(
            "905",
            ("a", "SUSTL"),
            ("b", "31234001"),
            ("c", "一楼思库专架"),
            ("d", "I247.55"),
            ("e", "L712"),
        ),
        field(
            "905",
            ("a", "SUSTL"),
            ("b", "31234002"),
            ("c", "一楼思库专架"),
            ("d", "I247.55"),
            ("e", "L712"),
        ),
        control="012008000001",
    )


def brief_history():
    """《时间简史》: a Western author ("$a, $b") and a translator in 701/702, the newer 214
    beside an old 210, no 905 but its class in 690 and an e-book in 856."""
    return cnmarc(
        field("010", ("a", "9787535732309"), ("d", "CNY45.00")),
        field("101", ("a", "chi"), ("c", "eng"), indicators=("1", " ")),
        field(
            "200",
            ("a", "时间简史"),
            ("e", "插图本"),
            ("f", "(英)史蒂芬·霍金著"),
            ("g", "许明贤, 吴忠超译"),
        ),
        field("210", ("a", "长沙"), ("c", "旧出版社"), ("d", "2002")),
        field(
            "214", ("a", "长沙"), ("c", "湖南科学技术出版社"), ("d", "2010"), indicators=(" ", "1")
        ),
        field("606", ("a", "宇宙学"), ("x", "普及读物"), indicators=("0", " ")),
        field("690", ("a", "P159-49"), ("v", "5")),
        field("701", ("a", "Hawking"), ("b", "Stephen"), indicators=(" ", "1")),
        field("702", ("a", "许明贤"), ("4", "译"), indicators=(" ", "0")),
        field(
            "856",
            ("u", "https://ebooks.example.edu/chaoxing/9787535732309"),
            ("z", "校园网访问"),
            indicators=("4", "0"),
        ),
        control="012010000002",
    )


def responsibility_only():
    """Two works without a collective title (two $a) and names only in 200 $f/$g."""
    return cnmarc(
        field(
            "200", ("a", "呐喊"), ("a", "彷徨"), ("f", "鲁迅著"), ("g", "［日］竹内好译, 王某某编")
        ),
        field("210", ("c", "人民文学出版社"), ("d", "1979")),
        control="012019000003",
    )


def marc21_record():
    record = Record()
    record.add_field(Field(tag="001", data="991000000305466"))
    record.add_field(field("020", ("a", "9787530212004")))
    record.add_field(field("245", ("a", "平凡的世界 /"), ("c", "路遥著."), indicators=("1", "0")))
    record.add_field(field("100", ("a", "路遥."), indicators=("0", " ")))
    record.add_field(
        field("264", ("b", "北京十月文艺出版社,"), ("c", "2012."), indicators=(" ", "1"))
    )
    return record


def iso2709(*records):
    return b"".join(record.as_marc() for record in records)


def marcxml(*records, namespace=None):
    out = io.BytesIO()
    writer = XMLWriter(out)
    for record in records:
        writer.write(record)
    writer.close(close_fh=False)
    data = out.getvalue()
    if namespace:
        data = data.replace(b"http://www.loc.gov/MARC21/slim", namespace.encode())
    return data


def run(data, **kwargs):
    return import_books(io.BytesIO(data), **kwargs)


def assert_three_body(book):
    assert book.title == "三体"
    assert book.subtitle == "地球往事三部曲之一"
    assert book.authors == "刘慈欣"
    assert book.isbn13 == "9787536692930"  # $b (binding) and $d (price) are not read
    assert book.publisher == "重庆出版社" and book.year == 2008
    assert book.language == "zh"
    assert book.summary.startswith("文化大革命如火如荼")
    assert sorted(book.subjects.names()) == ["中国", "当代", "科学幻想小说"]
    assert book.call_number == "I247.55/L712"
    assert book.location == "一楼思库专架"
    assert book.copies == 2
    assert book.holding_status == "print"


@pytest.mark.parametrize(
    "encode",
    [iso2709, marcxml, lambda *r: marcxml(*r, namespace="info:lc/xmlns/marcxchange-v1")],
    ids=["iso2709", "marcxml", "marcxchange"],
)
def test_a_cnmarc_record_imports_with_its_fields(encode):
    report = run(encode(three_body(), brief_history(), responsibility_only()))
    assert report.ok, report.fatal
    assert (report.created, len(report.rejected)) == (3, 0), report.rejected
    assert report.record_formats == {"unimarc": 3}
    assert_three_body(Book.objects.get(mms_id="012008000001"))

    history = Book.objects.get(mms_id="012010000002")
    assert history.title == "时间简史" and history.subtitle == "插图本"
    assert history.authors == "Hawking, Stephen; 许明贤"  # 701/702 before 200 $f
    assert history.publisher == "湖南科学技术出版社" and history.year == 2010  # 214 first
    assert sorted(history.subjects.names()) == ["宇宙学", "普及读物"]
    assert history.lead_ebook.url == "https://ebooks.example.edu/chaoxing/9787535732309"
    assert history.lead_ebook.access_note == "校园网访问"
    assert history.holding_status == "ebook"  # no 905: the 690 class alone is no copy
    assert history.call_number == ""

    works = Book.objects.get(mms_id="012019000003")
    assert works.title == "呐喊 ; 彷徨"
    assert works.authors == "鲁迅; 竹内好; 王某某"  # from $f/$g, less countries and roles
    assert works.year == 1979


def test_the_import_command_reads_cnmarc(tmp_path):
    path = tmp_path / "export.mrc"
    path.write_bytes(iso2709(three_body()))
    out = io.StringIO()
    call_command("import_books", str(path), stdout=out)
    assert "1 created" in out.getvalue()
    assert_three_body(Book.objects.get())


def test_a_mixed_file_reads_each_record_by_its_own_format():
    for encode, kind in ((iso2709, "marc"), (marcxml, "marcxml")):
        Book.objects.all().delete()
        report = run(encode(marc21_record(), three_body()))
        assert (report.created, len(report.rejected)) == (2, 0), report.rejected
        assert report.record_formats == {"marc21": 1, "unimarc": 1}
        assert report.format_label == f"{kind} — MARC21: 1, CNMARC (UNIMARC): 1"
        marc21 = Book.objects.get(mms_id="991000000305466")
        assert (marc21.title, marc21.authors, marc21.year) == ("平凡的世界", "路遥", 2012)
        assert_three_body(Book.objects.get(mms_id="012008000001"))


def test_a_reimport_changes_nothing():
    data = iso2709(three_body(), brief_history())
    assert run(data).created == 2
    report = run(data)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert Book.objects.count() == 2
    # The same book from MARCXML is the same book, matched by its record number.
    assert run(marcxml(three_body())).unchanged == 1
    assert Book.objects.count() == 2


def test_a_record_with_neither_245_nor_200_is_refused():
    nameless = cnmarc(field("010", ("a", "9787536692930")), control="012008000009")
    report = run(iso2709(nameless, brief_history()))
    assert report.created == 1
    (rejection,) = report.rejected
    assert rejection.position == "record 1"
    assert "no 245 field (MARC21 title) and no 200 field (CNMARC title)" in rejection.reason
    assert rejection.label == "012008000009"
    assert not Book.objects.filter(isbn13="9787536692930").exists()


def test_a_cnmarc_record_in_gbk_is_refused_alone():
    """A GBK record read as MARC-8 would be mojibake; it is refused with the reason."""
    good = three_body().as_marc()
    title = "三体".encode()
    broken = good.replace(title, "三体".encode("gbk") + b"\xa1\xa1", 1)  # same length: 6 bytes
    report = run(broken + iso2709(brief_history()))
    assert report.ok and report.created == 1
    (rejection,) = report.rejected
    assert rejection.position == "record 1" and "not valid UTF-8" in rejection.reason
    assert not Book.objects.filter(mms_id="012008000001").exists()


def test_the_holdings_field_is_the_library_s_own(settings):
    settings.CNMARC_HOLDINGS_FIELD = "969"
    settings.CNMARC_HOLDINGS_SUBFIELDS = {"library": "a", "location": "b", "call_number": "c"}
    record = cnmarc(
        field("200", ("a", "平凡的世界")),
        field("969", ("a", "南科大图书馆"), ("b", "二楼文学书库"), ("c", "I247.5/L787")),
        field("905", ("b", "ignored"), ("d", "X"), ("e", "Y")),
        control="012012000004",
    )
    run(iso2709(record))
    book = Book.objects.get()
    assert book.call_number == "I247.5/L787"
    assert book.location == "南科大图书馆 · 二楼文学书库"
    assert book.copies == 1


def test_a_marc21_file_is_still_read_as_marc21():
    """A MARC21 record that happens to carry a 200 field keeps its 245 title."""
    record = marc21_record()
    record.add_field(field("200", ("a", "not a title in MARC21")))
    report = run(iso2709(record))
    assert report.record_formats == {"marc21": 1}
    assert Book.objects.get().title == "平凡的世界"


def test_the_admin_preview_lists_cnmarc_rows(client, editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(editor)
    upload = SimpleUploadedFile("cnmarc.iso", iso2709(three_body(), marc21_record()))
    response = client.post(
        reverse("wagtailsnippets_reading_book:import"), {"file": upload, "action": "preview"}
    )
    assert response.status_code == 200
    text = response.text
    assert "marc — MARC21: 1, CNMARC (UNIMARC): 1" in text
    assert 'class="count-created">2<' in text
    assert "三体" in text and "平凡的世界" in text
    assert not Book.objects.exists()  # a preview stores nothing
    client.post(reverse("wagtailsnippets_reading_book:import"), {"action": "confirm"})
    assert_three_body(Book.objects.get(mms_id="012008000001"))


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("CNMARC_HOLDINGS_FIELD", "90", "CNMARC_HOLDINGS_FIELD must be a three-character"),
        ("CNMARC_HOLDINGS_SUBFIELDS", "shelf=x", "CNMARC_HOLDINGS_SUBFIELDS must be"),
        ("CNMARC_HOLDINGS_SUBFIELDS", "barcode=bc", "CNMARC_HOLDINGS_SUBFIELDS must be"),
    ],
)
def test_a_bad_holdings_setting_stops_start_up(name, value, message):
    result = run_check("website.settings.dev", **{name: value})
    assert result.returncode != 0
    assert message in result.stderr


def test_a_cnmarc_record_whose_leader_says_utf8_reads_the_same():
    record = three_body()
    record.leader = Leader(record.leader[:9] + "a" + record.leader[10:])
    run(iso2709(record))
    assert_three_body(Book.objects.get())


def test_the_refusal_is_in_the_librarian_s_language():
    with translation.override("zh-hans"):
        report = run(iso2709(cnmarc(field("010", ("a", "9787536692930")))))
    (rejection,) = report.rejected
    assert rejection.position == "第 1 条记录"
    assert "既没有 245 字段" in rejection.reason and "200 字段" in rejection.reason
