"""Demo content for the site as a whole: the two home pages and the demo editor."""

from urllib.parse import urlsplit

from django.contrib.auth import get_user_model

from wagtail.models import Locale, Page, Site

from tests.factories import HomePageFactory, translate_page
from website.home.models import HomePage

DEMO_EDITOR = "editor"
DEMO_EDITOR_PASSWORD = "reading-2026"


def ensure_locales():
    from django.conf import settings

    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


def ensure_tree_roots():
    """The page and collection roots that Wagtail's migrations create.

    A database emptied by a flush (transactional tests do this) or restored from a partial
    dump lacks them; everything else hangs from them.
    """
    from wagtail.models import Collection

    ensure_locales()
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=Locale.get_default()))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


def site_address():
    """(hostname, port) of WAGTAILADMIN_BASE_URL, the address the site is reached at."""
    from django.conf import settings

    parts = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    return parts.hostname or "localhost", parts.port or (443 if parts.scheme == "https" else 80)


def align_local_site():
    """Give a local default site the address the quick start serves it at.

    Wagtail's installer names the site localhost:80, so the full URLs of the sitemap, the feeds
    and OAI-PMH records pointed where nothing answers. A site with a real hostname is the
    library's own setting and is left alone."""
    site = Site.objects.filter(is_default_site=True).first()
    hostname, port = site_address()
    if site is None or site.hostname not in LOCAL_HOSTS or hostname not in LOCAL_HOSTS:
        return
    if (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save(update_fields=["hostname", "port"])


def home_page():
    """The Chinese home page at the site root, created once."""
    ensure_tree_roots()
    default = Locale.get_default()
    home = HomePage.objects.filter(locale=default, depth=2).first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's installer leaves a plain "Welcome" page with the slug we want: move it aside.
        for welcome in root.get_children().filter(slug="home").exact_type(Page):
            welcome.slug = f"welcome-{welcome.pk}"
            welcome.save(update_fields=["slug"])
        home = HomePageFactory(
            parent=root,
            slug="home",
            title="思库 · 图书馆阅读推广与学习指南",
            intro="一本书、一段手写的推荐语、一次读书分享会：与图书馆一起阅读。",
            locale=default,
        )
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            hostname, port = site_address()
            Site.objects.create(
                hostname=hostname,
                port=port,
                site_name="思库",
                root_page=home,
                is_default_site=True,
            )
        else:
            old_root = site.root_page
            site.root_page = home
            site.site_name = "思库"
            site.save()
            if old_root.specific_class is Page and not old_root.get_children().exists():
                old_root.delete()
    align_local_site()
    if not home.get_translations().filter(locale__language_code="en").exists():
        translate_page(
            home,
            "en",
            title="SiKu · Library Reading and Learning Guides",
            intro=(
                "One book, one handwritten recommendation, one reading club: read with the library."
            ),
        )
    return home


def editor_account():
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=DEMO_EDITOR,
        defaults={
            "email": "editor@example.edu",
            "is_staff": True,
            "is_superuser": True,
            "first_name": "Demo",
            "last_name": "Editor",
        },
    )
    if created:
        user.set_password(DEMO_EDITOR_PASSWORD)
        user.save()
    return user


def build():
    home_page()
    editor_account()


def _feature_blocks(home, language_code):
    """Featured cards for the campaign, shelves, clubs and guides under `home`."""
    headings = {
        "zh-hans": ("思库推荐：影响我最深的一本书", "主题书架与读书分享会", "学习指南"),
        "en": (
            "The one book that influenced me most",
            "Themed shelves and reading clubs",
            "Learning guides",
        ),
    }[language_code]
    children = list(home.get_children().live().specific())
    by_type = {}
    for child in children:
        by_type.setdefault(type(child).__name__, []).append(child)
    campaigns = [
        page
        for index in by_type.get("CampaignIndexPage", [])
        for page in index.get_children().live().specific()
    ] or by_type.get("CampaignIndexPage", [])
    shelves_and_clubs = by_type.get("ShelfIndexPage", []) + by_type.get("ClubIndexPage", [])
    guides = by_type.get("GuideIndexPage", [])
    blocks = []
    for heading, pages in zip(headings, (campaigns, shelves_and_clubs, guides), strict=True):
        if pages:
            blocks.append(("featured", {"heading": heading, "pages": pages}))
    return children, blocks


def feature_sections():
    """Put the campaign, shelves, clubs and guides on both home pages and in the menu.

    Runs after every other builder, so it can feature what they made; an editor's own
    home page body is never overwritten.
    """
    home = home_page()
    for page in [home, *home.get_translations()]:
        page = page.specific
        children, blocks = _feature_blocks(page, page.locale.language_code)
        for child in children:
            if not child.show_in_menus:
                child.show_in_menus = True
                child.save_revision().publish()
        changed = False
        if not page.body and blocks:
            page.body = blocks
            changed = True
        if not page.featured:
            page.featured = _featured_blocks(page)
            changed = True
        if changed:
            page.save_revision().publish()


def _featured_blocks(home):
    """The editors' choice on the demo home page: the recommendations whose handwritten notes
    readers may see come first; the newest fill the rest, and the other sections fill
    themselves."""
    from reading.home_sections import public_notes
    from reading.models import RecommendationPage

    keys = public_notes().values("recommendation__translation_key")
    with_notes = list(
        RecommendationPage.objects.live()
        .filter(locale=home.locale, show_note=True, translation_key__in=keys)
        .order_by("-recommended_on")
    )
    placeholder = "EndNote、知网、学术英语" if home.locale.language_code == "zh-hans" else None
    return [
        ("recommendations", {"heading": "", "recommendations": with_notes, "count": 6}),
        ("club", {"heading": "", "club": None}),
        ("shelf", {"heading": "", "shelf": None}),
        (
            "guide_search",
            {"heading": "", "placeholder": placeholder or "EndNote, CNKI, academic English"},
        ),
    ]
