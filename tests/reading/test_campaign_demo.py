"""The campaign demo: at least 30 recommendations in both languages, built idempotently."""

import pytest

from reading.demo import campaigns as demo
from reading.models import Book, CampaignPage, ColumnArticlePage, RecommendationPage, Submission
from reading.models.campaigns import video_problem


@pytest.mark.django_db
def test_demo_campaign_is_complete_and_idempotent(client):
    demo.build()
    counts = (
        RecommendationPage.objects.count(),
        Book.objects.count(),
        ColumnArticlePage.objects.count(),
        Submission.objects.count(),
    )
    demo.build()
    assert counts == (
        RecommendationPage.objects.count(),
        Book.objects.count(),
        ColumnArticlePage.objects.count(),
        Submission.objects.count(),
    )
    zh = RecommendationPage.objects.filter(locale__language_code="zh-hans", live=True)
    en = RecommendationPage.objects.filter(locale__language_code="en", live=True)
    assert zh.count() >= 30 and en.count() == zh.count()
    assert (
        Book.objects.filter(title="三体").get().recommendations.filter(live=True).count() == 2 * 4
    )
    campaign = CampaignPage.objects.get(locale__language_code="zh-hans", slug="the-one-book")
    campaign_en = CampaignPage.objects.get(locale__language_code="en", slug="the-one-book")
    zh_page = client.get(campaign.url)
    en_page = client.get(campaign_en.url)
    assert zh_page.status_code == en_page.status_code == 200
    assert (
        "影响我最深的一本书" in zh_page.text
        and "The one book that influenced me most" in en_page.text
    )
    assert "History of science" in client.get(campaign_en.url, {"theme": "history-of-science"}).text
    column = ColumnArticlePage.objects.get(locale__language_code="en")
    text = client.get(column.url).text
    assert "Qian Xuesen" in text and "Chen Lifeng" in text
    vlog = RecommendationPage.objects.get(locale__language_code="en", slug="qian-xuesen-chen")
    # The demo's vlog is a video the site serves, not a link to a video host that does not exist.
    vlog_html = client.get(vlog.url).text
    assert "<video controls" in vlog_html and vlog.vlog_file.url in vlog_html
    assert "video.lib.example.edu" not in vlog_html
    assert video_problem(vlog.vlog_file.file) == ""
    assert client.get("/en/recommenders/chen-lifeng/").status_code == 200
    assert client.get("/en/recommenders/liu-yang/").status_code == 404  # anonymous
