"""RSS and Atom feeds for readers who follow the library: new recommendations, new shelves and
upcoming reading clubs, each in the language of its URL (/zh-hans/feeds/…, /en/feeds/…).

Models are looked up by label so that `website` imports no app. Nothing personal is
published: a recommender appears only as they allowed, a club shows no participant.
"""

from django.apps import apps
from django.contrib.syndication.views import Feed
from django.urls import path, reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from website.core.privacy import for_readers

FEED_SIZE = 30


def _live(label):
    model = apps.get_model(label)
    return for_readers(model.objects.all()).filter(locale=Locale.get_active())


def _summary(*parts, words=80):
    text = " ".join(strip_tags(str(p)).strip() for p in parts if p)
    return Truncator(text).words(words)


class PageFeed(Feed):
    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.url

    def item_guid(self, item):
        return item.full_url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at


class RecommendationsFeed(PageFeed):
    title = _("New recommendations")
    description = _("Books that readers recommend, newest first.")

    def link(self):
        return reverse("feeds:recommendations")

    def items(self):
        return (
            _live("reading.RecommendationPage")
            .select_related("book", "recommender")
            .prefetch_related("tagged_items__tag")
            .order_by("-first_published_at", "-pk")[:FEED_SIZE]
        )

    def item_description(self, item):
        book = item.book
        byline = " / ".join(p for p in (book.title, *book.author_list[:1]) if p)
        return _summary(
            f"《{book.title}》" if item.locale.language_code.startswith("zh") else byline, item.text
        )

    def item_author_name(self, item):
        return item.recommender.credited_name(item.locale.language_code)

    def item_categories(self, item):
        return [tagged.tag.name for tagged in item.tagged_items.all()]


class ShelvesFeed(PageFeed):
    title = _("New themed shelves")
    description = _("Themed shelves of books, in print and online.")

    def link(self):
        return reverse("feeds:shelves")

    def items(self):
        return _live("reading.ShelfPage").order_by("-first_published_at", "-pk")[:FEED_SIZE]

    def item_description(self, item):
        return _summary(item.theme, item.place, item.introduction)


class ClubsFeed(PageFeed):
    title = _("Upcoming reading clubs")
    description = _("Reading clubs whose discussion is still to come, soonest first.")

    def link(self):
        return reverse("feeds:clubs")

    def items(self):
        return (
            _live("reading.ClubPage")
            .filter(discussion_starts__gte=timezone.now())
            .select_related("leader")
            .order_by("discussion_starts", "pk")[:FEED_SIZE]
        )

    def item_description(self, item):
        when = timezone.localtime(item.discussion_starts).strftime("%Y-%m-%d %H:%M")
        return _summary(when, item.discussion_place, item.introduction)

    def item_pubdate(self, item):
        return item.first_published_at


def atom(feed_class):
    return type(
        f"{feed_class.__name__}Atom",
        (feed_class,),
        {"feed_type": Atom1Feed, "subtitle": feed_class.description},
    )


app_name = "feeds"
urlpatterns = [
    path("recommendations/", RecommendationsFeed(), name="recommendations"),
    path("recommendations/atom/", atom(RecommendationsFeed)(), name="recommendations_atom"),
    path("shelves/", ShelvesFeed(), name="shelves"),
    path("shelves/atom/", atom(ShelvesFeed)(), name="shelves_atom"),
    path("clubs/", ClubsFeed(), name="clubs"),
    path("clubs/atom/", atom(ClubsFeed)(), name="clubs_atom"),
]
