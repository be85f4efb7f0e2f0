"""Listing columns for the admin's reports: a number with its bar.

A report that counts (loans, recommendations, books per theme) reads at a glance when each
count carries a bar scaled to the largest on the page. The number stays text, so a screen
reader and the CSV export get the same figure; the bar is an SVG drawn by attributes (the
admin's Content-Security-Policy refuses inline styles) and hidden from assistive technology.
"""

from wagtail.admin.ui.tables import Column


def bar_percent(value, largest):
    """The bar's length in percent of the largest value (a non-zero value is never 0)."""
    if not value or not largest:
        return 0
    return max(1, round(100 * value / largest))


class BarColumn(Column):
    cell_template_name = "core/admin/bar_cell.html"

    def largest(self, table):
        cache = table.__dict__.setdefault("_bar_largest", {})
        if self.name not in cache:
            cache[self.name] = max((self.get_value(row) or 0 for row in table.data), default=0)
        return cache[self.name]

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["percent"] = bar_percent(
            self.get_value(instance) or 0, self.largest(parent_context["table"])
        )
        return context
