"""Factories for guides and the records they reuse (shared by the tests and guides/demo.py)."""

import factory

from guides.models import (
    Database,
    DatabaseListPage,
    DatabaseSubject,
    GuideIndexPage,
    GuidePage,
    LibrarianProfile,
    Subject,
    Video,
    WebTool,
)

from .pages import PageFactory


class SubjectFactory(factory.django.DjangoModelFactory):
    name_zh = factory.Sequence(lambda n: f"学科{n}")
    name_en = factory.Sequence(lambda n: f"Subject {n}")
    slug = factory.Sequence(lambda n: f"subject-{n}")

    class Meta:
        model = Subject
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True


class DatabaseFactory(factory.django.DjangoModelFactory):
    """A database; `subjects=[subject, ...]` links subjects, `best_bets=[...]` as best bets."""

    name_zh = factory.Sequence(lambda n: f"数据库{n}")
    name_en = factory.Sequence(lambda n: f"Database {n}")
    url = factory.Sequence(lambda n: f"https://db{n}.example.com/")
    access = "vpn"
    database_type = "articles"

    class Meta:
        model = Database
        skip_postgeneration_save = True

    @factory.post_generation
    def subjects(self, create, extracted, **kwargs):
        if create and extracted:
            for subject in extracted:
                DatabaseSubject.objects.get_or_create(database=self, subject=subject)

    @factory.post_generation
    def best_bets(self, create, extracted, **kwargs):
        if create and extracted:
            for subject in extracted:
                DatabaseSubject.objects.update_or_create(
                    database=self, subject=subject, defaults={"best_bet": True}
                )


class VideoFactory(factory.django.DjangoModelFactory):
    title_zh = factory.Sequence(lambda n: f"培训视频{n}")
    title_en = factory.Sequence(lambda n: f"Training video {n}")
    embed_url = factory.Sequence(lambda n: f"https://player.example.com/video/{n}")

    class Meta:
        model = Video


class WebToolFactory(factory.django.DjangoModelFactory):
    name_zh = ""
    name_en = factory.Sequence(lambda n: f"Tool {n}")
    url = factory.Sequence(lambda n: f"https://tool{n}.example.com/")
    kind = "website"
    platforms = ["web"]
    pricing = "free"

    class Meta:
        model = WebTool


class LibrarianProfileFactory(factory.django.DjangoModelFactory):
    name_zh = factory.Sequence(lambda n: f"馆员{n}")
    name_en = factory.Sequence(lambda n: f"Librarian {n}")
    title_zh = "学科馆员"
    title_en = "Subject Librarian"
    email = factory.Sequence(lambda n: f"librarian{n}@example.edu")

    class Meta:
        model = LibrarianProfile
        skip_postgeneration_save = True

    @factory.post_generation
    def subjects(self, create, extracted, **kwargs):
        if create and extracted:
            self.subjects.set(extracted)


class GuideIndexPageFactory(PageFactory):
    title = "学习指南"
    slug = "guides"

    class Meta:
        model = GuideIndexPage


class DatabaseListPageFactory(PageFactory):
    title = "数据库 A–Z"
    slug = "databases"

    class Meta:
        model = DatabaseListPage


class GuidePageFactory(PageFactory):
    """A guide: pass `sections=` as StreamField raw data (see `section()`), `subjects=` and
    `owners=` as lists; they are set before the first revision is published."""

    title = factory.Sequence(lambda n: f"指南 {n}")
    slug = factory.Sequence(lambda n: f"guide-{n}")
    guide_type = "topic"
    summary = ""

    class Meta:
        model = GuidePage

    @classmethod
    def _create(cls, model_class, *args, subjects=(), owners=(), **kwargs):
        if subjects or owners:
            kwargs["publish"] = False
            live = kwargs.get("live", True)
            kwargs["live"] = False
            page = super()._create(model_class, *args, **kwargs)
            page.subjects.set(list(subjects))
            page.owners.set(list(owners))
            revision = page.save_revision()
            if live:
                revision.publish()
                page.refresh_from_db()
            return page
        return super()._create(model_class, *args, **kwargs)


def section(title, *blocks, anchor=""):
    """Raw data of one guide section; `blocks` are (type, value) pairs as stream_block() gives."""
    return {"type": "section", "value": {"title": title, "anchor": anchor, "body": list(blocks)}}


def _block(block_type, value):
    return {"type": block_type, "value": value}


def text(html):
    return _block("text", html)


def databases(items, heading=""):
    return _block("databases", {"heading": heading, "intro": "", "items": [d.pk for d in items]})


def videos(items, heading="", embed=False):
    return _block(
        "videos", {"heading": heading, "intro": "", "items": [v.pk for v in items], "embed": embed}
    )


def webtools(items, heading=""):
    return _block("webtools", {"heading": heading, "intro": "", "items": [t.pk for t in items]})


def books(items, heading=""):
    return _block("books", {"heading": heading, "intro": "", "items": [b.pk for b in items]})


def links(items, heading=""):
    return _block(
        "links",
        {
            "heading": heading,
            "links": [{"title": t, "url": u, "description": ""} for t, u in items],
        },
    )


def catalogue_search(heading="", placeholder="", prefill=""):
    return _block(
        "catalogue_search", {"heading": heading, "placeholder": placeholder, "prefill": prefill}
    )


def box(heading, *blocks):
    return _block("box", {"heading": heading, "body": list(blocks)})
