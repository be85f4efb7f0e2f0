"""A reader finds a guide by its subject and clicks through to one of its databases; the click
is counted for the guide's usage figures and the reader lands on the database."""

from django.urls import reverse


def _guides(home):
    from tests.factories import (
        DatabaseFactory,
        GuideIndexPageFactory,
        GuidePageFactory,
        SubjectFactory,
        translate_page,
    )
    from tests.factories.guides import databases, section, text

    economics = SubjectFactory(name_zh="经济学", name_en="Economics", slug="economics")
    physics = SubjectFactory(name_zh="物理学", name_en="Physics", slug="physics")
    cnki = DatabaseFactory(
        name_zh="中国知网", name_en="CNKI", url="https://kns.cnki.example/", subjects=[economics]
    )
    aps = DatabaseFactory(
        name_zh="美国物理学会期刊",
        name_en="APS Journals",
        url="https://journals.aps.example/",
        subjects=[physics],
    )
    index = GuideIndexPageFactory(parent=home)
    translate_page(index, "en", title="Learning guides")
    economics_guide = GuidePageFactory(
        parent=index,
        title="经济学学科指南",
        guide_type="subject",
        subjects=[economics],
        sections=[section("数据库", text("<p>查找经济学文献。</p>"), databases([cnki]))],
    )
    GuidePageFactory(
        parent=index,
        title="物理学学科指南",
        guide_type="subject",
        subjects=[physics],
        sections=[section("数据库", databases([aps]))],
    )
    return index, economics_guide, cnki


def test_reader_finds_a_guide_by_subject_and_opens_a_database(page, site, home):
    from guides.models import ResourceClick

    index, guide, cnki = _guides(home)
    # The database is outside: answer for it here (the test machine has no outside network).
    page.route(
        "https://kns.cnki.example/**",
        lambda route: route.fulfill(
            status=200, content_type="text/html", body="<title>CNKI</title><h1>CNKI</h1>"
        ),
    )

    page.goto(site.url + index.url)
    page.select_option("select[name=subject]", "economics")
    page.locator("form button[type=submit]", has_text="").last.click()
    page.wait_for_url("**subject=economics**")
    titles = page.locator(".card-title a").all_inner_texts()
    assert titles == ["经济学学科指南"], titles

    page.locator(".card-title a", has_text="经济学学科指南").click()
    page.wait_for_url(f"**{guide.url}")
    link = page.locator(f"a[href*='{reverse('go:resource', args=['database', cnki.pk])}']")
    assert link.count() >= 1, page.content()[:3000]
    link.first.click()
    page.wait_for_url("https://kns.cnki.example/**")
    assert page.locator("h1").inner_text() == "CNKI"
    clicks = ResourceClick.objects.get(kind="database", object_id=cnki.pk)
    assert clicks.clicks == 1 and clicks.guide_id == guide.pk
    assert not page.watcher.csp_violations, page.watcher.csp_violations
