"""Catalogue imports: books (CSV, Excel, MARC21 and CNMARC, binary or MARCXML) and loan
figures (CSV, Excel).

Used by the `import_books` and `import_loans` commands and by the admin upload views, so
that both give the same result and the same report.
"""

from .books import import_books
from .loans import import_loans
from .readers import UnreadableFile, detect_format
from .report import ImportReport

__all__ = ["ImportReport", "UnreadableFile", "detect_format", "import_books", "import_loans"]
