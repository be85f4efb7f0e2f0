"""Import books from a catalogue export: match, update, never duplicate.

A row is matched to a book by its MMS ID first, then by any of its ISBNs (the book's
`BookISBN` index, so an e-book record finds the print book that lists the e-book ISBN). A
matched book takes the values the row gives and keeps the rest; a row matched by ISBN to a
book that already has another MMS ID (Alma's separate print and electronic records of one
work) adds its holding to that book instead of taking it over. That is the paper's
print–electronic integration, done at import time.

Rows are written in chunks of a few hundred with a constant number of queries per chunk
(bulk inserts and updates, one search-index call), which is what keeps 10,000 MARC records
well under a minute. The whole file is one transaction: if the file turns out to be
unreadable part-way, nothing is stored. A preview runs the same code and rolls back, and
leaves the search index alone. Indexing is queued as a background task per chunk.
"""

import gc
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taggit.models import Tag

from reading import suggestions
from reading.models import Book, BookEbook, BookISBN, BookSubject

from . import mapping, readers, records
from .covers import attach_covers
from .report import ImportReport

logger = logging.getLogger(__name__)

CHUNK = 500
SCALAR_FIELDS = [
    "title",
    "subtitle",
    "authors",
    "publisher",
    "year",
    "language",
    "summary",
    "call_number",
    "location",
    "copies",
]

SHOWN_FIELDS = SCALAR_FIELDS + ["mms_id", "isbn13", "other_isbns"]


def _shown(value, limit=80):
    text = "" if value is None else " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _ebooks_shown(book):
    return "; ".join(ebook.platform or ebook.url for ebook in book._import_ebooks)


def old_and_new(book, before, changed, added_subjects):
    """What an update changes, field by field, in the words the preview shows."""
    values = [
        (
            Book._meta.get_field(name).verbose_name,
            _shown(before.get(name)),
            _shown(getattr(book, name)),
        )
        for name in changed
        if name in before and name != "ebooks"
    ]
    if "ebooks" in changed:
        values.append(
            (
                BookEbook._meta.verbose_name_plural,
                _shown(before["ebooks"]),
                _shown(_ebooks_shown(book)),
            )
        )
    if added_subjects:
        values.append((_("subjects"), "", "、".join(added_subjects)))
    return values


class _Rollback(Exception):
    pass


def run_atomically(run, report, *, dry_run):
    """Run an import all-or-nothing: a dry run or an unreadable file leaves nothing stored,
    and a run that changed books empties the public page cache once."""
    try:
        with transaction.atomic():
            run()
            if dry_run:
                raise _Rollback
            if report.created or report.updated:
                _invalidate_page_cache()
    except _Rollback:
        pass
    except readers.UnreadableFile as exc:
        report.fail(str(exc))


def import_books(fileobj, *, dry_run=False, covers_dir=None):
    """Import a CSV, XLSX, MARC (MARC21 or CNMARC, binary or XML) file (a binary file object);
    an ImportReport.

    With `covers_dir` (the folder of the file), covers named in a Cover column are read from it.
    """
    report = ImportReport(dry_run=dry_run)
    size = _size(fileobj)
    limit = getattr(settings, "BOOK_IMPORT_MAX_BYTES", 200 * 1024 * 1024)
    if size is not None and size > limit:
        report.fail(
            _("the file is %(size)s MB; the limit is %(limit)s MB.")
            % {"size": size // (1024 * 1024), "limit": limit // (1024 * 1024)}
        )
        return report
    run_atomically(lambda: _run(fileobj, report, covers_dir), report, dry_run=dry_run)
    logger.info(
        "book import",
        extra={
            # LogRecord has its own "created": every key here is prefixed.
            "import_format": report.format,
            "import_dry_run": dry_run,
            "import_created": report.created,
            "import_updated": report.updated,
            "import_unchanged": report.unchanged,
            "import_rejected": len(report.rejected),
            "import_fatal": report.fatal,
        },
    )
    return report


def _invalidate_page_cache():
    """Bulk writes send no save signals, so tell the public page cache ourselves."""
    from website.core import cache

    cache.invalidate()


def _size(fileobj):
    try:
        position = fileobj.tell()
        fileobj.seek(0, 2)
        size = fileobj.tell()
        fileobj.seek(position)
        return size
    except (AttributeError, OSError):
        return None


def _run(fileobj, report, covers_dir=None):
    kind, rows = readers.open_rows(fileobj)
    report.format = kind
    writer = _Writer(report, covers_dir)
    columns = None
    for row in rows:
        if kind in {"csv", "xlsx"} and columns is None:
            columns = mapping.column_index(row.data)
            if "title" not in columns:
                raise readers.UnreadableFile(
                    _(
                        "the first row must name the columns, and none of them is a title "
                        "column (for example Title, 题名). Columns found: %(found)s"
                    )
                    % {"found": ", ".join(str(cell) for cell in row.data[:12])}
                )
            continue
        if isinstance(row.data, readers.BadRecord):
            report.reject(row.position, row.data.reason)
            continue
        try:
            if columns is not None:
                data = records.from_row(row.data, columns)
            else:
                report.count_record_format(records.record_format(row.data))
                data = records.from_marc(row.data)
        except records.Rejected as exc:
            report.reject(row.position, str(exc), _label(row.data, columns))
            continue
        writer.add(row.position, data)
    writer.flush()
    if columns is None and kind in {"csv", "xlsx"}:
        raise readers.UnreadableFile(_("the file has no rows."))


def _label(data, columns):
    """Something to recognise a rejected row by: its title or its identifier."""
    try:
        if columns is not None:
            for name in ("title", "mms_id", "isbn"):
                if name in columns and columns[name] < len(data) and str(data[columns[name]]):
                    return str(data[columns[name]])[:80]
            return ""
        if hasattr(data, "get"):
            title = data.get(mapping.MARC_TITLE) or data.get(mapping.UNIMARC_TITLE)
            if title is not None and title.get_subfields("a"):
                return title.get_subfields("a")[0][:80]
            control = data.get("001")
            if control is not None:
                return control.data[:40]
    except Exception:  # a label is a courtesy; never fail the import for it
        logger.debug("no label for a rejected row", exc_info=True)
    return ""


class _Writer:
    """Matches and writes rows a chunk at a time."""

    def __init__(self, report, covers_dir=None):
        self.report = report
        self.covers_dir = covers_dir
        self.pending = []
        self.tags = {}

    def add(self, position, data):
        for warning in data.warnings:
            self.report.warn(position, warning)
        self.pending.append((position, data))
        if len(self.pending) >= CHUNK:
            self.flush()

    def flush(self):
        if not self.pending:
            return
        pending, self.pending = self.pending, []
        mms_ids = {data.fields["mms_id"] for _p, data in pending if data.fields.get("mms_id")}
        isbns = {code for _p, data in pending for code in data.isbns}
        books = {}
        for book in Book.objects.filter(mms_id__in=mms_ids):
            books[book.pk] = book
        entries = list(BookISBN.objects.filter(isbn__in=isbns).values_list("isbn", "book_id"))
        missing = {book_id for _i, book_id in entries} - set(books)
        for book in Book.objects.filter(pk__in=missing):
            books[book.pk] = book
        # Keys of the chunk's books, new ones included (by id() until they have a pk).
        by_mms = {book.mms_id: book for book in books.values() if book.mms_id}
        by_isbn = {code: books[book_id] for code, book_id in entries}
        subjects = {}
        for book_id, name in BookSubject.objects.filter(content_object_id__in=books).values_list(
            "content_object_id", "tag__name"
        ):
            subjects.setdefault(book_id, set()).add(name)
        ebooks = {}
        for ebook in BookEbook.objects.filter(book__in=books).order_by("sort_order", "pk"):
            ebooks.setdefault(ebook.book_id, []).append(ebook)
        for book in books.values():
            book._import_isbns = set(book.all_isbns)
            book._import_ebooks = ebooks.get(book.pk, [])

        created, updated, new_subjects, covers = [], {}, [], []
        for position, data in pending:
            book, matched_by = self._match(data, by_mms, by_isbn, position)
            if book is None:
                book = Book(copies=0, language="")
                book._import_isbns = set()
                book._import_ebooks = []
                book._import_new = True
                created.append(book)
                matched_by = "new"
                current_subjects = set()
                subjects[id(book)] = current_subjects
            else:
                key = book.pk if book.pk else id(book)
                current_subjects = subjects.setdefault(key, set())
            before = {name: getattr(book, name) for name in SHOWN_FIELDS} if book.pk else {}
            if book.pk:
                before["ebooks"] = _ebooks_shown(book)
            changed = self._apply(book, data, matched_by, by_isbn, position)
            added = [name for name in data.subjects if name not in current_subjects]
            current_subjects.update(added)
            new_subjects.extend((book, name) for name in added)
            if matched_by == "new":
                self.report.record_change(position, "create", book.title)
            elif changed or added:
                if book.pk:
                    updated[book.pk] = book
                self.report.record_change(
                    position,
                    "update",
                    book.title,
                    changed + (["subjects"] if added else []),
                    values=old_and_new(book, before, changed, added),
                )
            else:
                self.report.unchanged += 1
            if data.cover and self.covers_dir is not None:
                covers.append((position, book, data.cover))
            if book.mms_id:
                by_mms.setdefault(book.mms_id, book)
            for code in book._import_isbns:
                by_isbn.setdefault(code, book)

        self._write(created, list(updated.values()), new_subjects)
        if covers:
            attach_covers(covers, self.covers_dir, self.report)
        # Model instances and querysets hold reference cycles; collecting them per chunk
        # keeps the peak at one chunk's worth instead of however many chunks the
        # collector's own schedule lets pile up.
        gc.collect()

    def _match(self, data, by_mms, by_isbn, position):
        mms_id = data.fields.get("mms_id")
        if mms_id and mms_id in by_mms:
            return by_mms[mms_id], "mms"
        found = [by_isbn[code] for code in data.isbns if code in by_isbn]
        if not found:
            return None, None
        book = found[0]
        others = {other.title for other in found[1:] if other is not book}
        if others:
            self.report.warn(
                position,
                _(
                    "its ISBNs belong to several books; it was matched to “%(book)s”, "
                    "not to %(others)s"
                )
                % {"book": book.title, "others": "、".join(sorted(others))},
            )
        return book, "isbn"

    def _apply(self, book, data, matched_by, by_isbn, position):
        """Set the row's values on the book; the names of the fields that changed."""
        changed = []
        for name in SCALAR_FIELDS:
            if name in data.fields and getattr(book, name) != data.fields[name]:
                setattr(book, name, data.fields[name])
                changed.append(name)
        if self._apply_ebooks(book, data):
            changed.append("ebooks")
        mms_id = data.fields.get("mms_id")
        if mms_id and book.mms_id != mms_id and not book.mms_id:
            book.mms_id = mms_id
            changed.append("mms_id")

        # ISBNs another book already holds are left with that book.
        incoming = []
        for code in data.isbns:
            owner = by_isbn.get(code)
            if owner is not None and owner is not book:
                self.report.warn(
                    position,
                    _("ISBN %(isbn)s already belongs to “%(book)s” and was not added")
                    % {"isbn": code, "book": owner.title},
                )
                continue
            incoming.append(code)
        if incoming:
            primary = book.isbn13
            if matched_by in {"mms", "new"} or not primary:
                primary = incoming[0]
            others = [c for c in book.other_isbn_list + [book.isbn13] + incoming if c]
            others = list(dict.fromkeys(c for c in others if c != primary))
            other_text = "\n".join(others)
            if primary != book.isbn13:
                book.isbn13 = primary
                changed.append("isbn13")
            if other_text != book.other_isbns:
                book.other_isbns = other_text
                changed.append("other_isbns")
            book._import_isbns = {primary, *others}
        return changed

    @staticmethod
    def _apply_ebooks(book, data):
        """Add the row's platforms the book lacks and update the ones it has (by link); a
        platform the row does not name is kept, since one export rarely lists them all."""
        changed = False
        for incoming in data.ebooks:
            ebook = next((e for e in book._import_ebooks if e.url == incoming["url"]), None)
            if ebook is None:
                ebook = BookEbook(url=incoming["url"], sort_order=len(book._import_ebooks))
                ebook._import_new = True
                book._import_ebooks.append(ebook)
                changed = True
            for name in BookEbook.IMPORTED_FIELDS:
                if incoming[name] and getattr(ebook, name) != incoming[name]:
                    setattr(ebook, name, incoming[name])
                    ebook._import_dirty = changed = True
        return changed

    def _write(self, created, updated, new_subjects):
        now = timezone.now()
        if created:
            Book.objects.bulk_create(created, batch_size=CHUNK)
        if updated:
            for book in updated:
                book.updated_at = now
            Book.objects.bulk_update(
                updated,
                SCALAR_FIELDS + ["mms_id", "isbn13", "other_isbns", "updated_at"],
                batch_size=CHUNK,
            )
        self._write_isbns(created + updated)
        self._write_ebooks(created + updated)
        if new_subjects:
            self._write_subjects(new_subjects)
        if not self.report.dry_run:
            _index(created + updated)
            # a suggested book whose first copy, e-book or record this file brings is received
            suggestions.receive_held([book.pk for book in updated])

    def _write_isbns(self, books):
        if not books:
            return
        current = {}
        for code, book_id in BookISBN.objects.filter(book__in=books).values_list("isbn", "book_id"):
            current.setdefault(book_id, set()).add(code)
        stale, fresh = [], []
        for book in books:
            have = current.get(book.pk, set())
            stale.extend(have - book._import_isbns)
            fresh.extend(BookISBN(book=book, isbn=code) for code in book._import_isbns - have)
        if stale:
            BookISBN.objects.filter(isbn__in=stale).delete()
        if fresh:
            BookISBN.objects.bulk_create(fresh, batch_size=CHUNK)

    @staticmethod
    def _write_ebooks(books):
        fresh, dirty = [], []
        for book in books:
            for ebook in book._import_ebooks:
                if getattr(ebook, "_import_new", False):
                    ebook.book = book
                    fresh.append(ebook)
                elif getattr(ebook, "_import_dirty", False):
                    dirty.append(ebook)
        if fresh:
            BookEbook.objects.bulk_create(fresh, batch_size=CHUNK)
        if dirty:
            BookEbook.objects.bulk_update(dirty, BookEbook.IMPORTED_FIELDS, batch_size=CHUNK)

    def _write_subjects(self, pairs):
        names = {name for _book, name in pairs if name not in self.tags}
        if names:
            for tag in Tag.objects.filter(name__in=names):
                self.tags[tag.name] = tag
            for name in names - set(self.tags):
                self.tags[name], _created = Tag.objects.get_or_create(name=name)
        BookSubject.objects.bulk_create(
            [BookSubject(content_object=book, tag=self.tags[name]) for book, name in pairs],
            batch_size=CHUNK,
        )


def _index(books):
    """Queue the chunk's books for the search index (see tasks.py for why not here)."""
    if books:
        from .tasks import index_books

        index_books.enqueue([book.pk for book in books])
