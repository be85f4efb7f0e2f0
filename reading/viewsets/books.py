"""The admin for books: the snippet listing with search, filters and chooser, and the
catalogue-import, loan-import and loan-report views that belong with it.

An upload is previewed before anything is stored: the file is kept in the default storage
under a random name known only to the uploader's session, imported with `dry_run=True` to
show what would change, and imported for real (the same code) when the editor confirms.
"""

import csv
import re
import uuid
from decimal import Decimal

import django_filters

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.generic import View

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from reading import loan_reports, report_charts
from reading.importers import import_books, import_loans
from reading.models import Book
from website.core.spreadsheets import SafeSpreadsheetMixin, safe_cell
from website.search.cjk import has_cjk, query_text

HOLDING_CHOICES = [
    ("both", _("Print and e-book")),
    ("print", _("Print only")),
    ("ebook", _("E-book only")),
    ("none", _("Not held")),
]


def filter_holding(queryset, name, value):
    return queryset.with_holding_status(value) if value else queryset


class BookFilterSet(WagtailFilterSet):
    holding = django_filters.ChoiceFilter(
        label=_("Holding"), choices=HOLDING_CHOICES, method=filter_holding
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=Book._meta.get_field("language").choices
    )
    subject = django_filters.CharFilter(
        label=_("Subject"), field_name="subjects__name", lookup_expr="iexact", distinct=True
    )
    year = django_filters.NumberFilter(label=_("Year"), field_name="year")

    class Meta:
        model = Book
        fields = []


class BookIndexView(SafeSpreadsheetMixin, IndexView):
    """Searching for part of a Chinese title (学森 in 钱学森传) needs the bigram rewrite."""

    def get_base_queryset(self):
        # the listing's holding column and the export's e-book columns read every platform
        return super().get_base_queryset().prefetch_related("ebooks")

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        # the index searched on every book, then narrowed to the filtered ones: the holding
        # and subject filters are relations, which a search backend cannot filter on
        query = self.search_query
        text = query_text(query) if has_cjk(query) else query
        hits = Book.objects.search(text, operator="and")
        return queryset.filter(pk__in=[hit.pk for hit in hits])

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        user = self.request.user
        if user.has_perms(["reading.add_book", "reading.change_book"]):
            buttons.append(
                HeaderButton(
                    _("Import from the catalogue"),
                    url=reverse("wagtailsnippets_reading_book:import"),
                    icon_name="upload",
                )
            )
        if user.has_perm("reading.change_book"):
            buttons.append(
                HeaderButton(
                    _("Import loans"),
                    url=reverse("wagtailsnippets_reading_book:import_loans"),
                    icon_name="upload",
                )
            )
        if user.has_perm("reading.view_book") or user.has_perm("reading.change_book"):
            buttons.append(
                HeaderButton(
                    _("Loan report"),
                    url=reverse("wagtailsnippets_reading_book:loan_report"),
                    icon_name="table",
                )
            )
        return buttons


# Uploads: preview, then confirm ---------------------------------------------------------------


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "A catalogue export: CSV, Excel (.xlsx), MARC21 or CNMARC (.mrc, .iso) or "
            "MARCXML. The format is recognised from the file itself."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = getattr(settings, "BOOK_IMPORT_MAX_BYTES", 200 * 1024 * 1024)
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s MB; import it with the command instead.")
                % {"limit": limit // (1024 * 1024)}
            )
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        return upload


class LoanUploadForm(UploadForm):
    period = forms.CharField(
        label=_("Period"),
        max_length=40,
        required=False,
        help_text=_("For rows that give no period, for example 2024."),
    )


class ImportView(WagtailAdminTemplateMixin, View):
    """Upload → preview of the changes → confirm. One class for books and for loans."""

    template_name = "reading/books/admin/import.html"
    header_icon = "upload"
    form_class = UploadForm
    permissions = ["reading.add_book", "reading.change_book"]
    session_key = "reading_book_import"
    storage_prefix = "imports/books"
    page_title = _("Import books from the catalogue")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perms(self.permissions):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("wagtailsnippets_reading_book:list"), "label": _("Books")},
            {"url": "", "label": self.get_page_title()},
        ]

    def run(self, fileobj, options, dry_run):
        return import_books(fileobj, dry_run=dry_run)

    def options(self, form):
        return {}

    def get(self, request):
        """The upload form; with `?show=problems` (or `all`) and an upload waiting, its preview
        again, so that a long file's rejected rows and notes can be read without its changes."""
        pending = request.session.get(self.session_key)
        show = request.GET.get("show")
        if show in {"problems", "all"} and pending and default_storage.exists(pending["name"]):
            with default_storage.open(pending["name"], "rb") as fileobj:
                report = self.run(fileobj, pending.get("options", {}), dry_run=True)
            return self.render_to_response(
                self.get_context_data(
                    form=self.form_class(),
                    report=report,
                    filename=pending["filename"],
                    problems_only=show == "problems",
                )
            )
        return self.render_to_response(self.get_context_data(form=self.form_class()))

    def post(self, request):
        if request.POST.get("action") == "confirm":
            return self.confirm(request)
        if request.POST.get("action") == "cancel":
            self.discard(request)
            return redirect(request.path)
        form = self.form_class(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        self.discard(request)
        upload = form.cleaned_data["file"]
        name = default_storage.save(f"{self.storage_prefix}/{uuid.uuid4().hex}", upload)
        upload.seek(0)
        report = self.run(upload.file, self.options(form), dry_run=True)
        if report.ok:
            request.session[self.session_key] = {
                "name": name,
                "filename": upload.name[:200],
                "options": self.options(form),
            }
        else:
            default_storage.delete(name)
        return self.render_to_response(
            self.get_context_data(form=form, report=report, filename=upload.name)
        )

    def confirm(self, request):
        pending = request.session.get(self.session_key)
        if not pending or not default_storage.exists(pending["name"]):
            messages.error(request, _("The upload has expired; please upload the file again."))
            return redirect(request.path)
        with default_storage.open(pending["name"], "rb") as fileobj:
            report = self.run(fileobj, pending.get("options", {}), dry_run=False)
        self.discard(request)
        if report.ok:
            messages.success(request, report.summary())
        else:
            messages.error(request, report.summary())
        return self.render_to_response(
            self.get_context_data(
                form=self.form_class(), report=report, filename=pending["filename"], done=True
            )
        )

    def discard(self, request):
        pending = request.session.pop(self.session_key, None)
        if pending and pending.get("name", "").startswith(self.storage_prefix + "/"):
            default_storage.delete(pending["name"])


class LoanImportView(ImportView):
    form_class = LoanUploadForm
    permissions = ["reading.change_book"]
    session_key = "reading_loan_import"
    storage_prefix = "imports/loans"
    page_title = _("Import loan figures")

    def run(self, fileobj, options, dry_run):
        return import_loans(fileobj, period=options.get("period") or None, dry_run=dry_run)

    def options(self, form):
        return {"period": form.cleaned_data.get("period", "")}


# Loan report ---------------------------------------------------------------------------------


class LoanReportForm(forms.Form):
    books = forms.ChoiceField(label=_("Books"), required=False)
    period = forms.ChoiceField(label=_("Period"), required=False)
    threshold = forms.DecimalField(
        label=_("Loans per copy that suggest buying more"),
        required=False,
        min_value=Decimal("0"),
        max_digits=6,
        decimal_places=1,
        help_text=_("Leave empty to use the value in the loan report settings."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = []
        for scope in loan_reports.SCOPES.values():
            if scope.choices is None:
                choices.append((scope.key, scope.label))
            else:
                options = [(f"{scope.key}:{value}", label) for value, label in scope.choices()]
                if options:
                    choices.append((scope.label, options))
        self.fields["books"].choices = choices
        self.fields["period"].choices = [("", _("All periods"))] + [
            (p, p) for p in loan_reports.periods()
        ]

    def scope_and_value(self):
        key, _sep, value = (self.cleaned_data.get("books") or "all").partition(":")
        return loan_reports.SCOPES.get(key, loan_reports.SCOPES["all"]), value

    def books_label(self):
        chosen = self.cleaned_data.get("books") or "all"
        for value, label in self.fields["books"].choices:
            if isinstance(label, list | tuple):
                for inner_value, inner_label in label:
                    if inner_value == chosen:
                        return f"{value}: {inner_label}"
            elif value == chosen:
                return label
        return loan_reports.SCOPES["all"].label


class _Echo:
    def write(self, value):
        return value


class LoanReportView(WagtailAdminTemplateMixin, View):
    template_name = "reading/books/admin/loan_report.html"
    header_icon = "table"
    page_title = _("Loan report")

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not (user.has_perm("reading.view_book") or user.has_perm("reading.change_book")):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("wagtailsnippets_reading_book:list"), "label": _("Books")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get(self, request):
        params = request.GET.copy()
        params.pop("download", None)
        form = LoanReportForm(params)
        period = threshold = None
        if form.is_valid():
            period = form.cleaned_data["period"] or None
            threshold = form.cleaned_data["threshold"]
        else:
            form.cleaned_data = {}
        scope, value = form.scope_and_value()
        label = form.books_label()
        books = scope.books(value)
        summary = loan_reports.loan_summary(books, period=period, threshold=threshold)
        download = request.GET.get("download")
        if download in {"summary", "books", "buy_more"}:
            return self.csv_response(download, summary, books, period, label)
        return self.render_to_response(
            self.get_context_data(
                form=form,
                summary=summary,
                books_label=label,
                query=params.urlencode(),
                loans_chart=report_charts.loans_by_period(books),
            )
        )

    def csv_response(self, kind, summary, books, period, books_label):
        writer = csv.writer(_Echo())
        # Strings are made now: the response streams after the admin's language is reset.
        yes = str(_("yes"))
        columns = [
            pgettext_lazy("book", "Title"),
            _("Authors"),
            "ISBN",
            _("MMS ID"),
            _("Call number"),
            _("Copies"),
            _("Loans"),
            _("Loans per copy"),
            _("Buy more"),
        ]
        buy_more_ids = {book.pk for book in summary.buy_more}

        def book_row(book):
            per_copy = round(book.loan_total / book.copies, 1) if book.copies else ""
            return [
                safe_cell(v)
                for v in (
                    book.title,
                    book.authors,
                    book.isbn13,
                    book.mms_id,
                    book.call_number,
                    book.copies,
                    book.loan_total,
                    per_copy,
                    yes if book.pk in buy_more_ids else "",
                )
            ]

        figures = [
            (_("Books"), books_label),
            (_("Period"), period or _("All periods")),
            (_("Number of books"), summary.book_count),
            (_("Books borrowed at least once"), summary.books_with_loans),
            (_("Total loans"), summary.total_loans),
            (_("Average loans per book"), summary.average_loans),
            (_("Loans per copy that suggest buying more"), summary.threshold),
            (_("Books to buy more copies of"), len(summary.buy_more)),
        ]
        figures = [[safe_cell(label), safe_cell(value)] for label, value in figures]
        heading = [str(_("Figure")), str(_("Value"))]
        columns = [str(column) for column in columns]

        def rows():
            yield "\ufeff"  # Excel opens UTF-8 Chinese correctly only with the BOM
            if kind == "summary":
                yield writer.writerow(heading)
                for figure in figures:
                    yield writer.writerow(figure)
                return
            yield writer.writerow(columns)
            if kind == "buy_more":
                chosen = summary.buy_more
            else:
                chosen = (
                    loan_reports.books_with_loans(
                        Book.objects.filter(pk__in=books.values("pk")), period
                    )
                    .order_by("-loan_total", "title")
                    .iterator(chunk_size=1000)
                )
            for book in chosen:
                yield writer.writerow(book_row(book))

        filename = {"summary": "loan-summary", "books": "loans-by-book", "buy_more": "buy-more"}[
            kind
        ]
        safe_period = re.sub(r"[^A-Za-z0-9_-]+", "", period or "")
        suffix = f"-{safe_period}" if safe_period else ""
        response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}{suffix}.csv"'
        return response


class BookViewSet(SnippetViewSet):
    model = Book
    icon = "doc-full"
    menu_label = _("Books")
    menu_order = 210
    add_to_admin_menu = True
    index_view_class = BookIndexView
    filterset_class = BookFilterSet
    list_display = [
        "title",
        "authors",
        "isbn13",
        "call_number",
        Column("get_holding_status_display", label=_("Holding")),
        "updated_at",
    ]
    list_export = [
        "title",
        "subtitle",
        "authors",
        "isbn13",
        "publisher",
        "year",
        "mms_id",
        "call_number",
        "location",
        "copies",
        "ebook_platforms",
        "ebook_urls",
    ]
    export_headings = {
        "ebook_platforms": _("e-book platforms"),
        "ebook_urls": _("e-book links"),
    }
    export_filename = "books"
    list_per_page = 50
    inspect_view_enabled = True

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("import/", ImportView.as_view(), name="import"),
            path("import-loans/", LoanImportView.as_view(), name="import_loans"),
            path("loan-report/", LoanReportView.as_view(), name="loan_report"),
        ]
