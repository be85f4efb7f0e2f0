# ruff: noqa: E501  (demo prose and data tables read better unwrapped)
"""Demo content for 思库主题书架: three themed shelves, in Chinese and English.

From the paper (§3.2.1): the library invites academicians to recommend biographies of
scientists at home and abroad, "so that young students draw from them the scientists' spirit of
seeking truth and daring to explore"; the other shelves follow its core themes (college life,
mental health). The biographies shelf fills itself from the subject 科学家传记, with the
academicians' own choices pinned first. Books are reused by title when the books or campaign
demo already made them. Idempotent: pages are looked up by slug, books by title.
"""

import datetime

from wagtail.models import Locale

from reading.demo.books import SHELF, ebook_link
from reading.models import Book, ShelfIndexPage, ShelfItem, ShelfPage
from tests.factories import BookFactory, ShelfIndexPageFactory, ShelfPageFactory, translate_page
from website.home import demo as home_demo

SCIENTISTS_TAG = "科学家传记"

# title: (authors, year, publisher, call number, copies, e-book platform or "")
BIOGRAPHIES = {
    "钱学森传": ("叶永烈", 2010, "浙江人民出版社", "K826.16/Y41", 3, "超星电子书"),
    "邓稼先传": ("祁淑英; 魏根发", 2015, "中国青年出版社", "K826.11/Q52", 2, "超星电子书"),
    "居里夫人传": ("艾芙·居里; 左明彻 译", 2015, "商务印书馆", "K835.656.13/J97", 2, ""),
    "爱因斯坦传": (
        "沃尔特·艾萨克森; 张卜天 译",
        2012,
        "湖南科学技术出版社",
        "K837.126.11/A68",
        3,
        "微信读书",
    ),
    "别闹了，费曼先生": (
        "理查德·费曼; 吴程远 译",
        2012,
        "生活·读书·新知三联书店",
        "K837.126.11/F39",
        3,
        "",
    ),
    "达尔文传": (
        "阿德里安·德斯蒙德; 詹姆斯·穆尔; 焦晓菊 译",
        2009,
        "中信出版社",
        "K835.616.15/D47",
        2,
        "",
    ),
    "牛顿传": (
        "迈克尔·怀特; 陈可岗 译",
        2004,
        "中国对外翻译出版公司",
        "K835.616.11/H94",
        2,
        "超星电子书",
    ),
    "华罗庚传": ("王元", 2010, "湖南教育出版社", "K826.11/W39", 2, ""),
    "袁隆平传": ("姚昆仑", 2010, "人民出版社", "K826.3/Y32", 3, "超星电子书"),
    "屠呦呦传": ("《屠呦呦传》编写组", 2016, "人民出版社", "K826.2/T86", 3, "超星电子书"),
    "李四光传": ("陈群 等", 2009, "人民出版社", "K826.14/C46", 2, ""),
    "竺可桢传": ("《竺可桢传》编辑组", 1990, "科学出版社", "K826.14/Z85", 1, ""),
    "茅以升传": ("茅于美", 2012, "北京出版社", "K826.16/M32", 1, ""),
    "詹天佑传": ("经盛鸿", 2005, "南京大学出版社", "K826.16/J67", 1, ""),
    "钱三强传": ("葛能全", 2013, "山东友谊出版社", "K826.11/G26", 2, "超星电子书"),
    "王淦昌传": ("王淦昌传编写组", 2008, "原子能出版社", "K826.11/W24", 1, ""),
    "吴健雄传：物理科学的第一夫人": ("江才健", 2014, "复旦大学出版社", "K837.126.11/J44", 2, ""),
    "杨振宁传": ("杨建邺", 2016, "生活·读书·新知三联书店", "K837.126.11/Y24", 2, "微信读书"),
    "陈省身传": ("张奠宙; 王善平", 2011, "南开大学出版社", "K837.126.11/Z43", 2, ""),
    "苏步青传": ("王增藩", 2005, "复旦大学出版社", "K826.11/W43", 1, ""),
    "周培源传": ("《周培源传》编写组", 2012, "科学出版社", "K826.11/Z76", 1, ""),
    "严济慈传": ("金涛", 2009, "上海交通大学出版社", "K826.11/J63", 1, ""),
    "童第周传": ("谈家桢 等", 2002, "浙江科学技术出版社", "K826.15/T12", 1, ""),
    "程开甲传": ("熊杏林", 2016, "解放军出版社", "K826.11/X58", 2, "超星电子书"),
    "郭永怀传": ("李佩 等", 2014, "中国科学技术大学出版社", "K826.16/L43", 2, ""),
    "孙家栋传": ("蒋建科", 2009, "中国宇航出版社", "K826.16/J45", 2, ""),
    "黄大年传": ("王晓伟", 2018, "吉林大学出版社", "K826.14/W33", 3, "超星电子书"),
    "天眼：南仁东传": ("王宏甲", 2020, "上海科学技术出版社", "K826.14/W23", 3, "超星电子书"),
    "于敏传": ("《于敏传》编写组", 2019, "原子能出版社", "K826.11/Y79", 2, ""),
    "黄旭华传": ("陈启文", 2020, "湖南科学技术出版社", "K826.16/C47", 2, "微信读书"),
    "艾伦·图灵传：如谜的解谜者": (
        "安德鲁·霍奇斯; 孙天齐 译",
        2017,
        "湖南科学技术出版社",
        "K835.616.16/H85",
        2,
        "超星电子书",
    ),
    "特斯拉传": ("W. 伯纳德·卡尔森; 王国良 译", 2017, "中信出版社", "K837.126.16/K12", 2, ""),
    "伽利略传": (
        "约翰·海尔布伦; 李家良 译",
        2012,
        "中国科学技术大学出版社",
        "K835.466.11/H34",
        1,
        "",
    ),
    "开普勒传": ("马克斯·卡斯帕; 邵舒婷 译", 2017, "北京大学出版社", "K835.166.14/K11", 1, ""),
    "法拉第传": ("约翰·图德; 包海琳 译", 2009, "湖南科学技术出版社", "K835.616.11/T84", 1, ""),
    "麦克斯韦传": ("巴兹尔·马洪; 肖明 译", 2011, "湖南科学技术出版社", "K835.616.11/M13", 1, ""),
    "尼尔斯·玻尔传": ("阿伯拉罕·派斯; 戈革 译", 2001, "商务印书馆", "K835.346.11/P15", 1, ""),
    "海森伯传": ("戴维·卡西迪; 戈革 译", 2002, "商务印书馆", "K835.166.11/K12", 1, ""),
    "薛定谔传": ("沃尔特·穆尔; 班立勤 译", 2001, "中国对外翻译出版公司", "K835.216.11/M98", 1, ""),
    "量子怪杰：保罗·狄拉克传": (
        "格雷厄姆·法米罗; 兰梅 译",
        2015,
        "重庆大学出版社",
        "K835.616.11/F15",
        2,
        "",
    ),
    "冯·诺伊曼传": ("诺曼·麦克雷; 范秀华 译", 2008, "上海科技教育出版社", "K837.126.11/M18", 1, ""),
    "霍金传": (
        "凯蒂·弗格森; 张旭 译",
        2013,
        "湖南科学技术出版社",
        "K835.616.11/F35",
        2,
        "微信读书",
    ),
    "诺贝尔传": ("肯尼·范特; 王康 译", 2012, "商务印书馆", "K835.326.13/F24", 1, ""),
    "巴斯德传": ("帕特里斯·德布雷; 姜志辉 译", 2000, "商务印书馆", "K835.656.15/D42", 1, ""),
    "孟德尔传": ("罗宾·赫尼格; 王乃粒 译", 2001, "上海科技教育出版社", "K835.216.15/H44", 1, ""),
    "门捷列夫传": ("伊·尼·米罗诺娃; 王晓 译", 2005, "湖南少年儿童出版社", "K835.126.13/M65", 1, ""),
    "知无涯者：拉马努金传": (
        "罗伯特·卡尼格尔; 胡乐士 译",
        2008,
        "上海科技教育出版社",
        "K833.516.11/K11",
        2,
        "超星电子书",
    ),
    "高斯：伟大数学家的一生": (
        "维·卡·布尔梅斯特; 胡杨 译",
        2015,
        "科学出版社",
        "K835.166.11/B87",
        1,
        "",
    ),
    "欧拉：数学英雄": ("威廉·邓纳姆; 李继宏 译", 2014, "人民邮电出版社", "K835.226.11/D78", 1, ""),
    "双螺旋": ("詹姆斯·沃森; 贾拥民 译", 2016, "浙江人民出版社", "Q75-09/W89", 2, "超星电子书"),
    "罗莎琳德·富兰克林：DNA 的黑暗女士": (
        "布伦达·马多克斯; 诸葛晓 译",
        2018,
        "上海科技教育出版社",
        "K835.616.15/M13",
        1,
        "",
    ),
    "蕾切尔·卡森传": ("琳达·利尔; 贺天同 译", 2016, "上海译文出版社", "K837.126.15/L48", 1, ""),
    "种子钟扬": ("陈海波", 2019, "上海科学技术出版社", "K826.15/C48", 2, "超星电子书"),
    "林巧稚传": ("张清平", 2011, "天津教育出版社", "K826.2/Z37", 1, ""),
    "梁思成传": ("林洙", 2009, "百花文艺出版社", "K826.16/L53", 1, ""),
    "吴孟超传": ("方鸿辉", 2012, "上海科学技术出版社", "K826.2/F33", 1, ""),
}

# title: (authors, year, publisher, call number, copies, platform, subject)
OTHER_BOOKS = {
    "乡土中国": ("费孝通", 2015, "人民出版社", "C912.82/F391", 3, "超星电子书", "社会学"),
    "给青年的十二封信": ("朱光潜", 2012, "中华书局", "B821-49/Z88", 4, "超星电子书", "大学生活"),
    "如何阅读一本书": (
        "莫提默·J. 艾德勒; 查尔斯·范多伦; 郝明义 译",
        2004,
        "商务印书馆",
        "G792/A38",
        4,
        "微信读书",
        "大学生活",
    ),
    "大学的理念": (
        "约翰·亨利·纽曼; 高师宁 译",
        2001,
        "贵州教育出版社",
        "G640/N87",
        2,
        "",
        "大学生活",
    ),
    "人类群星闪耀时": (
        "斯蒂芬·茨威格; 舒昌善 译",
        2019,
        "生活·读书·新知三联书店",
        "I521.45/Z98",
        3,
        "微信读书",
        "大学生活",
    ),
    "明朝那些事儿": ("当年明月", 2017, "浙江人民出版社", "K248.09/D20", 3, "", "大学生活"),
    "少有人走的路": (
        "M. 斯科特·派克; 于海生 译",
        2007,
        "吉林文史出版社",
        "B821-49/P16",
        4,
        "微信读书",
        "心理健康",
    ),
    "被讨厌的勇气": (
        "岸见一郎; 古贺史健; 渠海霞 译",
        2015,
        "机械工业出版社",
        "B821-49/A53",
        4,
        "微信读书",
        "心理健康",
    ),
    "蛤蟆先生去看心理医生": (
        "罗伯特·戴博德; 陈赢 译",
        2020,
        "天津人民出版社",
        "I561.45/D22",
        3,
        "微信读书",
        "心理健康",
    ),
    "活出生命的意义": (
        "维克多·弗兰克尔; 吕娜 译",
        2018,
        "华夏出版社",
        "B84-065/F78",
        3,
        "",
        "心理健康",
    ),
    "心流：最优体验心理学": (
        "米哈里·契克森米哈赖; 张定绮 译",
        2017,
        "中信出版社",
        "B84-49/Q11",
        2,
        "超星电子书",
        "心理健康",
    ),
    "自卑与超越": (
        "阿尔弗雷德·阿德勒; 曹晚红 译",
        2017,
        "中国友谊出版公司",
        "B84-065/A14",
        2,
        "",
        "心理健康",
    ),
}


def book(title):
    """The book of that title, made once (reused if another demo made it first)."""
    existing = Book.objects.filter(title=title).first()
    if existing is not None:
        return existing
    if title in BIOGRAPHIES:
        authors, year, publisher, call_number, copies, platform = BIOGRAPHIES[title]
        subject = SCIENTISTS_TAG
    else:
        authors, year, publisher, call_number, copies, platform, subject = OTHER_BOOKS[title]
    return BookFactory(
        title=title,
        authors=authors,
        year=year,
        publisher=publisher,
        isbn13="",
        call_number=call_number,
        copies=copies,
        location=SHELF,
        ebook_platform=platform,
        ebook_url=ebook_link(platform, title) if platform else "",
        subjects=[subject],
    )


def _tagged(book_obj, subject):
    if not book_obj.subjects.filter(name=subject).exists():
        book_obj.subjects.add(subject)
    return book_obj


SHELVES = [
    {
        "slug": "scientists-biographies",
        "on_display_since": "2024-03-12",  # the academicians' list came in March
        "title": "院士推荐的科学家传记",
        "title_en": "Scientists' biographies chosen by academicians",
        "theme": "科学史与科学家精神",
        "theme_en": "History of science and the scientific spirit",
        "curator": "院士推荐 · 图书馆阅读推广组",
        "curator_en": "Chosen by academicians, with the library's outreach team",
        "place": "图书馆一楼 思库专架 3",
        "place_en": "Library 1st floor, SiKu display shelf 3",
        "introduction": "<p>我们邀请院士推荐国内外知名科学家的传记，希望青年学子从中汲取科学家追求真理、勇于探索的精神力量。书架上的每一本都有纸本和（能找到的）电子书。</p>",
        "introduction_en": "<p>We asked academicians to recommend biographies of great scientists from China and abroad, so that young students may draw from them the scientists' spirit of seeking truth and daring to explore. Every book here is on the shelf in print and, where one exists, as an e-book.</p>",
        "pinned": [
            (
                "钱学森传",
                "“为真理而求真理”，也为国家所需。——院士推荐语",
                "Truth for its own sake, and for the country's need. (an academician's line)",
            ),
            (
                "邓稼先传",
                "隐姓埋名二十八年，一个科学家的选择。",
                "Twenty-eight years in silence: one scientist's choice.",
            ),
            (
                "居里夫人传",
                "在简陋的棚屋里提炼出镭的坚持。",
                "The persistence that drew radium from a leaking shed.",
            ),
            ("别闹了，费曼先生", "好奇心是最好的老师。", "Curiosity is the best teacher."),
            (
                "天眼：南仁东传",
                "二十二年，为中国造一只看宇宙的眼睛。",
                "Twenty-two years to build China an eye on the universe.",
            ),
        ],
        "fill_tag": SCIENTISTS_TAG,
        "exclude": ["特斯拉传"],
    },
    {
        "slug": "college-life",
        "on_display_since": "2024-09-02",  # for the freshmen, at the start of term
        "title": "大学生活：从这里出发",
        "title_en": "College life: setting out",
        "theme": "大学生发展",
        "theme_en": "College life",
        "curator": "学生工作部 · 图书馆",
        "curator_en": "Student Affairs Office and the library",
        "place": "图书馆一楼 思库专架 1",
        "place_en": "Library 1st floor, SiKu display shelf 1",
        "introduction": "<p>刚进大学，读什么、怎么读、怎样过好这几年？老师和学长们推荐的入门书。</p>",
        "introduction_en": "<p>New to university: what to read, how to read, how to make the most of these years? Starting points recommended by teachers and older students.</p>",
        "pinned": [
            (
                "给青年的十二封信",
                "朱光潜写给青年的信，谈读书、谈动、谈静。",
                "Zhu Guangqian's letters to the young: on reading, on action, on stillness.",
            ),
            (
                "如何阅读一本书",
                "学会读书，是大学的第一课。",
                "Learning to read is the first lesson of university.",
            ),
            (
                "大学的理念",
                "大学为何存在？一百多年前的回答今天依然有力。",
                "Why universities exist: an answer from over a century ago that still holds.",
            ),
            ("人类群星闪耀时", "十四个决定性的历史瞬间。", "Fourteen decisive moments of history."),
            ("明朝那些事儿", "让历史好读起来的一部书。", "History made readable."),
        ],
    },
    {
        "slug": "mental-health",
        "on_display_since": "2024-05-25",  # 5·25, university students' mental health day
        "title": "心理健康：照顾好自己",
        "title_en": "Mental health: taking care of yourself",
        "theme": "心理健康",
        "theme_en": "Mental health",
        "curator": "心理健康教育与咨询中心 · 图书馆",
        "curator_en": "Counselling Centre and the library",
        "place": "图书馆一楼 思库专架 2",
        "place_en": "Library 1st floor, SiKu display shelf 2",
        "introduction": "<p>与心理咨询中心的老师一起选的书：认识情绪、与自己相处、找到意义。需要帮助时，请直接联系心理咨询中心。</p>",
        "introduction_en": "<p>Books chosen with the Counselling Centre: understanding emotions, living with yourself, finding meaning. If you need help, contact the Counselling Centre directly.</p>",
        "pinned": [
            (
                "蛤蟆先生去看心理医生",
                "一本温和的心理咨询入门。",
                "A gentle first look at counselling.",
            ),
            ("少有人走的路", "“人生苦难重重”，然后呢？", "“Life is difficult.” And then?"),
            ("被讨厌的勇气", "阿德勒心理学的对话式导读。", "Adlerian psychology as a dialogue."),
            ("活出生命的意义", "在最黑暗处找到意义。", "Finding meaning in the darkest place."),
            ("心流：最优体验心理学", "专注本身就是一种幸福。", "Focus as a kind of happiness."),
            ("自卑与超越", "", ""),
        ],
    },
]


def shelf_index(home):
    index = ShelfIndexPage.objects.child_of(home).first()
    if index is None:
        index = ShelfIndexPageFactory(
            parent=home,
            title="思库主题书架",
            slug="shelves",
            introduction="<p>思库专架在图书馆一楼。每个主题书架在这里都有一页：纸本的索书号和复本、电子书的链接，一起看。扫描书架上的二维码，也会来到这里。</p>",
        )
    en = Locale.objects.get(language_code="en")
    if index.get_translation_or_none(en) is None:
        translate_page(
            index,
            "en",
            title="SiKu themed shelves",
            introduction="<p>The SiKu display shelves stand on the library's first floor. Each themed shelf has a page here, with the call number and copies of the print book and the e-book link side by side. The QR code on the shelf leads here too.</p>",
        )
    return index


def build():
    home = home_demo.home_page()
    index = shelf_index(home)
    en = Locale.objects.get(language_code="en")
    for title in BIOGRAPHIES:
        _tagged(book(title), SCIENTISTS_TAG)
    for spec in SHELVES:
        shelf = ShelfPage.objects.child_of(index).filter(slug=spec["slug"]).first()
        pinned = [(book(title), note) for title, note, _en in spec["pinned"]]
        if shelf is None:
            from taggit.models import Tag

            tag = Tag.objects.get(name=spec["fill_tag"]) if spec.get("fill_tag") else None
            shelf = ShelfPageFactory(
                parent=index,
                slug=spec["slug"],
                title=spec["title"],
                theme=spec["theme"],
                curator=spec["curator"],
                place=spec["place"],
                on_display_since=datetime.date.fromisoformat(spec["on_display_since"]),
                introduction=spec["introduction"],
                books=pinned,
                theme_tag=tag,
                excluded=[book(title) for title in spec.get("exclude", [])],
            )
        if shelf.get_translation_or_none(en) is None:
            translate_page(
                shelf,
                "en",
                title=spec["title_en"],
                theme=spec["theme_en"],
                curator=spec["curator_en"],
                place=spec["place_en"],
                introduction=spec["introduction_en"],
                items=[
                    ShelfItem(book=b, note=note_en, sort_order=i)
                    for i, ((b, _note), (_t, _n, note_en)) in enumerate(
                        zip(pinned, spec["pinned"], strict=True)
                    )
                ],
            )
