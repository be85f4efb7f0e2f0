"""Import circulation figures: loans per book and period, from CSV or Excel.

Each row names a book by MMS ID or ISBN, a number of loans and a period. Rows for the same
book and period are added up (Alma Analytics can list a title once per item or per library),
and the total replaces what was stored for that period, so importing the same report twice
changes nothing.
"""

from django.utils.translation import gettext as _

from reading import isbn as isbn_tools
from reading.models import Book, BookISBN, Loan

from . import mapping, readers
from .books import run_atomically
from .records import _cell_text
from .report import ImportReport


def import_loans(fileobj, *, period=None, dry_run=False):
    """Import a loans file; `period` is used for rows (or files) that give none."""
    report = ImportReport(dry_run=dry_run)
    run_atomically(lambda: _run(fileobj, report, period), report, dry_run=dry_run)
    return report


def _run(fileobj, report, default_period):
    kind, rows = readers.open_rows(fileobj, columns_kind="loans")
    report.format = kind
    columns = None
    totals = {}  # (book_id, period) -> [loans, first position]
    titles = {}
    for row in rows:
        if columns is None:
            columns = mapping.column_index(row.data, mapping.LOAN_COLUMNS)
            if "loans" not in columns or not ({"isbn", "mms_id"} & set(columns)):
                raise readers.UnreadableFile(
                    _(
                        "the first row must name the columns: an ISBN or MMS ID column and a "
                        "loans column (for example ISBN, Loans, Period)."
                    )
                )
            if "period" not in columns and not default_period:
                raise readers.UnreadableFile(
                    _("the file has no period column; give the period (for example 2024).")
                )
            continue

        def cell(name, cells=row.data, columns=columns):
            position = columns.get(name)
            if position is None or position >= len(cells):
                return ""
            return _cell_text(cells[position])

        period = (cell("period") or default_period or "").strip()[:40]
        if not period:
            report.reject(row.position, _("missing period"))
            continue
        try:
            loans = int(float(cell("loans") or 0))
        except ValueError:
            report.reject(
                row.position, _("“%(value)s” is not a number of loans") % {"value": cell("loans")}
            )
            continue
        if loans < 0:
            report.reject(row.position, _("a number of loans cannot be negative"))
            continue
        book_id = _find_book(cell("mms_id"), cell("isbn"))
        if isinstance(book_id, str):
            report.reject(row.position, book_id, cell("mms_id") or cell("isbn"))
            continue
        entry = totals.setdefault((book_id, period), [0, row.position])
        entry[0] += loans
    if columns is None:
        raise readers.UnreadableFile(_("the file has no rows."))

    existing = {
        (loan.book_id, loan.period): loan
        for loan in Loan.objects.filter(book_id__in={key[0] for key in totals})
    }
    titles = dict(Book.objects.filter(pk__in={key[0] for key in totals}).values_list("pk", "title"))
    fresh = []
    for (book_id, period), (loans, position) in totals.items():
        loan = existing.get((book_id, period))
        label = f"{titles.get(book_id, '')} · {period}"
        if loan is None:
            fresh.append(Loan(book_id=book_id, period=period, loans=loans))
            report.record_change(position, "create", label, ["loans"])
        elif loan.loans != loans:
            loan.loans = loans
            loan.save(update_fields=["loans", "imported_at"])
            report.record_change(position, "update", label, ["loans"])
        else:
            report.unchanged += 1
    Loan.objects.bulk_create(fresh, batch_size=500)


def _find_book(mms_id, isbn):
    """The book's pk, or the reason (a str) why no book is found."""
    if mms_id:
        found = Book.objects.filter(mms_id=mms_id).values_list("pk", flat=True).first()
        if found:
            return found
    if isbn:
        try:
            code = isbn_tools.normalise(isbn_tools.extract(isbn) or isbn)
        except isbn_tools.InvalidISBN as exc:
            return _("bad ISBN: %(error)s") % {"error": exc}
        found = BookISBN.objects.filter(isbn=code).values_list("book_id", flat=True).first()
        if found:
            return found
        return _("no book has ISBN %(isbn)s") % {"isbn": code}
    if mms_id:
        return _("no book has MMS ID %(mms_id)s") % {"mms_id": mms_id}
    return _("the row gives neither an ISBN nor an MMS ID")
