from wagtail.models import ReferenceIndex

from guides import demo
from guides.models import (
    Database,
    GuidePage,
    LibrarianProfile,
    ResourceClick,
    Video,
    WebTool,
)
from website.core.models import ViewCount


def test_demo_builds_bilingual_guides_once(home, reader):
    demo.build()
    counts = (
        GuidePage.objects.count(),
        Database.objects.count(),
        Video.objects.count(),
        WebTool.objects.count(),
        LibrarianProfile.objects.count(),
        ViewCount.objects.count(),
    )
    demo.build()
    assert counts == (
        GuidePage.objects.count(),
        Database.objects.count(),
        Video.objects.count(),
        WebTool.objects.count(),
        LibrarianProfile.objects.count(),
        ViewCount.objects.count(),
    )
    zh = GuidePage.objects.filter(locale__language_code="zh-hans")
    en = GuidePage.objects.filter(locale__language_code="en")
    assert zh.count() >= 7
    assert en.count() == zh.count()
    english = en.get(slug="english-learning")
    assert [s["value"].get("title") for s in english.section_list()] == [
        "Print",
        "Databases",
        "Videos",
        "Grammar",
        "Sites and apps",
    ]
    assert english.subjects.count() == 1
    assert english.owners.count() == 1
    for guide in GuidePage.objects.all():
        response = reader.get(guide.url)
        assert response.status_code == 200, guide.url
    # Records are shared: Web of Science appears in several guides of each language.
    wos = Database.objects.get(name_en="Web of Science Core Collection")
    using = {int(ref.object_id) for ref in ReferenceIndex.get_references_to(wos)}
    assert zh.filter(pk__in=using).count() >= 4
    assert en.filter(pk__in=using).count() >= 4
    # The usage report has a month of figures, added once.
    assert ViewCount.objects.filter(kind="guide", object_id=english.pk).exists()
    assert ResourceClick.objects.exists()
