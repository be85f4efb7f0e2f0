"""What every CSV the admin writes shares: cells a spreadsheet cannot mistake for formulas.

Names, titles and check-ins come from readers; a cell such as "=HYPERLINK(…)" would run when a
librarian opens the export. One rule, for every export."""

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value as a spreadsheet should show it: text that starts like a formula is quoted."""
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


class SafeSpreadsheetMixin:
    """For every admin view that exports (Wagtail's `list_export`): Wagtail's XLSX export keeps
    a formula-like cell as text, its CSV export writes it as it is; this writes it quoted."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == getattr(self, "FORMAT_CSV", "csv"):
            return safe_cell(value)
        return value
