"""Charts for the admin's reports, drawn on the server as SVG.

A librarian reads a trend (loans per term, recommendations per month, who came to the
clubs) faster from columns against a time axis than from a table. The figures are laid out
here in Python, so the chart needs no chart library, no script and nothing the admin's
Content-Security-Policy could refuse; the template draws what this module measured.
Colours come from classes in `core/admin/charts.css`, so the admin's dark theme and
forced-colour modes apply. Every chart keeps its figures as text too: each column carries
a `<title>` (a tooltip, read by screen readers), and the report shows or exports the table.
"""

from dataclasses import dataclass, field
from math import ceil, log10

from django.utils.formats import date_format
from django.utils.translation import pgettext

# Layout, in SVG user units: room for the y axis' figures on the left, the x axis' labels
# and title below, the y axis' title above.
WIDTH = 640
PLOT_HEIGHT = 180
LEFT = 48
RIGHT = 12
TOP = 28
BOTTOM = 56
RANKING_LABEL_WIDTH = 200
RANKING_ROW = 22


def month_label(month):
    # Translators: a month on a chart's axis, in Django's date format ("2026年3月" in Chinese).
    return date_format(month, pgettext("chart axis month", "M Y"))


def nice_scale(peak, ticks=4):
    """A round top for the axis and its step (0, 5, 10, 15, 20 for a peak of 17)."""
    if peak <= 0:
        return 1, 1
    raw = peak / ticks
    magnitude = 10 ** int(log10(raw)) if raw >= 1 else 1
    for factor in (1, 2, 2.5, 5, 10):
        step = factor * magnitude
        if step >= raw and float(step).is_integer():
            break
    step = int(step)
    return step * ceil(peak / step), step


@dataclass
class Series:
    """One kind of column (loans, sign-ups, attended), with its legend label."""

    label: str
    css_class: str = "chart-series-1"


@dataclass
class ColumnChart:
    """Columns per period (a month, a term), one column per series in each period."""

    title: str
    x_title: str
    y_title: str
    series: list
    template_name = "core/admin/column_chart.html"
    categories: list = field(default_factory=list)  # the x axis' labels, oldest first
    values: list = field(default_factory=list)  # one list per category, a value per series
    name: str = "chart"  # the figure's id on the page

    def add(self, category, *values):
        self.categories.append(str(category))
        self.values.append([v or 0 for v in values])

    @property
    def empty(self):
        return not any(any(row) for row in self.values)

    def layout(self):
        """Positions of every column, tick and label, for `core/admin/column_chart.html`."""
        peak = max((max(row) for row in self.values if row), default=0)
        top, step = nice_scale(peak)
        plot_width = WIDTH - LEFT - RIGHT
        slot = plot_width / max(len(self.categories), 1)
        gap = slot * 0.2
        column = max((slot - gap) / max(len(self.series), 1), 0.5)
        baseline = TOP + PLOT_HEIGHT
        widest = max((text_width(c) for c in self.categories), default=0)
        every = max(1, ceil((widest + 8) / slot))
        columns, labels = [], []
        for index, (category, row) in enumerate(zip(self.categories, self.values, strict=True)):
            x = LEFT + index * slot + gap / 2
            for number, (series, value) in enumerate(zip(self.series, row, strict=False)):
                height = round(value / top * PLOT_HEIGHT, 1)
                columns.append(
                    {
                        "x": round(x + number * column, 1),
                        "y": round(baseline - height, 1),
                        "width": round(column, 1),
                        "height": height,
                        "css_class": series.css_class,
                        "tooltip": f"{category} · {series.label}: {value}",
                    }
                )
            if index % every == 0:
                labels.append({"x": round(LEFT + (index + 0.5) * slot, 1), "text": category})
        ticks = [
            {"y": round(baseline - value / top * PLOT_HEIGHT, 1), "value": value}
            for value in range(0, top + 1, step)
        ]
        return {
            "width": WIDTH,
            "height": TOP + PLOT_HEIGHT + BOTTOM,
            "left": LEFT,
            "right": WIDTH - RIGHT,
            "top": TOP,
            "baseline": baseline,
            "label_y": baseline + 16,
            "x_title_y": baseline + 44,
            "x_title_x": LEFT + plot_width / 2,
            "columns": columns,
            "labels": labels,
            "ticks": ticks,
        }


def _is_wide(char):
    return ord(char) >= 0x2E80  # CJK, kana, full-width forms: about twice a Latin letter


def text_width(text):
    """The width of a label at the charts' 12px, near enough to keep labels apart."""
    return sum(12 if _is_wide(char) else 7 for char in text)


def _shorten(text, limit=RANKING_LABEL_WIDTH - 12):
    """A label that fits beside its bar, cut with an ellipsis (the tooltip keeps it whole)."""
    if text_width(text) <= limit:
        return text
    kept, width = [], 12
    for char in text:
        width += 12 if _is_wide(char) else 7
        if width > limit:
            break
        kept.append(char)
    return "".join(kept) + "…"


@dataclass
class RankingChart:
    """The top few (books, themes) as horizontal bars against a value axis."""

    title: str
    x_title: str
    rows: list = field(default_factory=list)  # [(label, value)], largest first
    limit: int = 10
    template_name = "core/admin/ranking_chart.html"
    css_class: str = "chart-series-1"
    name: str = "ranking"

    @property
    def empty(self):
        return not any(value for _label, value in self.rows)

    def layout(self):
        rows = self.rows[: self.limit]
        top, step = nice_scale(max((value for _label, value in rows), default=0))
        left = RANKING_LABEL_WIDTH
        plot_width = WIDTH - left - RIGHT
        top_margin = 8
        bottom = top_margin + len(rows) * RANKING_ROW
        bars = []
        for index, (label, value) in enumerate(rows):
            y = top_margin + index * RANKING_ROW
            bars.append(
                {
                    "y": y + 3,
                    "text_y": y + RANKING_ROW / 2 + 4,
                    "width": round(value / top * plot_width, 1),
                    "label": _shorten(str(label)),
                    "tooltip": f"{label}: {value}",
                    "value": value,
                }
            )
        ticks = [
            {"x": round(left + value / top * plot_width, 1), "value": value}
            for value in range(0, top + 1, step)
        ]
        return {
            "width": WIDTH,
            "height": bottom + 44,
            "left": left,
            "top": top_margin,
            "bottom": bottom,
            "bar_height": RANKING_ROW - 6,
            "label_x": left - 6,
            "tick_y": bottom + 14,
            "x_title_x": left + plot_width / 2,
            "x_title_y": bottom + 36,
            "bars": bars,
            "ticks": ticks,
            "css_class": self.css_class,
        }


class ChartedReportMixin:
    """A Wagtail ReportView with charts above its table (`core/admin/charted_report.html`).

    `get_charts(top)` receives the report's first rows, taken from the page already fetched
    for the table when it is the first page, so the top ten costs no query of its own. No
    chart is built for an export or for the table refreshed alone.
    """

    template_name = "core/admin/charted_report.html"
    top_count = 10

    def get_charts(self, top):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not (getattr(self, "is_export", False) or self.results_only):
            context["charts"] = self.get_charts(self._top_rows(context))
        return context

    def _top_rows(self, context):
        page = context.get("page_obj")
        if page is None or page.number == 1:
            return list(context["object_list"])[: self.top_count]
        return list(self.object_list[: self.top_count])


def chart_table(chart):
    """The figures of a chart as a table, ([headings], [rows]): what its CSV holds."""
    if isinstance(chart, ColumnChart):
        headings = [str(chart.x_title), *(str(series.label) for series in chart.series)]
        return headings, [
            [category, *row] for category, row in zip(chart.categories, chart.values, strict=True)
        ]
    return [str(chart.title), str(chart.x_title)], [[label, value] for label, value in chart.rows]


def chart_csv_response(chart, filename):
    """A chart's figures as a CSV file that Excel opens as UTF-8."""
    import csv

    from django.http import HttpResponse

    from .spreadsheets import safe_cell

    headings, rows = chart_table(chart)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(headings)
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return response
