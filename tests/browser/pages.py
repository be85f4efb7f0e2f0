"""The public pages a reader can reach, one of each type, found from what is published.

As the reading and guides features land, their page types (and their plain views, when their
URL names exist) join the accessibility checks without this list being edited.
"""

from django.urls import NoReverseMatch, reverse
from django.utils import translation

from wagtail.models import Locale, Page

# Plain (non-page) public views by URL name, checked when the feature that owns them exists.
NAMED_VIEWS = [
    ("search", {}, "?q=%E9%98%85%E8%AF%BB"),
    ("guides:database_list", {}, ""),
    ("guides:az", {}, ""),
    ("guides:database_az", {}, ""),
    ("reading:book_list", {}, ""),
]


def _feature_views(language_code):
    """Public views that are not pages and take an argument: the recommendation form of an
    open campaign, a book's page, a named recommender's page, a handwritten note's page; and
    the pages whose worst case is not the first of their type: a recommendation that shows its
    note, one with a vlog, the fullest shelf."""
    from django.apps import apps
    from django.db.models import Count

    urls = []
    try:
        recommendations = apps.get_model("reading", "RecommendationPage").objects.live().public()
        for recommendation in recommendations.filter(
            locale__language_code=language_code, show_note=True
        ).order_by("pk")[:20]:
            if recommendation.note is not None:
                urls.append(("recommendation with its note", recommendation.get_url()))
                urls.append(
                    ("note", reverse("reading:archive_note", args=[recommendation.note.pk]))
                )
                break
        with_vlog = (
            recommendations.filter(locale__language_code=language_code)
            .exclude(vlog_url="", vlog_file=None)
            .order_by("pk")
            .first()
        )
        if with_vlog is not None:
            urls.append(("recommendation with its vlog", with_vlog.get_url()))
        shelf = (
            apps.get_model("reading", "ShelfPage")
            .objects.live()
            .public()
            .filter(locale__language_code=language_code)
            .annotate(listed=Count("items"))
            .order_by("-listed", "pk")
            .first()
        )
        if shelf is not None:
            urls.append(("fullest shelf", shelf.get_url()))
        campaign = apps.get_model("reading", "CampaignPage").objects.live().first()
        if campaign is not None and campaign.is_open:
            submit_url = campaign.submit_url
            urls.append(("campaign form", submit_url() if callable(submit_url) else submit_url))
        club = apps.get_model("reading", "ClubPage").objects.live().order_by("pk").first()
        if club is not None:
            urls.append(("club link", reverse("reading:club_resend_link", args=[club.pk])))
        book = apps.get_model("reading", "Book").objects.order_by("pk").first()
        if book is not None:
            urls.append(("book", reverse("reading:book_detail", args=[book.pk])))
        recommender = (
            apps.get_model("reading", "Recommender").objects.filter(name_display="full").first()
        )
        if recommender is not None:
            urls.append(("recommender", reverse("reading:recommender", args=[recommender.slug])))
    except (LookupError, NoReverseMatch, AttributeError):
        pass
    return urls


def one_page_of_each_type(language_code):
    locale = Locale.objects.get(language_code=language_code)
    seen = {}
    for page in (
        Page.objects.live().public().filter(locale=locale, depth__gt=1).order_by("depth", "path")
    ):
        key = page.content_type_id
        if key not in seen:
            seen[key] = page.specific
    return list(seen.values())


def public_urls(language_code):
    """(label, path) of every public page type and named view in one language."""
    urls = []
    for page in one_page_of_each_type(language_code):
        url = page.get_url()
        if url:
            urls.append((page.specific_class.__name__, url))
    with translation.override(language_code):
        for name, kwargs, query in NAMED_VIEWS:
            try:
                urls.append((name, reverse(name, kwargs=kwargs) + query))
            except NoReverseMatch:
                continue
        urls.extend(_feature_views(language_code))
    return urls


def open_menu(page):
    """On a phone the site menu is folded behind its summary ("菜单" / "Menu"): open it, as a
    reader does, before clicking one of its links. On a wide screen it is open already."""
    toggle = page.locator(".site-menu summary")
    if toggle.count() and toggle.first.is_visible():
        toggle.first.click()
