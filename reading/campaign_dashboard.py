"""The figures of one campaign's dashboard: what readers recommended, and what it did.

One campaign, every language: its recommendations per month, by theme and by school; readers'
views of its pages (website/core/counting.py); the purchase suggestions it raised and where
they stand; its books' loans before and after (the comparison of reading.loan_effects). Each
is a chart of website/core/charts.py, so the dashboard draws them as the other reports do and
offers each as a CSV (website.core.charts.chart_table).
"""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from reading import loan_effects, report_charts
from reading.models import PurchaseSuggestion, RecommendationPage
from website.core.charts import RankingChart
from website.core.terms import is_english


def recommendations_of(campaign):
    """The live recommendations of `campaign` in any of its languages."""
    condition = Q()
    for copy in [campaign, *campaign.get_translations()]:
        condition |= Q(path__startswith=copy.path, depth=copy.depth + 1)
    return RecommendationPage.objects.live().filter(condition)


def _schools(recommendations):
    english = is_english()
    rows = (
        recommendations.exclude(recommender__school="")
        .values("recommender__school", "recommender__school_en")
        .annotate(count=Count("translation_key", distinct=True))
        .order_by("-count", "recommender__school")
    )
    merged = {}
    for row in rows:
        name = (english and row["recommender__school_en"]) or row["recommender__school"]
        merged[name] = merged.get(name, 0) + row["count"]
    ranked = sorted(merged.items(), key=lambda pair: (-pair[1], pair[0]))
    return report_charts.top_ten(
        _("Recommendations by school"), _("Recommendations"), ranked, "by-school"
    )


def _themes(recommendations):
    english = is_english()
    rows = [
        ((english and row["name_en"]) or row["name"], row["recommendations"])
        for row in report_charts.theme_counts(recommendations)[:10]
    ]
    return report_charts.top_ten(
        _("Recommendations by theme"), _("Recommendations"), rows, "by-theme"
    )


def _suggestions(campaign):
    counts = dict(
        PurchaseSuggestion.objects.filter(campaign__translation_key=campaign.translation_key)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    rows = [(status.label, counts.get(status.value, 0)) for status in PurchaseSuggestion.Status]
    return RankingChart(
        title=_("Purchase suggestions by step"),
        x_title=_("Books"),
        rows=rows,
        name="suggestions",
    )


def loans(campaign):
    """The loans-before-and-after comparison of this campaign's books (an Effect)."""
    return loan_effects.compare(loan_effects.campaign_groups([campaign]))[0]


def _views(campaign, recommendations):
    """Readers' views of the campaign's pages and its recommendations, per month."""
    from website.core.models import ViewCount

    copies = [campaign.pk, *campaign.get_translations().values_list("pk", flat=True)]
    counts = ViewCount.objects.filter(
        Q(kind="campaign", object_id__in=copies)
        | Q(kind="recommendation", object_id__in=recommendations.values("pk"))
    )
    return report_charts.views_by_month(counts)


def charts(campaign, with_views=False):
    """{name: chart} in the dashboard's order; the views only for those who read them."""
    recommendations = recommendations_of(campaign)
    found = [
        report_charts.recommendations_by_month(recommendations),
        _themes(recommendations),
        _schools(recommendations),
        _suggestions(campaign),
    ]
    if with_views:
        found.insert(1, _views(campaign, recommendations))
    return {chart.name: chart for chart in found}
