"""Turn one spreadsheet row or MARC record into the fields of a book, or a reason to refuse it.

Only what the file actually says is kept: an empty cell or a missing MARC field means "not
given", so that re-importing a thinner export never blanks what an editor typed.
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from reading import isbn as isbn_tools

from . import mapping

YEAR = re.compile(r"(1[5-9]\d\d|20\d\d)")
URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
# ISBD punctuation that MARC leaves at the end of subfields: "三体 /", "Sapiens :", "Harari, Y.,".
TRAILING = re.compile(r"[\s/:;,=.]+$")
# ...but a full stop after an initial or an abbreviation is part of the name.
KEEP_STOP = re.compile(r"(\b[A-Z]|\b(?:Jr|Sr|Inc|Ltd|Co|etc|ed|eds|Dr|St))$")
BRACKETS = re.compile(r"^\[(.*)\]$")

LIMITS = {
    "title": 500,
    "subtitle": 500,
    "authors": 1000,
    "publisher": 300,
    "summary": 20000,
    "mms_id": 40,
    "call_number": 100,
    "location": 200,
}
# An e-book platform's fields (reading.BookEbook) and their limits.
EBOOK_LIMITS = {"url": 1000, "platform": 200, "access_note": 300}


class Rejected(Exception):
    """The row cannot become a book; the message is the reason shown in the report."""


@dataclass
class BookData:
    """The fields a row gives (only those it gives), its ISBNs in order and its subjects."""

    fields: dict = field(default_factory=dict)
    ebooks: list = field(default_factory=list)  # {"url", "platform", "access_note"}, in order
    isbns: list = field(default_factory=list)
    subjects: list = field(default_factory=list)
    cover: str = ""  # a cover's file name, from a spreadsheet's Cover column
    warnings: list = field(default_factory=list)  # kept, but something was left out

    @property
    def label(self):
        return self.fields.get("title") or self.fields.get("mms_id") or ""


def clean_text(value):
    text = " ".join(str(value if value is not None else "").split())
    stripped = TRAILING.sub("", text).strip()
    rest = text[len(stripped) :]
    if rest.startswith(".") and KEEP_STOP.search(stripped):
        stripped += "."
    return stripped


# Fields whose last character may be a slash or a full stop that belongs to them.
VERBATIM = {"summary", "call_number", "mms_id"}


def _set(data, name, value):
    if name == "summary":
        value = str(value if value is not None else "").strip()
    elif name in VERBATIM:
        value = " ".join(str(value if value is not None else "").split())
    else:
        value = clean_text(value)
    if value:
        data.fields[name] = value[: LIMITS.get(name, 1000)]


def _add_ebook(data, url, platform="", access_note=""):
    """One e-book platform of the row; a link the row already gave is not added twice."""
    url = " ".join(str(url or "").split())[: EBOOK_LIMITS["url"]]
    if not url or any(ebook["url"] == url for ebook in data.ebooks):
        return
    data.ebooks.append(
        {
            "url": url,
            "platform": clean_text(platform)[: EBOOK_LIMITS["platform"]],
            "access_note": " ".join(str(access_note or "").split())[: EBOOK_LIMITS["access_note"]],
        }
    )


def _year(value):
    if isinstance(value, int | float) and 1000 <= value <= 2100:
        return int(value)
    if hasattr(value, "year"):
        return value.year
    match = YEAR.search(str(value or ""))
    return int(match.group()) if match else None


def _isbns(tokens):
    """The normalised ISBNs, in order; Rejected at the first one that does not check."""
    result = []
    for token in tokens:
        try:
            code = isbn_tools.normalise(token)
        except isbn_tools.InvalidISBN as exc:
            raise Rejected(_("bad ISBN: %(error)s") % {"error": exc}) from exc
        if code not in result:
            result.append(code)
    return result


def _finish(data):
    if not data.fields.get("title"):
        raise Rejected(_("missing title"))
    bad = [ebook["url"] for ebook in data.ebooks if not URL.match(ebook["url"])]
    if bad and len(bad) == len(data.ebooks):
        raise Rejected(_("the e-book link “%(url)s” is not a web address") % {"url": bad[0]})
    for url in bad:  # the record's other platforms are good: keep them, say what was left out
        data.warnings.append(
            _("the e-book link “%(url)s” is not a web address and was left out") % {"url": url}
        )
    data.ebooks = [ebook for ebook in data.ebooks if ebook["url"] not in bad]
    return data


def _cell_text(value):
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # Excel stores 9787536692930 as a float
    return str(value if value is not None else "").strip()


# Spreadsheets ------------------------------------------------------------------------------


def from_row(cells, columns):
    """BookData from a spreadsheet row, given {field: position} of the file's headings."""

    def cell(name):
        position = columns.get(name)
        if position is None or position >= len(cells):
            return ""
        return _cell_text(cells[position])

    data = BookData()
    for name in ("mms_id", "title", "subtitle", "publisher", "summary", "call_number"):
        _set(data, name, cell(name))
    # one platform per row, as catalogues export them; or several, as the Books list's own
    # export writes them (links separated by spaces, platforms by semicolons, in step)
    urls = cell("ebook_url").split()
    platforms = [name.strip() for name in re.split(r"[;；]", cell("ebook_platform"))]
    for position, url in enumerate(urls):
        platform = platforms[position] if len(platforms) == len(urls) else ""
        if len(urls) == 1:
            platform = cell("ebook_platform")
        note = cell("ebook_access_note") if len(urls) == 1 else ""
        _add_ebook(data, url, platform, note)
    authors = [clean_text(a) for a in re.split(r"[;；|]", cell("authors")) if clean_text(a)]
    if authors:
        _set(data, "authors", "; ".join(authors))
    location = " · ".join(part for part in (cell("library"), cell("location")) if part)
    _set(data, "location", location)
    year = _year(
        cells[columns["year"]] if "year" in columns and columns["year"] < len(cells) else ""
    )
    if year:
        data.fields["year"] = year
    language = mapping.language_code(cell("language"))
    if language:
        data.fields["language"] = language
    copies = cell("copies")
    if copies:
        try:
            count = int(float(copies))
        except ValueError as exc:
            raise Rejected(
                _("the number of copies “%(value)s” is not a number") % {"value": copies}
            ) from exc
        if count < 0 or count > 32767:
            raise Rejected(
                _("the number of copies “%(value)s” is out of range") % {"value": copies}
            )
        data.fields["copies"] = count
    data.isbns = _isbns(isbn_tools.split(cell("isbn")) + isbn_tools.split(cell("other_isbns")))
    if cell("isbn") and not isbn_tools.split(cell("isbn")):
        raise Rejected(_("bad ISBN: “%(isbn)s” is not an ISBN") % {"isbn": cell("isbn")})
    data.subjects = _subjects(re.split(r"[;；|]|--", cell("subjects")))
    data.cover = cell("cover")
    return _finish(data)


def _subjects(values):
    result = []
    for value in values:
        name = clean_text(value)[:100]
        if name and name not in result:
            result.append(name)
    return result


# MARC --------------------------------------------------------------------------------------


def _subfield(marc_field, code):
    values = marc_field.get_subfields(code)
    return clean_text(values[0]) if values else ""


def record_format(record):
    """ "marc21" or "unimarc" (CNMARC) for a pymarc Record, by its fields (`mapping`)."""
    return mapping.marc_format(marc_field.tag for marc_field in record.get_fields())


def from_marc(record):
    """BookData from a pymarc Record (binary or XML; MARC21 or CNMARC), by the tags in
    `mapping`."""
    if record_format(record) == "unimarc":
        return from_unimarc(record)
    data = BookData()
    control = record.get("001")
    if control is not None and control.data:
        _set(data, "mms_id", control.data)

    titles = record.get_fields(mapping.MARC_TITLE)
    if not titles:
        raise Rejected(
            _(
                "missing title: the record has no 245 field (MARC21 title) and no 200 field "
                "(CNMARC title)"
            )
        )
    title_field = titles[0]
    title = " ".join(
        clean_text(v) for code in ("a", "n", "p") for v in title_field.get_subfields(code)
    )
    _set(data, "title", BRACKETS.sub(r"\1", clean_text(title)))
    _set(data, "subtitle", _subfield(title_field, "b"))

    authors = []
    for marc_field in record.get_fields(*mapping.MARC_MAIN_AUTHORS, *mapping.MARC_ADDED_AUTHORS):
        name = _subfield(marc_field, "a")
        if name and name not in authors:
            authors.append(name)
    if authors:
        _set(data, "authors", "; ".join(authors))

    publication = sorted(
        record.get_fields(*mapping.MARC_PUBLICATION),
        key=lambda f: (f.tag != "264" or f.indicator2 != "1", f.tag != "264"),
    )
    for marc_field in publication:
        if "publisher" not in data.fields:
            _set(data, "publisher", _subfield(marc_field, "b"))
        if "year" not in data.fields:
            year = _year(_subfield(marc_field, "c"))
            if year:
                data.fields["year"] = year
    fixed = record.get("008")
    if "year" not in data.fields and fixed is not None and len(fixed.data) >= 11:
        year = _year(fixed.data[7:11])
        if year:
            data.fields["year"] = year

    language = ""
    languages = record.get_fields(mapping.MARC_LANGUAGE)
    if languages:
        language = _subfield(languages[0], "a")[:3]
    elif fixed is not None and len(fixed.data) >= 38:
        language = fixed.data[35:38]
    if mapping.language_code(language):
        data.fields["language"] = mapping.language_code(language)

    data.subjects = _subjects(
        f.get_subfields("a")[0]
        for f in record.get_fields(*mapping.MARC_SUBJECTS)
        if f.get_subfields("a")
    )
    summaries = record.get_fields(mapping.MARC_SUMMARY)
    if summaries:
        _set(data, "summary", " ".join(summaries[0].get_subfields("a")))

    tokens = []
    for marc_field in record.get_fields(mapping.MARC_ISBN[0]):
        for value in marc_field.get_subfields(mapping.MARC_ISBN[1]):
            token = isbn_tools.extract(value)
            if not token:
                raise Rejected(_("bad ISBN: “%(isbn)s” is not an ISBN") % {"isbn": value})
            tokens.append(token)
    data.isbns = _isbns(tokens)

    _print_holding(record, data)
    _electronic_holding(record, data)
    return _finish(data)


def _print_holding(record, data, local=None):
    """The print holding from Alma's AVA, else from the record's own holdings fields: 852 in
    MARC21, or `local(record, data)` for the other formats' fields."""
    available = record.get_fields(mapping.MARC_ALMA_PHYSICAL)
    holdings = record.get_fields(mapping.MARC_HOLDING)
    if available:
        first = available[0]
        _set(data, "call_number", _subfield(first, "d"))
        _set(
            data,
            "location",
            " · ".join(p for p in (_subfield(first, "q"), _subfield(first, "c")) if p),
        )
        copies = 0
        for marc_field in available:
            value = _subfield(marc_field, "f")
            copies += int(value) if value.isdigit() else 0
        data.fields["copies"] = min(copies, 32767)
    elif local is not None:
        local(record, data)
    elif holdings:
        first = holdings[0]
        call_number = " ".join(
            p for p in (_subfield(first, "h"), _subfield(first, "i")) if p
        ) or _subfield(first, "j")
        _set(data, "call_number", call_number)
        _set(
            data,
            "location",
            " · ".join(p for p in (_subfield(first, "b"), _subfield(first, "c")) if p),
        )
        items = record.get_fields(*mapping.MARC_ITEM)
        data.fields["copies"] = min(len(items) or len(holdings), 32767)


def _electronic_holding(record, data):
    """Every platform the record links: Alma's portfolios (AVE) when it has them, as they
    are the library's licences; else each 856 that is the resource itself."""
    for marc_field in record.get_fields(mapping.MARC_ALMA_ELECTRONIC):
        _add_ebook(
            data, _subfield(marc_field, "u"), _subfield(marc_field, "m"), _subfield(marc_field, "n")
        )
    if data.ebooks:
        return
    for marc_field in record.get_fields(mapping.MARC_ELECTRONIC):
        if marc_field.indicator2 == "2":  # a related resource (a review, a table of contents)
            continue
        _add_ebook(
            data,
            _subfield(marc_field, "u"),
            _subfield(marc_field, "3") or _subfield(marc_field, "y"),
            _subfield(marc_field, "z"),
        )


# CNMARC (UNIMARC) ---------------------------------------------------------------------------

# "刘慈欣著", "林俊宏译", "叶永烈等编著": the role a statement of responsibility ends with.
ROLE_WORDS = re.compile(r"\s*(等)?(编著|主编|原著|著|编|译|撰|绘|校|整理)$")
RESPONSIBILITY_SPLIT = re.compile(r"[;；,，、]")
# "(英)史蒂芬·霍金著", "［日］竹内好译": the author's country, in brackets before the name.
COUNTRY = re.compile(r"^[(（\[［〔][^)）\]］〕]{1,6}[)）\]］〕]\s*")


def _names(marc_field):
    """A UNIMARC name: $a alone for a Chinese name (written whole), "$a, $b" for a Western
    one (surname, forenames)."""
    surname = _subfield(marc_field, "a")
    forenames = _subfield(marc_field, "b")
    return f"{surname}, {forenames}" if surname and forenames else surname


def _responsibility(title_field):
    """The names in 200 $f and $g, less their country and role ("(英)霍金著" -> "霍金")."""
    names = []
    for code in ("f", "g"):
        for value in title_field.get_subfields(code):
            for part in RESPONSIBILITY_SPLIT.split(value):
                name = clean_text(COUNTRY.sub("", ROLE_WORDS.sub("", clean_text(part))))
                if name and name not in names:
                    names.append(name)
    return names


def from_unimarc(record):
    """BookData from a CNMARC (UNIMARC) record: the same book fields as from MARC21, read
    from UNIMARC's tags (`mapping.UNIMARC_*`). 215 (extent) has no place on the book."""
    data = BookData()
    control = record.get("001")
    if control is not None and control.data:
        _set(data, "mms_id", control.data)

    title_field = record.get_fields(mapping.UNIMARC_TITLE)[0]
    # Several $a are several works without a collective title: ISBD joins them with " ; ".
    title = " ; ".join(clean_text(v) for v in title_field.get_subfields("a") if clean_text(v))
    part = ", ".join(
        clean_text(v) for code in ("h", "i") for v in title_field.get_subfields(code) if v
    )
    if title and part:
        title = f"{title}. {part}"
    _set(data, "title", BRACKETS.sub(r"\1", title))
    _set(data, "subtitle", " : ".join(title_field.get_subfields("e")))

    authors = []
    for marc_field in record.get_fields(*mapping.UNIMARC_NAMES, *mapping.UNIMARC_CORPORATE_NAMES):
        name = _names(marc_field)
        if name and name not in authors:
            authors.append(name)
    if not authors:
        authors = _responsibility(title_field)
    if authors:
        _set(data, "authors", "; ".join(authors))

    publication = sorted(
        record.get_fields(*mapping.UNIMARC_PUBLICATION),
        # 214 before 210, and of 214 the publication statement (second indicator 1) first
        key=lambda f: (f.tag != "214", f.indicator2 != "1"),
    )
    for marc_field in publication:
        if "publisher" not in data.fields:
            _set(data, "publisher", _subfield(marc_field, "c"))
        if "year" not in data.fields:
            year = _year(_subfield(marc_field, "d"))
            if year:
                data.fields["year"] = year
    general = record.get(mapping.UNIMARC_GENERAL)
    general_data = _subfield(general, "a") if general is not None else ""
    if "year" not in data.fields and len(general_data) >= 13:
        year = _year(general_data[9:13])
        if year:
            data.fields["year"] = year

    languages = record.get_fields(mapping.UNIMARC_LANGUAGE)
    if languages and mapping.language_code(_subfield(languages[0], "a")[:3]):
        data.fields["language"] = mapping.language_code(_subfield(languages[0], "a")[:3])

    data.subjects = _subjects(
        value
        for marc_field in record.get_fields(*mapping.UNIMARC_SUBJECTS)
        for code in mapping.UNIMARC_SUBDIVISIONS
        for value in marc_field.get_subfields(code)
    )
    summaries = record.get_fields(mapping.UNIMARC_SUMMARY)
    if summaries:
        _set(data, "summary", " ".join(summaries[0].get_subfields("a")))

    tokens = []
    for marc_field in record.get_fields(mapping.UNIMARC_ISBN[0]):
        for value in marc_field.get_subfields(mapping.UNIMARC_ISBN[1]):
            token = isbn_tools.extract(value)
            if not token:
                raise Rejected(_("bad ISBN: “%(isbn)s” is not an ISBN") % {"isbn": value})
            tokens.append(token)
    data.isbns = _isbns(tokens)

    _print_holding(record, data, local=_unimarc_holding)
    _electronic_holding(record, data)
    return _finish(data)


def _unimarc_holding(record, data):
    """The copies in the library's holdings field (CNMARC_HOLDINGS_FIELD, one per copy), laid
    out as CNMARC_HOLDINGS_SUBFIELDS says; the call number is "class/book number", the class
    taken from 690 when the copy does not give it."""
    holdings = record.get_fields(settings.CNMARC_HOLDINGS_FIELD)
    if not holdings:
        return
    codes = settings.CNMARC_HOLDINGS_SUBFIELDS

    def part(marc_field, name):
        return _subfield(marc_field, codes[name]) if name in codes else ""

    first = holdings[0]
    call_number = part(first, "call_number")
    if not call_number:
        classes = record.get_fields(mapping.UNIMARC_CLASS[0])
        class_number = part(first, "class") or (
            _subfield(classes[0], mapping.UNIMARC_CLASS[1]) if classes else ""
        )
        call_number = "/".join(p for p in (class_number, part(first, "book_number")) if p)
    _set(data, "call_number", call_number)
    _set(
        data,
        "location",
        " · ".join(p for p in (part(first, "library"), part(first, "location")) if p),
    )
    # One field per copy; a copy listed twice (the same barcode) is counted once.
    barcodes = {part(marc_field, "barcode") for marc_field in holdings}
    unmarked = sum(1 for marc_field in holdings if not part(marc_field, "barcode"))
    data.fields["copies"] = min(len(barcodes - {""}) + unmarked, 32767)
