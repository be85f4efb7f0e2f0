"""Where catalogue exports put each part of a book: the one place to change when Alma changes.

Spreadsheet exports (CSV, Excel) are matched by column heading. Alma's English and Chinese
interfaces, Alma Analytics and hand-made spreadsheets name the same column differently, so
each field lists every heading it is known by; headings are compared after `heading_key()`
(case, spaces, underscores and punctuation ignored).

MARC exports (binary MARC21 and MARCXML, as Alma's publishing profiles write them) are read by
tag and subfield. Alma adds its own inventory fields to published bibliographic records:
AVA (physical availability: $d call number, $q library, $c location, $f number of items) and
AVE (electronic: $u link, $m collection, $n public note); standard 852 and 856 are the
fall-back when the profile publishes those instead.

CNMARC, China's UNIMARC, numbers its fields differently (200 for the title, 210/214 for
publication, 701/702 for names, 690 for the Chinese Library Classification). A record says
which it is by its fields, not by its file: `marc_format()` decides, record by record, and
`records.from_marc` maps each by its own tags. The local holdings field of a CNMARC record
(905 by default) is a setting, CNMARC_HOLDINGS_FIELD and CNMARC_HOLDINGS_SUBFIELDS, because
every Chinese library system lays it out its own way.
"""

import re

# Book field -> the column headings that hold it (any of them).
COLUMNS = {
    "mms_id": ["MMS ID", "MMS Id", "MMSID", "MMS", "Bib MMS ID", "书目MMS ID"],
    "title": ["Title", "Title (Complete)", "Main Title", "题名", "书名", "正题名", "题名与责任者"],
    "subtitle": [
        "Subtitle",
        "Remainder of Title",
        "Other Title Information",
        "副题名",
        "其他题名信息",
    ],
    "authors": [
        "Author",
        "Authors",
        "Creator",
        "Author (Contributor)",
        "Author Name",
        "Contributors",
        "著者",
        "作者",
        "责任者",
        "著者/责任者",
    ],
    "isbn": ["ISBN", "ISBN (Normalized)", "ISBN13", "ISBN-13", "ISBN Valid", "标准号", "ISBN号"],
    "other_isbns": ["Other ISBNs", "Other ISBN", "ISBN (other)", "Related ISBNs", "其他ISBN"],
    "publisher": ["Publisher", "Publisher Name", "出版者", "出版社", "出版发行者"],
    "year": [
        "Publication Date",
        "Publication Year",
        "Date of Publication",
        "Begin Publication Date",
        "Year",
        "出版年",
        "出版日期",
        "出版时间",
    ],
    "language": ["Language", "Language Code", "Language of Cataloging", "语种", "语言"],
    "subjects": ["Subjects", "Subject", "Subject Headings", "Topics", "主题", "主题词"],
    "summary": ["Summary", "Description", "Abstract", "摘要", "内容提要", "简介"],
    # a file name, read from the folder of the import file (reading/importers/covers.py)
    "cover": ["Cover", "Cover Image", "Cover File", "封面", "封面图片", "封面文件"],
    "call_number": [
        "Permanent Call Number",
        "Call Number",
        "Holding Call Number",
        "索书号",
        "索取号",
    ],
    "library": ["Library Name", "Library", "Permanent Library", "馆藏分馆", "图书馆"],
    "location": [
        "Location Name",
        "Location",
        "Permanent Physical Location",
        "Permanent Location",
        "馆藏地",
        "馆藏位置",
        "馆藏地点",
    ],
    "copies": [
        "Num of Items",
        "Number of Items",
        "Item Count",
        "Physical Items",
        "Items",
        "Copies",
        "复本数",
        "册数",
        "馆藏册数",
    ],
    "ebook_platform": [
        "Electronic Collection",
        "Electronic Collection Public Name",
        "Portfolio Collection",
        "Collection",
        "Platform",
        "E-book platforms",  # the Books list's own export
        "电子资源平台",
        "电子书平台",
    ],
    "ebook_url": [
        "Portfolio URL",
        "Static URL",
        "URL",
        "Link",
        "Electronic Link",
        "E-book URL",
        "E-book links",  # the Books list's own export (several, separated by spaces)
        "电子书链接",
        "链接",
    ],
    "ebook_access_note": [
        "Public Note",
        "Portfolio Public Note",
        "Access Note",
        "访问说明",
        "使用说明",
    ],
}

# Loan reports (Alma Analytics "Fulfillment" or the circulation desk's spreadsheet).
LOAN_COLUMNS = {
    "mms_id": COLUMNS["mms_id"],
    "isbn": COLUMNS["isbn"],
    "loans": [
        "Loans",
        "Loans (In House + Not In House)",
        "Loans (Not In House)",
        "Number of Loans",
        "Loan Count",
        "Circulation",
        "借阅次数",
        "借阅册次",
        "借阅量",
    ],
    "period": [
        "Period",
        "Loan Year",
        "Fiscal Year",
        "Year",
        "Loan Date Year",
        "Academic Year",
        "统计期",
        "统计周期",
        "年度",
        "学年",
    ],
}

# MARC tags and subfields.
MARC_ISBN = ("020", "a")  # $z holds cancelled or invalid ISBNs and is not read
MARC_TITLE = "245"  # $a title, $b remainder, $n/$p part number and name
MARC_MAIN_AUTHORS = ("100", "110", "111")
MARC_ADDED_AUTHORS = ("700", "710", "711")
MARC_PUBLICATION = ("264", "260")  # 264 with second indicator 1 (publication) first
MARC_LANGUAGE = "041"  # else positions 35–37 of 008
MARC_SUBJECTS = ("650", "600", "610", "651", "653", "690")
MARC_SUMMARY = "520"
MARC_ALMA_PHYSICAL = "AVA"  # $d call number, $q library, $c location, $f items
MARC_HOLDING = "852"  # $h $i call number, $b library, $c location
MARC_ITEM = ("876", "ITM")  # one per item, when the profile publishes items
MARC_ALMA_ELECTRONIC = "AVE"  # $u link, $m collection, $n public note
MARC_ELECTRONIC = "856"  # $u link, $z public note, $3 or $y link text

# CNMARC (UNIMARC) tags and subfields.
UNIMARC_ISBN = ("010", "a")  # $b qualification, $d price, $z invalid ISBN: not read
UNIMARC_TITLE = "200"  # $a title (repeated: several works), $e other title, $h/$i part,
# $f/$g statements of responsibility (read when no 7XX name is given)
UNIMARC_GENERAL = "100"  # $a/9-12 the first publication date
UNIMARC_LANGUAGE = "101"
UNIMARC_PUBLICATION = ("214", "210")  # $c publisher, $d date; 214 (since 2018) first
UNIMARC_SUMMARY = "330"
UNIMARC_SUBJECTS = ("606", "600", "601", "607", "610")  # topical, names, places, free terms
UNIMARC_SUBDIVISIONS = ("a", "x", "y", "z")  # each part a subject, as a CSV's "--" splits
UNIMARC_CLASS = ("690", "a")  # the CLC class: the call number's class part when a copy lacks it
UNIMARC_NAMES = ("700", "701", "702")  # $a the name (a Chinese name whole), $b forenames
UNIMARC_CORPORATE_NAMES = ("710", "711", "712")

# MARC language codes (ISO 639-2/B) -> the book's language choice.
LANGUAGES = {
    "chi": "zh",
    "zho": "zh",
    "eng": "en",
    "jpn": "ja",
    "fre": "fr",
    "fra": "fr",
    "ger": "de",
    "deu": "de",
    "rus": "ru",
    "zh": "zh",
    "en": "en",
    "ja": "ja",
    "fr": "fr",
    "de": "de",
    "ru": "ru",
    "中文": "zh",
    "汉语": "zh",
    "chinese": "zh",
    "english": "en",
    "英文": "en",
    "英语": "en",
    "日文": "ja",
    "japanese": "ja",
}


def heading_key(heading):
    """A column heading reduced to what identifies it: "Num_of_Items " -> "numofitems"."""
    return re.sub(r"[\s_\-()（）:：./]+", "", str(heading or "")).casefold()


def column_index(headings, columns=COLUMNS):
    """{field: position} for the headings of a file; unknown headings are left out."""
    wanted = {heading_key(alias): field for field, aliases in columns.items() for alias in aliases}
    found = {}
    for position, heading in enumerate(headings):
        field = wanted.get(heading_key(heading))
        if field and field not in found:
            found[field] = position
    return found


def language_code(value):
    """The book's language for a MARC or spreadsheet value, "other" when unknown."""
    key = str(value or "").strip().casefold()
    if not key:
        return ""
    return LANGUAGES.get(key, "other")


def marc_format(tags):
    """ "unimarc" for a record whose fields (`tags`) are CNMARC's, else "marc21".

    A title in 200 and none in 245 is UNIMARC: 245 is the MARC21 title and 200 is undefined
    there, while UNIMARC has no 245. A record with both is read as MARC21, as before.
    """
    tags = set(tags)
    if UNIMARC_TITLE in tags and MARC_TITLE not in tags:
        return "unimarc"
    return "marc21"
