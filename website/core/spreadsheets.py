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
