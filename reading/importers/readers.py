"""Read catalogue files one row or record at a time, whatever their size.

The format is recognised from the file's first bytes, never from its name: an export saved as
"books.csv" may be Excel, and a ".mrc" may be MARCXML. Every reader is a generator, so memory
stays flat with the file size: csv's reader over a decoding stream, openpyxl in read-only
mode, pymarc's MARCReader over the binary stream and lxml's iterparse (clearing each record
once read) for MARCXML. MARC21 and CNMARC (UNIMARC) share both readers; which one a record is,
is decided record by record from its fields (`mapping.marc_format`), also to decode a binary
CNMARC record as UTF-8.

A reader raises `UnreadableFile` when the file cannot be read at all (wrong format, wrong
encoding, a broken MARC structure, malformed XML), even part-way through; the importer then
rolls back everything. A single bad record in an otherwise sound file is yielded as a
`BadRecord` instead, and the import goes on.
"""

import codecs
import csv
import io
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .mapping import marc_format

MARCXML_NS = "http://www.loc.gov/MARC21/slim"
# MARCXchange (ISO 25577), the slim schema's twin that UNIMARC systems write.
MARCXCHANGE_NS = "info:lc/xmlns/marcxchange-v1"
SNIFF_BYTES = 64 * 1024


class UnreadableFile(Exception):
    """The file as a whole cannot be read; the message says why, for a librarian."""


@dataclass
class BadRecord:
    """A record whose bytes could be located but not decoded."""

    reason: str


@dataclass
class Row:
    """One row or record of the file, with where it is, for the report."""

    position: str  # "line 12", "row 12", "record 12"
    data: object  # a list of cell values (spreadsheets) or a pymarc Record


def detect_format(head):
    """ "csv", "xlsx", "marc" or "marcxml" from the first bytes of a file."""
    if not head:
        raise UnreadableFile(_("The file is empty."))
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableFile(
            _("This is an old Excel 97–2003 (.xls) file. Save it as .xlsx or CSV and try again.")
        )
    if head.startswith(b"%PDF"):
        raise UnreadableFile(_("This is a PDF file, not a catalogue export."))
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"<"):
        if b"record" in stripped[:SNIFF_BYTES] or b"collection" in stripped[:SNIFF_BYTES]:
            return "marcxml"
        raise UnreadableFile(_("This XML file holds no MARC records."))
    # Binary MARC: a five-digit record length, then a leader whose directory starts at 24.
    if len(head) >= 24 and head[:5].isdigit() and head[12:17].isdigit() and b"\x1e" in head:
        return "marc"
    if b"\x00" in head[:4096] and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableFile(_("This is not a CSV, Excel or MARC file."))
    return "csv"


def open_rows(fileobj, columns_kind="books"):
    """(format, iterator of Row or BadRecord) for a binary file object positioned at 0."""
    head = fileobj.read(SNIFF_BYTES)
    fileobj.seek(0)
    kind = detect_format(head)
    if columns_kind == "loans" and kind in {"marc", "marcxml"}:
        raise UnreadableFile(_("Loan figures are read from CSV or Excel files, not MARC."))
    reader = {"csv": _csv_rows, "xlsx": _xlsx_rows, "marc": _marc_rows, "marcxml": _marcxml_rows}
    return kind, reader[kind](fileobj, head)


# CSV ---------------------------------------------------------------------------------------


def _encoding(head):
    """UTF-8 (with or without BOM) or UTF-16 by BOM, else GB18030 (Chinese Excel's ANSI)."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        # A multi-byte character cut by the end of the sample is still UTF-8.
        if exc.start >= len(head) - 3 and exc.reason == "unexpected end of data":
            return "utf-8"
    try:
        head.decode("gb18030")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3:
            raise UnreadableFile(
                _("The file's text encoding is neither UTF-8 nor GB18030 (GBK).")
            ) from exc
    return "gb18030"


def _csv_rows(fileobj, head):
    encoding = _encoding(head)
    text = io.TextIOWrapper(fileobj, encoding=encoding, errors="strict", newline="")
    try:
        sample = head.decode(encoding, errors="ignore")[:8192]
        try:
            dialect = csv.Sniffer().sniff(sample, delimiters=",\t;|")
        except csv.Error:
            dialect = csv.excel
        reader = csv.reader(text, dialect)
        try:
            for cells in reader:
                if not any(cell.strip() for cell in cells):
                    continue
                yield Row(_("line %(number)s") % {"number": reader.line_num}, cells)
        except UnicodeDecodeError as exc:
            raise UnreadableFile(
                _(
                    "The file is not valid %(encoding)s text after line %(line)s; "
                    "save it as UTF-8 and try again."
                )
                % {"encoding": encoding.upper(), "line": reader.line_num}
            ) from exc
        except csv.Error as exc:
            raise UnreadableFile(
                _("The CSV file is malformed at line %(line)s: %(error)s")
                % {"line": reader.line_num, "error": exc}
            ) from exc
    finally:
        text.detach()


# Excel -------------------------------------------------------------------------------------


def _xlsx_rows(fileobj, head):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(fileobj, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise UnreadableFile(_("This is not a readable Excel (.xlsx) file.")) from exc
    except Exception as exc:  # openpyxl raises several private exception types
        raise UnreadableFile(_("This is not a readable Excel (.xlsx) file.")) from exc
    try:
        sheet = workbook.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = ["" if value is None else value for value in values]
            if not any(str(cell).strip() for cell in cells):
                continue
            yield Row(_("row %(number)s") % {"number": number}, cells)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise UnreadableFile(_("The Excel file is damaged and cannot be read to the end.")) from exc
    finally:
        workbook.close()


# MARC21 and CNMARC (ISO 2709) -------------------------------------------------------------


def _directory_tags(chunk):
    """The tags of a raw ISO 2709 record's directory (12 bytes an entry after the leader)."""
    try:
        base = int(chunk[12:17])
    except ValueError:
        return []
    directory = chunk[24 : max(24, base - 1)]
    return [directory[i : i + 3].decode("ascii", "replace") for i in range(0, len(directory), 12)]


def _unimarc_record(chunk):
    """A CNMARC record decoded as UTF-8, or a BadRecord.

    UNIMARC leaves leader position 9 (MARC21's "a" for UTF-8) blank and names its character
    set in field 100 instead; pymarc would read such a record as MARC-8 and garble its
    Chinese. CNMARC exports are UTF-8 in practice, so a record that is not is refused, with
    the reason, rather than imported as mojibake.
    """
    from pymarc import Record

    try:
        return Record(chunk, to_unicode=True, force_utf8=True, utf8_handling="strict")
    except UnicodeDecodeError:
        return BadRecord(
            _(
                "the CNMARC record is not valid UTF-8 (it may be GBK); "
                "export it from the catalogue as UTF-8 (Unicode)"
            )
        )
    except Exception as exc:  # pymarc raises a family of structure errors
        return BadRecord(_("the record cannot be decoded (%(error)s)") % {"error": exc})


def _marc_rows(fileobj, head):
    from pymarc import MARCReader
    from pymarc.exceptions import EndOfRecordNotFound, RecordLengthInvalid, TruncatedRecord

    reader = MARCReader(
        fileobj, to_unicode=True, force_utf8=False, permissive=True, hide_utf8_warnings=True
    )
    number = 0
    for record in reader:
        number += 1
        position = _("record %(number)s") % {"number": number}
        error = reader.current_exception
        boundaries_lost = isinstance(
            error, (RecordLengthInvalid, TruncatedRecord, EndOfRecordNotFound)
        )
        chunk = reader.current_chunk
        if (
            not boundaries_lost
            and chunk[9:10] != b"a"
            and marc_format(_directory_tags(chunk)) == "unimarc"
        ):
            yield Row(position, _unimarc_record(chunk))
            continue
        if record is not None:
            yield Row(position, record)
            continue
        if boundaries_lost:
            # The record boundaries are lost: nothing after this point can be trusted.
            raise UnreadableFile(
                _("The MARC file is broken at record %(number)s (%(error)s).")
                % {"number": number, "error": type(error).__name__}
            )
        if isinstance(error, UnicodeDecodeError):
            yield Row(position, BadRecord(_("the record is marked UTF-8 but is not valid UTF-8")))
        else:
            yield Row(
                position,
                BadRecord(_("the record cannot be decoded (%(error)s)") % {"error": error}),
            )


# MARCXML -----------------------------------------------------------------------------------


def _marcxml_rows(fileobj, head):
    from lxml import etree
    from pymarc import Field, Record, Subfield

    tags = [f"{{{MARCXML_NS}}}record", f"{{{MARCXCHANGE_NS}}}record", "record"]
    context = etree.iterparse(
        fileobj,
        events=("end",),
        tag=tags,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
    )
    number = 0
    try:
        for _event, element in context:
            number += 1
            position = _("record %(number)s") % {"number": number}
            record = Record(force_utf8=True)
            for child in element:
                name = etree.QName(child).localname
                if name == "leader":
                    record.leader = (child.text or "").ljust(24)[:24]
                elif name == "controlfield":
                    record.add_field(Field(tag=child.get("tag", ""), data=child.text or ""))
                elif name == "datafield":
                    subfields = [
                        Subfield(code=sub.get("code", ""), value=sub.text or "")
                        for sub in child
                        if etree.QName(sub).localname == "subfield"
                    ]
                    record.add_field(
                        Field(
                            tag=child.get("tag", ""),
                            indicators=[child.get("ind1", " "), child.get("ind2", " ")],
                            subfields=subfields,
                        )
                    )
            element.clear(keep_tail=False)
            while element.getprevious() is not None:
                del element.getparent()[0]
            yield Row(position, record)
    except etree.XMLSyntaxError as exc:
        raise UnreadableFile(
            _("The MARCXML file is malformed after record %(number)s: %(error)s")
            % {"number": number, "error": exc.msg}
        ) from exc
    if number == 0:
        raise UnreadableFile(_("The XML file holds no MARC records."))
