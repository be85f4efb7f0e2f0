"""Reports → Loans before and after: each campaign's and shelf's books, borrowed before and
after they were promoted, beside the books of the same subjects that were not (see
reading.loan_effects for the comparison and why it is made so). Whoever reads the loan
figures (the permission to view loans) reads it; the figures are counts, with nobody named.
"""

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale

from reading import loan_effects
from reading.models import CampaignPage, ShelfPage
from website.core.spreadsheets import SafeSpreadsheetMixin

PERMISSION = "reading.view_loan"


class ValueColumn(Column):
    """A figure, or a dash where there is nothing to compare."""

    def get_value(self, instance):
        value = super().get_value(instance)
        return "—" if value is None else value


class PercentColumn(Column):
    def get_value(self, instance):
        value = super().get_value(instance)
        return "—" if value is None else f"{value:+d}\u00a0%"


class BeforeAfterColumn(Column):
    """A side's loans per period, before → after, in one cell (the table fits a screen)."""

    def get_value(self, instance):
        side = super().get_value(instance)
        if not side.books:
            return "—"
        return f"{side.before}\u00a0→\u00a0{side.after}"


class LoanEffectsView(SafeSpreadsheetMixin, ReportView):
    page_title = _("Loans before and after")
    header_icon = "table"
    template_name = "reading/books/admin/loan_effects.html"
    index_url_name = "reading_report_loan_effects"
    index_results_url_name = "reading_report_loan_effects_results"
    paginate_by = None
    columns = [
        Column("label", label=_("Campaign or shelf")),
        Column("kind_label", label=_("Kind")),
        ValueColumn("promoted.books", label=_("Books compared")),
        BeforeAfterColumn("promoted", label=_("Loans per period, before → after")),
        PercentColumn("promoted.change_percent", label=pgettext_lazy("loans", "Change")),
        ValueColumn("compared.books", label=_("Same-subject books not promoted")),
        BeforeAfterColumn("compared", label=_("Their loans per period, before → after")),
        PercentColumn("compared.change_percent", label=_("Their change")),
        ValueColumn("difference", label=_("Difference (loans per period)")),
        ValueColumn("left_out", label=_("Books left out")),
    ]
    list_export = [
        "kind_label",
        "label",
        "promoted.books",
        "promoted.before",
        "promoted.after",
        "promoted.change",
        "compared.books",
        "compared.before",
        "compared.after",
        "compared.change",
        "difference",
        "left_out",
    ]
    export_headings = {
        "kind_label": _("Kind"),
        "label": _("Campaign or shelf"),
        "promoted.books": _("Books compared"),
        "promoted.before": _("Loans per period before"),
        "promoted.after": _("Loans per period after"),
        "promoted.change": _("Change (loans per period)"),
        "compared.books": _("Same-subject books not promoted"),
        "compared.before": _("Their loans per period before"),
        "compared.after": _("Their loans per period after"),
        "compared.change": _("Their change (loans per period)"),
        "difference": _("Difference (loans per period)"),
        "left_out": _("Books left out (no period on one side)"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return "loans-before-and-after"

    def get_queryset(self):
        default = Locale.get_default()
        campaigns = list(CampaignPage.objects.live().filter(locale=default).order_by("title"))
        shelves = list(ShelfPage.objects.live().filter(locale=default).order_by("title"))
        groups = loan_effects.campaign_groups(campaigns) + loan_effects.shelf_groups(shelves)
        effects = loan_effects.compare(groups)
        kinds = {"campaign": _("Campaign"), "shelf": _("Themed shelf")}
        for effect in effects:
            effect.kind_label = kinds[effect.kind]
        return effects


class LoanEffectsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


def menu_item():
    return LoanEffectsMenuItem(
        _("Loans before and after"),
        reverse("reading_report_loan_effects"),
        icon_name="table",
        order=713,
    )


def urls():
    return [
        path(
            "reports/loans-before-and-after/",
            LoanEffectsView.as_view(),
            name="reading_report_loan_effects",
        ),
        path(
            "reports/loans-before-and-after/results/",
            LoanEffectsView.as_view(results_only=True),
            name="reading_report_loan_effects_results",
        ),
    ]
