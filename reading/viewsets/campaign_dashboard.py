"""Reports → Campaign dashboard: one campaign's recommendations, suggestions and loans.

A page of charts rather than a table (website/core/charts.py draws them), each with its CSV,
for whoever reads the campaign reports (the moderators: the same check as those reports).
The campaign is chosen from a list of the site's campaigns; an unknown one is the admin's 404.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale

from reading import campaign_dashboard
from reading.models import CampaignPage
from reading.permissions import can_moderate_submissions, can_read_view_figures
from website.core.charts import chart_csv_response


class CampaignDashboardView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "reading/campaigns/admin/dashboard.html"
    page_title = _("Campaign dashboard")
    header_icon = "view"

    def dispatch(self, request, *args, **kwargs):
        if not can_moderate_submissions(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def campaigns(self):
        return list(
            CampaignPage.objects.filter(locale=Locale.get_default()).order_by("-starts_on", "title")
        )

    def chosen(self, campaigns):
        value = self.request.GET.get("campaign", "")
        if not value:
            return campaigns[0] if campaigns else None
        if not value.isdigit():
            raise Http404
        for campaign in campaigns:
            if campaign.pk == int(value):
                return campaign
        raise Http404

    def get(self, request, *args, **kwargs):
        campaigns = self.campaigns()
        campaign = self.chosen(campaigns)
        with_views = can_read_view_figures(request.user)
        charts = campaign_dashboard.charts(campaign, with_views) if campaign else {}
        wanted = request.GET.get("csv")
        if wanted:
            if wanted not in charts:
                raise Http404
            return chart_csv_response(charts[wanted], f"campaign-{campaign.pk}-{wanted}")
        context = self.get_context_data(
            campaigns=campaigns,
            campaign=campaign,
            charts=list(charts.values()),
            loans=campaign_dashboard.loans(campaign) if campaign else None,
        )
        return self.render_to_response(context)


class CampaignDashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return can_moderate_submissions(request.user)


def menu_item():
    return CampaignDashboardMenuItem(
        _("Campaign dashboard"), reverse("reading_campaign_dashboard"), icon_name="view", order=709
    )


def urls():
    return [
        path(
            "reports/campaign-dashboard/",
            CampaignDashboardView.as_view(),
            name="reading_campaign_dashboard",
        )
    ]
