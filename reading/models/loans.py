"""Circulation figures per book and period, imported from the catalogue's loan reports.

The paper measures a campaign by its loans (403 recommended books, 18.3 loans each on
average) and buys more print copies of the books in demand; these rows are what those
figures are computed from. A period is the label the circulation report uses ("2024",
"2024-09", "2023-2024 学年"), kept as text so that any reporting calendar fits.
"""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

__all__ = ["Loan", "LoanReportSettings"]


class Loan(models.Model):
    """How many times a book was lent in one period; one row per book and period."""

    book = models.ForeignKey(
        "reading.Book", verbose_name=_("book"), on_delete=models.CASCADE, related_name="loans"
    )
    period = models.CharField(
        _("period"), max_length=40, help_text=_("For example 2024, 2024-09 or 2023-2024.")
    )
    loans = models.PositiveIntegerField(_("loans"), default=0)
    imported_at = models.DateTimeField(_("imported"), auto_now=True)

    class Meta:
        verbose_name = _("loan figure")
        verbose_name_plural = _("loan figures")
        ordering = ["book", "period"]
        constraints = [
            models.UniqueConstraint(fields=["book", "period"], name="reading_loan_book_period")
        ]

    def __str__(self):
        return f"{self.book.title} · {self.period}: {self.loans}"


@register_setting(icon="table")
class LoanReportSettings(BaseSiteSetting):
    """The editors' threshold for suggesting more print copies of a book."""

    buy_more_threshold = models.DecimalField(
        _("loans per copy that suggest buying more"),
        max_digits=6,
        decimal_places=1,
        default=Decimal("5.0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_(
            "A print book whose loans per copy in the chosen period reach this number "
            "is listed under “buy more copies”."
        ),
    )

    panels = [FieldPanel("buy_more_threshold")]

    class Meta:
        verbose_name = _("loan report settings")
