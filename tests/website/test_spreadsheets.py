"""Every CSV the admin exports quotes a cell a spreadsheet would run as a formula."""

import pytest

from wagtail.admin.views.mixins import SpreadsheetExportMixin

from website.core.spreadsheets import SafeSpreadsheetMixin, safe_cell


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_a_formula_like_cell_is_quoted_and_figures_stay_figures():
    assert safe_cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert safe_cell("+1") == "'+1" and safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell("三体") == "三体" and safe_cell(12) == 12 and safe_cell(None) == ""


def test_every_exporting_admin_view_of_the_project_quotes_formulas(client):
    from django.urls import get_resolver

    assert get_resolver().url_patterns  # loading them imports every admin view module
    ours = [
        view
        for view in _subclasses(SpreadsheetExportMixin)
        if view.__module__.split(".")[0] in {"reading", "guides", "website"}
        and getattr(view, "list_export", None)
    ]
    assert ours, "no exporting view found"
    missing = [
        f"{v.__module__}.{v.__name__}" for v in ours if not issubclass(v, SafeSpreadsheetMixin)
    ]
    assert missing == []


@pytest.mark.django_db
def test_the_suggestions_csv_quotes_a_title_a_reader_typed(client, home):
    from reading import suggestions
    from tests.factories import BookFactory, UserFactory

    suggestions.suggest(
        BookFactory(title="=HYPERLINK(1)", copies=0, call_number="", ebook_url="", mms_id="")
    )
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get("/admin/reading/suggestions/", {"export": "csv"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in body
