"""Choosing the book, as a reader and the teacher do it: on a phone, in Chinese, a reader goes
from the home page to a club whose vote is open, proposes a book from the catalogue (the
as-you-type match), confirms from the emailed link, and sees it counted; the teacher closes
the vote in "My reading clubs", and the book appears on the club page with the tally."""

import re

from django.core import mail

from tests.browser.admin_steps import PASSWORD
from tests.browser.pages import open_menu

CLUB_TITLE = "寒假共读：一起选一本讲科学的书"


def _club(home):
    from reading import votes
    from tests.factories import (
        BookFactory,
        ClubBallotFactory,
        ClubIndexPageFactory,
        ClubLeaderFactory,
        UserFactory,
        VotingClubPageFactory,
    )

    index = ClubIndexPageFactory(parent=home, show_in_menus=True, title="思库读书分享会")
    leader = ClubLeaderFactory(user=UserFactory(username="teacher.zhou", is_staff=True))
    club = VotingClubPageFactory(parent=index, title=CLUB_TITLE, leader=leader, books=[])
    vote = votes.open_vote(club, leader.user)
    dice = votes.nominate(
        vote, book=BookFactory(title="上帝掷骰子吗", authors="曹天元"), by_teacher=True
    )
    ClubBallotFactory(nomination=dice)
    BookFactory(title="寂静的春天", authors="蕾切尔·卡森")  # in the catalogue, not nominated
    return club


def test_a_reader_proposes_and_votes_and_the_teacher_closes(phone, page, site, home):
    from reading.models import ClubPage

    club = _club(home)
    reader = phone
    reader.goto(site.url + "/zh-hans/")
    open_menu(reader)
    reader.locator("header a", has_text="思库读书分享会").first.click()
    reader.locator(".club-card a", has_text=CLUB_TITLE).click()
    # the catalogue lookup listens for typing once its deferred script has run: wait for it,
    # or on a busy machine the title is typed before anyone listens
    reader.wait_for_url(re.compile(r"/clubs/[^/]+/$"), wait_until="load")
    form = reader.locator("#book-vote form")
    form.wait_for()
    # A book found in the catalogue as the reader types its title.
    form.locator("input[name=title]").fill("寂静的春天")
    form.locator(".match-list label", has_text="寂静的春天").click()
    form.locator("input[name=email]").fill("chenchen@mail.example.edu")
    form.locator("button[type=submit]").click()
    reader.wait_for_selector(".message--success")
    assert "c***@mail.example.edu" in reader.locator(".message--success").inner_text()
    assert reader.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    (message,) = [m for m in mail.outbox if m.to == ["chenchen@mail.example.edu"]]
    link = re.search(r"https?://[^/\s]+(/zh-hans/clubs/votes/\S+?/)", message.body).group(1)
    reader.goto(site.url + link)
    reader.locator("main form button[type=submit]").click()
    assert "寂静的春天" in reader.locator(".message--success").inner_text()
    tally = reader.locator(".vote-tally").inner_text()
    assert "寂静的春天" in tally and "chenchen" not in reader.content()

    # The teacher breaks the tie (1 vote each) in the admin; the book is published.
    page.goto(site.url + "/admin/login/")
    page.fill("input[name=username]", "teacher.zhou")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/admin/")
    page.locator(".sidebar-main-menu a[href='/admin/my-clubs/']").click()
    page.locator("table.listing a", has_text=CLUB_TITLE).click()
    page.locator("a.button", has_text=re.compile("Book vote|选书投票")).click()
    page.locator("a.button[href*='close=1']").click()  # closing publishes: asked first
    page.locator("input[name=winner]").nth(1).check()
    page.locator("form:has(input[value=close]) button[type=submit]").click()
    page.wait_for_selector(".messages .success, .messages li")
    club = ClubPage.objects.get(pk=club.pk)
    assert [item.book.title for item in club.club_books.all()] == ["寂静的春天"]

    reader.goto(site.url + club.url)
    assert "寂静的春天" in reader.locator("#club-books-heading + ul").inner_text()
    assert "寂静的春天" in reader.locator(".vote-result").inner_text()
