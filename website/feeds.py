"""RSS and Atom feeds for readers who follow the library, each in the language of its URL
(/zh-hans/feeds/…, /en/feeds/…).

The foundation knows no app: each app's `feeds` module (found at start-up, like `oai` and
`search_kinds`) defines its feeds on `PageFeed` and adds them with `register(name, feed)`,
which gives each an RSS and an Atom address and a link in every page's head. A feed lists
`for_readers(...)` of its pages only, and nothing personal.
"""

from django.contrib.syndication.views import Feed
from django.urls import path
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.text import Truncator

from wagtail.models import Locale

from website.core.privacy import for_readers

FEED_SIZE = 30

app_name = "feeds"
urlpatterns = []
registered = []  # (URL name, feed class), in the order the head links them


def live_for_readers(model):
    """The pages of `model` a reader may see, in the language of the request."""
    return for_readers(model.objects.all()).filter(locale=Locale.get_active())


def summary(*parts, words=80):
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


def atom(feed_class):
    return type(
        f"{feed_class.__name__}Atom",
        (feed_class,),
        {"feed_type": Atom1Feed, "subtitle": feed_class.description},
    )


def register(name, feed_class):
    """Serve `feed_class` at feeds/<name>/ (RSS) and feeds/<name>/atom/ (Atom)."""
    registered.append((name, feed_class))
    urlpatterns.append(path(f"{name}/", feed_class(), name=name))
    urlpatterns.append(path(f"{name}/atom/", atom(feed_class)(), name=f"{name}_atom"))
