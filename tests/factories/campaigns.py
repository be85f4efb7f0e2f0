"""Campaigns, recommendations, recommenders and submissions, for tests and the demo."""

import datetime

import factory

from reading.models import (
    CampaignIndexPage,
    CampaignPage,
    ColumnArticlePage,
    RecommendationPage,
    Recommender,
    Submission,
)

from .books import BookFactory
from .pages import PageFactory


class RecommenderFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"读者{n}")
    name_en = factory.Sequence(lambda n: f"Reader {n}")
    role = "student"
    school = "理学院"
    school_en = "College of Science"
    name_display = "full"
    email = factory.Sequence(lambda n: f"reader{n}@mail.example.edu")
    slug = factory.Sequence(lambda n: f"reader-{n}")

    class Meta:
        model = Recommender


class CampaignIndexPageFactory(PageFactory):
    title = "思库推荐"
    slug = factory.Sequence(lambda n: f"siku-{n}")

    class Meta:
        model = CampaignIndexPage


class CampaignPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"影响我最深的一本书 {n}")
    slug = factory.Sequence(lambda n: f"campaign-{n}")
    intro = "面向全校师生征集“对我影响深刻的一本书”。"
    call_for_recommendations = "<p>请在图书馆特制信笺上写下你的推荐语。</p>"
    starts_on = datetime.date(2018, 4, 23)
    accepting_submissions = True

    class Meta:
        model = CampaignPage


class RecommendationPageFactory(PageFactory):
    """A published recommendation: pass `parent=campaign`; `themes=[...]` sets the tags."""

    title = factory.LazyAttribute(lambda o: o.book.title)
    slug = factory.Sequence(lambda n: f"recommendation-{n}")
    book = factory.SubFactory(BookFactory)
    recommender = factory.SubFactory(RecommenderFactory)
    text = "这本书让我明白了科学家追求真理的精神，也让我重新思考了自己的专业选择。"
    recommended_on = datetime.date(2024, 4, 23)

    class Meta:
        model = RecommendationPage

    @classmethod
    def _create(cls, model_class, *args, themes=(), **kwargs):
        parent = kwargs.get("parent")
        publish = kwargs.pop("publish", True)
        live = kwargs.pop("live", True) and publish
        kwargs.pop("parent", None)
        instance = model_class(*args, live=live, **kwargs)
        if "locale" not in kwargs:
            instance.locale = parent.locale
        if themes:
            instance.themes.set(list(themes))
        parent.add_child(instance=instance)
        revision = instance.save_revision()
        if live:
            revision.publish()
            instance.refresh_from_db()
        return instance


class ColumnArticlePageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"思库推荐专栏 第{n}期")
    slug = factory.Sequence(lambda n: f"column-{n}")
    intro = "本期推荐几位师生写下的“影响我最深的一本书”。"
    published_on = datetime.date(2024, 5, 1)

    class Meta:
        model = ColumnArticlePage


class SubmissionFactory(factory.django.DjangoModelFactory):
    name = "李华"
    role = "student"
    school = "工学院"
    email = factory.Sequence(lambda n: f"student{n}@mail.example.edu")
    name_display = "full"
    consent_text = True
    title = "三体"
    author = "刘慈欣"
    text = "宏大的宇宙观让我第一次意识到文明与科学的脆弱和珍贵。"
    language = "zh-hans"

    class Meta:
        model = Submission


def campaign_in_both_languages(home, **fields):
    """The section index and an open campaign under `home`, each with its English translation."""
    from .pages import translate_page

    index = CampaignIndexPageFactory(parent=home)
    translate_page(index, "en", title="SiKu Recommends")
    campaign = CampaignPageFactory(parent=index, title="影响我最深的一本书", **fields)
    campaign_en = translate_page(
        campaign,
        "en",
        title="The one book that influenced me most",
        intro="Students and staff recommend the book that shaped them.",
    )
    return campaign, campaign_en


def cached_embed(url, html, max_width=800, provider_name=""):
    """Store a vlog's player in Wagtail's embed cache, as a finder would have, so that pages
    render without asking the video platform (tests and the offline demo)."""
    from wagtail.embeds.embeds import get_embed_hash
    from wagtail.embeds.models import Embed

    embed, _ = Embed.objects.update_or_create(
        hash=get_embed_hash(url, max_width),
        defaults={
            "url": url,
            "max_width": max_width,
            "type": "video",
            "html": html,
            "provider_name": provider_name,
        },
    )
    return embed
