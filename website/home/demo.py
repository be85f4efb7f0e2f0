"""Demo content for the site as a whole: the two home pages and the demo editor."""

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


def home_page():
    """The Chinese home page at the site root, created once."""
    ensure_locales()
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
            Site.objects.create(
                hostname="localhost", site_name="思库", root_page=home, is_default_site=True
            )
        else:
            old_root = site.root_page
            site.root_page = home
            site.site_name = "思库"
            site.save()
            if old_root.specific_class is Page and not old_root.get_children().exists():
                old_root.delete()
    if not home.get_translations().filter(locale__language_code="en").exists():
        translate_page(
            home,
            "en",
            title="SiKu · Library Reading and Learning Guides",
            intro=(
                "One book, one handwritten recommendation, one reading club: "
                "read with the library."
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
