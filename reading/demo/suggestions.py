# ruff: noqa: E501  (demo prose and data tables read better unwrapped)
"""Demo purchase suggestions: the paper's loop, recommendation to shelf, at each of its steps.

Five books readers recommended that the library did not hold (§2: "基于师生推荐及时补藏图书"):
one bought and now on the scientists' biographies shelf, one bought, one ordered, one waiting,
one declined with its reason. Their recommendations are published like the others; their
history (when each was ordered, received, shelved) is set as it happened, so the list and its
median "days from recommendation to shelf" read like a year of the library's work. No email is
sent: these readers were told at the time. The queue's pending 《红楼梦》 is the live one: accept
it and a sixth suggestion appears.
"""

import datetime

from django.utils import timezone

from reading.demo import campaigns as demo_campaigns
from reading.demo.books import SHELF, ZH_STACKS
from reading.demo.shelves import SCIENTISTS_TAG
from reading.models import Book, PurchaseSuggestion, RecommendationPage, ShelfPage
from tests.factories import BookFactory, RecommendationPageFactory, translate_page
from website.home import demo as home_demo

Status = PurchaseSuggestion.Status

# (slug, title, authors, publisher, year, recommender, recommended on, themes,
#  Chinese text, English text, holdings once bought (call number, copies, location) or None,
#  subjects, status, {step: date}, decline reason, acquisitions note)
SUGGESTIONS = [
    (
        "tu-youyou-zhang-xin",
        "屠呦呦传",
        "《屠呦呦传》编写组",
        "人民出版社",
        2015,
        "zhang-xin",
        "2024-04-23",
        ["科学史与科学家精神"],
        "青蒿素的故事我只在课本里读过一段。想知道一位科学家怎样在一次次失败后坚持下来——可惜图书馆还没有这本书。",
        "I had only read a paragraph about artemisinin in a textbook. I wanted to know how a scientist kept going through failure after failure, and the library did not have this book yet.",
        ("K826.2/T85", 2, SHELF),
        [SCIENTISTS_TAG],
        Status.SHELVED,
        {"ordered": "2024-05-10", "received": "2024-06-03", "shelved": "2024-06-12"},
        "",
        "人民出版社直采，2 册",
    ),
    (
        "zhishen-shinei-xu-hao",
        "置身事内：中国政府与经济发展",
        "兰小欢",
        "上海人民出版社",
        2021,
        "xu-hao",
        "2025-04-23",
        ["大学生发展"],
        "讲清楚了地方政府与经济发展的关系，是我给经管学生开的第一本课外书。",
        "It explains how local government and economic growth fit together; it is the first book outside the syllabus I give my economics students.",
        ("F123.16/L19", 3, ZH_STACKS),
        ["经济学"],
        Status.RECEIVED,
        {"ordered": "2025-05-08", "received": "2025-06-20"},
        "",
        "订单 2025-0412，3 册",
    ),
    (
        "wo-yu-ditan-yang-fan",
        "我与地坛",
        "史铁生",
        "人民文学出版社",
        2011,
        "yang-fan",
        "2026-04-23",
        ["人生态度"],
        "在最低落的那个学期，是地坛里的那些句子陪我走了出来。希望图书馆能收藏，给需要它的人。",
        "In my lowest semester, the sentences written in that park in Beijing walked me out of it. I hope the library will hold it for whoever needs it next.",
        None,
        ["中国文学"],
        Status.ORDERED,
        {"ordered": "2026-05-06"},
        "",
        "已向人民文学出版社下单（2026-05-06），预计六月到馆",
    ),
    (
        "the-gene-emily-hart",
        "The Gene: An Intimate History",
        "Siddhartha Mukherjee",
        "Scribner",
        2016,
        "emily-hart",
        "2026-04-23",
        ["科学史与科学家精神"],
        "这本书把遗传学的历史讲成了一部家族史，科学与人性交织在一起。",
        "It tells the history of genetics as a family history, science and humanity woven together.",
        None,
        ["遗传学"],
        Status.SUGGESTED,
        {},
        "",
        "",
    ),
    (
        "mingchao-huang-lei",
        "明朝那些事儿（全集）",
        "当年明月",
        "北京联合出版公司",
        2017,
        "huang-lei",
        "2025-04-23",
        ["大学生发展"],
        "把历史写得像小说一样好看，让我这个医学生也爱上了历史。",
        "It makes history read like a novel, and made even a medical student like me fall for history.",
        None,
        ["中国史"],
        Status.DECLINED,
        {"declined": "2025-05-15"},
        "馆藏已有该书 2011 年版 7 册（K248.09/D19），已回复读者借阅馆藏版本。",
        "",
    ),
]

STAMPS = {"ordered": "ordered_at", "received": "received_at", "shelved": "shelved_at"}


def _moment(day):
    return timezone.make_aware(datetime.datetime.fromisoformat(f"{day}T10:00"))


def _book(title, authors, publisher, year, holdings, subjects):
    book = Book.objects.filter(title=title).first()
    if book is not None:
        return book
    call_number, copies, location = holdings or ("", 0, "")
    return BookFactory(
        title=title,
        authors=authors,
        publisher=publisher,
        year=year,
        isbn13="",
        mms_id="",
        call_number=call_number,
        copies=copies,
        location=location,
        ebook_platform="",
        ebook_url="",
        language="en" if title.isascii() else "zh",
        subjects=subjects,
    )


def build():
    home = home_demo.home_page()
    _index, campaign = demo_campaigns._campaign(home)
    shelf = ShelfPage.objects.filter(slug="scientists-biographies", locale=home.locale).first()
    for (slug, title, authors, publisher, year, who, day, themes, text_zh, text_en, holdings,
         subjects, status, steps, reason, note) in SUGGESTIONS:  # fmt: skip
        book = _book(title, authors, publisher, year, holdings, subjects)
        recommended_on = datetime.date.fromisoformat(day)
        if not RecommendationPage.objects.filter(locale=campaign.locale, slug=slug).exists():
            page = RecommendationPageFactory(
                parent=campaign,
                slug=slug,
                title=title,
                book=book,
                recommender=demo_campaigns._recommender(who),
                text=text_zh,
                recommended_on=recommended_on,
                themes=themes,
            )
            translation = translate_page(page, "en", text=text_en)
            demo_campaigns._set_themes(translation, [demo_campaigns.THEMES[t] for t in themes])
        suggestion, _created = PurchaseSuggestion.objects.get_or_create(
            book=book,
            defaults={"campaign": campaign, "first_recommended_on": recommended_on},
        )
        suggestion.status = status
        suggestion.campaign = campaign
        suggestion.first_recommended_on = recommended_on
        suggestion.suggested_at = _moment((recommended_on + datetime.timedelta(days=2)).isoformat())
        for step, field in STAMPS.items():
            setattr(suggestion, field, _moment(steps[step]) if step in steps else None)
        suggestion.declined_at = _moment(steps["declined"]) if "declined" in steps else None
        suggestion.decline_reason = reason
        suggestion.note = note
        suggestion.shelf = shelf if status == Status.SHELVED else None
        suggestion.save()
