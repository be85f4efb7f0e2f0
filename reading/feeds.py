"""reading's feeds (`website/feeds.py`): new recommendations, new shelves and upcoming
reading clubs. A recommender appears only as credited; a club shows no participant."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reading.models import ClubPage, RecommendationPage, ShelfPage
from website.core.terms import tag_label
from website.feeds import FEED_SIZE, PageFeed, live_for_readers, register, summary


class RecommendationsFeed(PageFeed):
    title = _("New recommendations")
    description = _("Books that readers recommend, newest first.")

    def link(self):
        return reverse("feeds:recommendations")

    def items(self):
        return (
            live_for_readers(RecommendationPage)
            .select_related("book", "recommender")
            .prefetch_related("tagged_items__tag__english")
            .order_by("-first_published_at", "-pk")[:FEED_SIZE]
        )

    def item_description(self, item):
        book = item.book
        byline = " / ".join(p for p in (book.title, *book.author_list[:1]) if p)
        return summary(
            f"《{book.title}》" if item.locale.language_code.startswith("zh") else byline, item.text
        )

    def item_author_name(self, item):
        return item.recommender.credited_name(item.locale.language_code)

    def item_categories(self, item):
        language = item.locale.language_code
        return [tag_label(tagged.tag, language) for tagged in item.tagged_items.all()]


class ShelvesFeed(PageFeed):
    title = _("New themed shelves")
    description = _("Themed shelves of books, in print and online.")

    def link(self):
        return reverse("feeds:shelves")

    def items(self):
        return live_for_readers(ShelfPage).order_by("-first_published_at", "-pk")[:FEED_SIZE]

    def item_description(self, item):
        return summary(item.theme, item.place, item.introduction)


class ClubsFeed(PageFeed):
    title = _("Upcoming reading clubs")
    description = _("Reading clubs whose discussion is still to come, soonest first.")

    def link(self):
        return reverse("feeds:clubs")

    def items(self):
        return (
            live_for_readers(ClubPage)
            .filter(discussion_starts__gte=timezone.now())
            .select_related("leader")
            .order_by("discussion_starts", "pk")[:FEED_SIZE]
        )

    def item_description(self, item):
        when = timezone.localtime(item.discussion_starts).strftime("%Y-%m-%d %H:%M")
        return summary(when, item.discussion_place, item.introduction)

    def item_pubdate(self, item):
        return item.first_published_at


register("recommendations", RecommendationsFeed)
register("shelves", ShelvesFeed)
register("clubs", ClubsFeed)
