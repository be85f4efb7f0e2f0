# ruff: noqa: E501  (demo prose and data tables read better unwrapped)
"""Demo content for 思库推荐: the campaign “影响我最深的一本书” (since 2018) with its
recommendations in Chinese and English, a column article, two vlogs and a moderation queue.

Drawn from the paper (§3.2.1): readers across the university write on the library's letter
paper; some books are recommended again and again; themes gather around college life, mental
health, career planning and the history of science; an academician recommends scientists'
biographies. The people are invented; the schools are those of the university.

Idempotent: everything is looked up by its slug (pages, recommenders) or title (books) first.
"""

import datetime

from django.core.files.base import ContentFile

from wagtail.documents.models import Document
from wagtail.models import Locale

from reading.demo.books import SHELF, ebook_link
from reading.demo.video import sample_video
from reading.models import (
    Book,
    CampaignIndexPage,
    CampaignPage,
    NameDisplay,
    RecommendationPage,
    Recommender,
    Submission,
)
from tests.factories import (
    BookFactory,
    CampaignIndexPageFactory,
    CampaignPageFactory,
    ColumnArticlePageFactory,
    RecommendationPageFactory,
    RecommenderFactory,
    SubmissionFactory,
    translate_page,
)
from website.home import demo as home_demo

SCHOOLS = {
    "理学院": "College of Science",
    "工学院": "College of Engineering",
    "生命科学学院": "School of Life Sciences",
    "商学院": "Business School",
    "人文社会科学学院": "School of Humanities and Social Sciences",
    "医学院": "School of Medicine",
    "图书馆": "University Library",
    "学生工作部": "Student Affairs Office",
}

THEMES = {
    "科学史与科学家精神": "History of science",
    "大学生发展": "College life",
    "心理健康": "Mental health",
    "职业生涯规划": "Career planning",
    "人生态度": "Outlook on life",
    "社会与历史": "Society and history",
    "文学经典": "Literary classics",
}

# slug: (name, English name, role, school, name display, distinction, English distinction)
RECOMMENDERS = {
    "chen-lifeng": (
        "陈立峰",
        "Chen Lifeng",
        "faculty",
        "理学院",
        "full",
        "中国科学院院士",
        "Academician of the Chinese Academy of Sciences",
    ),
    "zhou-min": (
        "周敏",
        "Zhou Min",
        "faculty",
        "生命科学学院",
        "full",
        "讲席教授",
        "Chair Professor",
    ),
    "he-yu": ("何宇", "He Yu", "faculty", "工学院", "full", "副教授", "Associate Professor"),
    "lin-jing": ("林静", "Lin Jing", "faculty", "人文社会科学学院", "full", "", ""),
    "xu-hao": ("许浩", "Xu Hao", "faculty", "商学院", "full", "", ""),
    "wang-li": ("王丽", "Wang Li", "staff", "图书馆", "full", "阅读推广馆员", "Outreach librarian"),
    "zhao-qiang": ("赵强", "Zhao Qiang", "staff", "学生工作部", "full", "", ""),
    "sun-yue": ("孙悦", "Sun Yue", "student", "理学院", "full", "", ""),
    "li-ming": ("李明", "Li Ming", "student", "工学院", "initials", "", ""),
    "zhang-xin": ("张欣", "Zhang Xin", "student", "生命科学学院", "full", "", ""),
    "liu-yang": ("刘洋", "Liu Yang", "student", "商学院", NameDisplay.ANONYMOUS, "", ""),
    "yang-fan": ("杨帆", "Yang Fan", "student", "人文社会科学学院", "full", "", ""),
    "huang-lei": ("黄磊", "Huang Lei", "student", "医学院", "initials", "", ""),
    "wu-di": ("吴迪", "Wu Di", "student", "工学院", "full", "", ""),
    "zheng-shu": ("郑舒", "Zheng Shu", "alumni", "理学院", "full", "2019届校友", "Class of 2019"),
    "emily-hart": (
        "Emily Hart",
        "Emily Hart",
        "faculty",
        "人文社会科学学院",
        "full",
        "Lecturer in English",
        "Lecturer in English",
    ),
}

# title: (authors, year, publisher, call number, copies, e-book platform)
BOOKS = {
    "三体": ("刘慈欣", 2008, "重庆出版社", "I247.55/L62", 6, "超星电子书"),
    "人类简史": ("尤瓦尔·赫拉利; 林俊宏 译", 2014, "中信出版社", "K02/H39", 4, "微信读书"),
    "平凡的世界": ("路遥", 2012, "北京十月文艺出版社", "I247.57/L89", 5, ""),
    "活着": ("余华", 2012, "作家出版社", "I247.57/Y92", 5, "超星电子书"),
    "钱学森传": ("叶永烈", 2010, "浙江人民出版社", "K826.16/Y41", 3, "超星电子书"),
    "别闹了，费曼先生": (
        "理查德·费曼; 吴程远 译",
        2012,
        "生活·读书·新知三联书店",
        "K837.126.11/F39",
        3,
        "",
    ),
    "双螺旋": ("詹姆斯·沃森; 贾拥民 译", 2016, "浙江人民出版社", "Q75-09/W89", 2, "超星电子书"),
    "寂静的春天": ("蕾切尔·卡森; 吕瑞兰 译", 2014, "上海译文出版社", "X5/K12", 3, ""),
    "乡土中国": ("费孝通", 2013, "北京大学出版社", "C912.82/F32", 4, "超星电子书"),
    "万历十五年": ("黄仁宇", 2006, "生活·读书·新知三联书店", "K248.3/H89", 3, ""),
    "被讨厌的勇气": (
        "岸见一郎; 古贺史健; 渠海霞 译",
        2015,
        "机械工业出版社",
        "B821-49/A53",
        4,
        "微信读书",
    ),
    "月亮与六便士": ("毛姆; 傅惟慈 译", 2016, "上海译文出版社", "I561.45/M31", 3, ""),
    "自私的基因": ("理查德·道金斯; 卢允中 译", 2012, "中信出版社", "Q343.1/D19", 2, "超星电子书"),
    "从一到无穷大": ("乔治·伽莫夫; 暴永宁 译", 2002, "科学出版社", "N49/J26", 3, ""),
    "思考，快与慢": ("丹尼尔·卡尼曼; 胡晓姣 译", 2012, "中信出版社", "B842.5/K13", 3, "微信读书"),
    "浪潮之巅": ("吴军", 2019, "人民邮电出版社", "F471.266/W81", 3, "超星电子书"),
    "居里夫人传": ("艾芙·居里; 左明彻 译", 2015, "商务印书馆", "K835.656.13/J97", 2, ""),
    "数学之美": ("吴军", 2014, "人民邮电出版社", "O1-49/W81", 3, "超星电子书"),
    "瓦尔登湖": ("亨利·戴维·梭罗; 徐迟 译", 2009, "上海译文出版社", "I712.64/S93", 2, ""),
    "时间简史": (
        "史蒂芬·霍金; 许明贤 译",
        2010,
        "湖南科学技术出版社",
        "P159-49/H91",
        3,
        "超星电子书",
    ),
    "The Structure of Scientific Revolutions": (
        "Thomas S. Kuhn",
        2012,
        "University of Chicago Press",
        "N09/K96",
        1,
        "ProQuest Ebook Central",
    ),
    "围城": ("钱锺书", 1991, "人民文学出版社", "I246.5/Q42", 4, ""),
}

# A recommendation with a vlog plays the demo's sample video (see `sample_vlog`).
SAMPLE_VLOG = "sample"
SAMPLE_VLOG_TITLE = "SiKu vlog sample (demo)"

# (slug, book, recommender, date, themes, Chinese text, English text, vlog)
RECOMMENDATIONS = [
    (
        "santi-sun-yue",
        "三体",
        "sun-yue",
        "2018-04-23",
        ["科学史与科学家精神", "大学生发展"],
        "读《三体》时我刚进大学。宏大的宇宙观让我第一次意识到文明与科学的脆弱和珍贵，也让我决定认真对待物理课上的每一个公式。",
        "I read The Three-Body Problem in my first term. Its cosmic scale showed me how fragile and precious civilisation and science are, and made me take every equation in my physics classes seriously.",
        "",
    ),
    (
        "santi-wu-di",
        "三体",
        "wu-di",
        "2020-04-23",
        ["大学生发展"],
        "“给岁月以文明，而不是给文明以岁月。”这句话陪我度过了疫情期间的网课学期。",
        "“Give civilisation to the years, not years to civilisation.” That line carried me through a semester of online classes during the pandemic.",
        "",
    ),
    (
        "santi-zheng-shu",
        "三体",
        "zheng-shu",
        "2023-04-23",
        ["人生态度"],
        "毕业后再读《三体》，读到的不再是科幻，而是关于选择和责任的故事。推荐给每一位即将毕业的学弟学妹。",
        "Reading it again after graduating, I found not science fiction but a story about choices and responsibility. For everyone about to graduate.",
        "",
    ),
    (
        "qian-xuesen-chen",
        "钱学森传",
        "chen-lifeng",
        "2019-04-23",
        ["科学史与科学家精神"],
        "钱学森先生的一生告诉我们，科学家的志向与国家的需要可以是一回事。青年学子读这本书，会懂得什么叫“为真理而求真理”，也会懂得什么叫担当。",
        "Qian Xuesen's life shows that a scientist's ambition and the needs of a country can be one and the same. Young students will learn from it what it means to seek truth for its own sake, and what it means to take responsibility.",
        SAMPLE_VLOG,
    ),
    (
        "curie-chen",
        "居里夫人传",
        "chen-lifeng",
        "2021-04-23",
        ["科学史与科学家精神"],
        "在简陋的棚屋里提炼镭的居里夫人，是我做学生时的榜样。科学的精神，是在没有条件时创造条件。",
        "Marie Curie refining radium in a leaking shed was my model as a student. The spirit of science is to create the conditions when there are none.",
        "",
    ),
    (
        "double-helix-zhou",
        "双螺旋",
        "zhou-min",
        "2019-04-23",
        ["科学史与科学家精神"],
        "这不是一本教科书式的科学史，而是一个关于竞争、灵感与合作的真实故事。每个想做科研的同学都应该读一读，也应该读一读书里被忽视的罗莎琳德·富兰克林。",
        "Not a textbook history of science but a true story of rivalry, insight and collaboration. Everyone who wants to do research should read it, and read about Rosalind Franklin, whom it overlooks.",
        "",
    ),
    (
        "selfish-gene-zhang",
        "自私的基因",
        "zhang-xin",
        "2022-04-23",
        ["科学史与科学家精神"],
        "它改变了我看待生命的方式：从基因的角度看进化，很多问题豁然开朗。这本书让我选择了生物学专业。",
        "It changed how I see life: seen from the gene's point of view, evolution suddenly makes sense. This book is why I chose biology.",
        "",
    ),
    (
        "silent-spring-zhou",
        "寂静的春天",
        "zhou-min",
        "2024-04-23",
        ["科学史与科学家精神", "社会与历史"],
        "一位科学家用优美而坚定的文字改变了一个国家的环境政策。科学写作的力量，莫过于此。",
        "A scientist whose clear and steady prose changed a country's environmental policy. There is no better example of what science writing can do.",
        "",
    ),
    (
        "feynman-he",
        "别闹了，费曼先生",
        "he-yu",
        "2018-04-23",
        ["科学史与科学家精神", "大学生发展"],
        "费曼告诉我，好奇心是做科研最好的老师。开保险柜、打鼓、画画，他把对世界的好奇带进了物理学。",
        "Feynman taught me that curiosity is the best teacher in research. Safecracking, drumming, drawing: he brought his curiosity about everything into physics.",
        "",
    ),
    (
        "feynman-sun",
        "别闹了，费曼先生",
        "sun-yue",
        "2021-04-23",
        ["大学生发展", "人生态度"],
        "读完这本书，我不再害怕在课堂上提“傻问题”。",
        "After this book I stopped being afraid of asking “silly questions” in class.",
        "",
    ),
    (
        "gamow-wu",
        "从一到无穷大",
        "wu-di",
        "2019-04-23",
        ["科学史与科学家精神"],
        "高中时读不懂，大学时读得津津有味。伽莫夫把数学和物理讲得像故事一样好听。",
        "Too hard for me at school, a delight at university. Gamow tells mathematics and physics like stories.",
        "",
    ),
    (
        "brief-history-time-li",
        "时间简史",
        "li-ming",
        "2020-04-23",
        ["科学史与科学家精神"],
        "霍金让我明白，宇宙最深的奥秘也可以用普通人能读懂的语言来讲述。",
        "Hawking showed me that the deepest mysteries of the universe can be told in words anyone can read.",
        "",
    ),
    (
        "beauty-of-math-he",
        "数学之美",
        "he-yu",
        "2022-04-23",
        ["职业生涯规划"],
        "搜索引擎、语音识别背后都是简单而优美的数学。推荐给所有学计算机和电子的同学。",
        "Behind search engines and speech recognition lie simple and beautiful mathematics. For every student of computing and electronics.",
        "",
    ),
    (
        "kuhn-hart",
        "The Structure of Scientific Revolutions",
        "emily-hart",
        "2023-04-23",
        ["科学史与科学家精神"],
        "库恩提出的“范式”一词如今人人在用，但很少有人真正读过原书。它会改变你对“科学进步”的理解。",
        "Everyone uses Kuhn's word “paradigm”, but few have read the book. It will change what you think scientific progress is.",
        "",
    ),
    (
        "sapiens-xu",
        "人类简史",
        "xu-hao",
        "2018-04-23",
        ["社会与历史"],
        "赫拉利用“想象的共同体”解释了货币、公司和国家。作为商学院老师，我推荐学生从这里开始理解商业的本质。",
        "Harari explains money, companies and nations as shared fictions. As a business school teacher, I send students here to begin understanding what business is.",
        "",
    ),
    (
        "sapiens-liu",
        "人类简史",
        "liu-yang",
        "2021-04-23",
        ["社会与历史", "大学生发展"],
        "这本书打开了我的视野：原来历史可以这样写，原来我们习以为常的东西都有来历。",
        "It opened my eyes: history can be written like this, and everything we take for granted has a past.",
        "",
    ),
    (
        "ordinary-world-zhao",
        "平凡的世界",
        "zhao-qiang",
        "2018-04-23",
        ["人生态度", "文学经典"],
        "孙少平在矿井下读书的样子，我到今天都记得。平凡的人，也可以有不平凡的精神世界。",
        "I still remember Sun Shaoping reading at the bottom of the mine. Ordinary people can have an extraordinary inner life.",
        "",
    ),
    (
        "ordinary-world-huang",
        "平凡的世界",
        "huang-lei",
        "2022-04-23",
        ["人生态度", "大学生发展"],
        "医学生的日子很苦，每当想放弃的时候，我就想起少安和少平兄弟。",
        "Medical school is hard. Whenever I want to give up, I think of the brothers Shao'an and Shaoping.",
        "",
    ),
    (
        "to-live-lin",
        "活着",
        "lin-jing",
        "2019-04-23",
        ["人生态度", "文学经典"],
        "余华用最平静的语言写最深的苦难。读完《活着》，你会重新理解“活着”这两个字的分量。",
        "Yu Hua writes the deepest suffering in the calmest words. After this book you will weigh the word “living” differently.",
        "",
    ),
    (
        "to-live-yang",
        "活着",
        "yang-fan",
        "2024-04-23",
        ["人生态度", "心理健康"],
        "在最焦虑的大三，这本书让我学会了放下比较，先好好地生活。",
        "In my most anxious third year, this book taught me to stop comparing and simply live well first.",
        "",
    ),
    (
        "courage-wang",
        "被讨厌的勇气",
        "wang-li",
        "2020-04-23",
        ["心理健康", "人生态度"],
        "很多同学来图书馆借这本书。它用对话的形式讲阿德勒心理学：我们无法改变过去，但可以选择现在。",
        "Many students borrow this book from us. In dialogue it explains Adler's psychology: we cannot change the past, but we can choose the present.",
        "",
    ),
    (
        "courage-liu",
        "被讨厌的勇气",
        "liu-yang",
        "2023-04-23",
        ["心理健康"],
        "学会“课题分离”之后，我不再那么在意别人的评价了。",
        "Once I learned to separate my tasks from other people's, I stopped living for their approval.",
        "",
    ),
    (
        "thinking-xu",
        "思考，快与慢",
        "xu-hao",
        "2021-04-23",
        ["职业生涯规划"],
        "每一个要做决策的人都该读：我们的直觉比想象中更容易出错。",
        "For everyone who has to make decisions: our intuition fails more often than we think.",
        "",
    ),
    (
        "waves-li",
        "浪潮之巅",
        "li-ming",
        "2019-04-23",
        ["职业生涯规划"],
        "从 IBM 到谷歌，科技公司的兴衰让我开始思考自己想站在哪一波浪潮上。",
        "From IBM to Google, the rise and fall of technology companies made me think about which wave I want to ride.",
        "",
    ),
    (
        "moon-yang",
        "月亮与六便士",
        "yang-fan",
        "2020-04-23",
        ["文学经典", "职业生涯规划"],
        "满地都是六便士，他却抬头看见了月光。这本书让我鼓起勇气转到了自己真正热爱的专业。",
        "The ground was covered in sixpences, and he looked up at the moon. It gave me the courage to change to the subject I love.",
        "",
    ),
    (
        "xiangtu-lin",
        "乡土中国",
        "lin-jing",
        "2018-04-23",
        ["社会与历史"],
        "费孝通先生的“差序格局”至今仍是理解中国社会的钥匙。篇幅不长，却值得反复读。",
        "Fei Xiaotong's “differential mode of association” is still the key to Chinese society. A short book worth reading many times.",
        "",
    ),
    (
        "wanli-zheng",
        "万历十五年",
        "zheng-shu",
        "2020-04-23",
        ["社会与历史"],
        "一个“平淡无奇”的年份，却藏着一个王朝由盛转衰的全部秘密。",
        "An “uneventful” year that holds every secret of a dynasty's decline.",
        "",
    ),
    (
        "walden-wang",
        "瓦尔登湖",
        "wang-li",
        "2022-04-23",
        ["心理健康", "人生态度"],
        "在信息过载的时代，梭罗提醒我们：简单地生活，认真地思考。",
        "In an age of information overload, Thoreau reminds us to live simply and think carefully.",
        "",
    ),
    (
        "fortress-zhang",
        "围城",
        "zhang-xin",
        "2019-04-23",
        ["文学经典", "大学生发展"],
        "方鸿渐的留学与求职，今天读来依然亲切又好笑。钱锺书的比喻，句句精彩。",
        "Fang Hongjian's years abroad and his search for a job are still funny and familiar. Every one of Qian Zhongshu's similes sparkles.",
        "",
    ),
    (
        "santi-he",
        "三体",
        "he-yu",
        "2025-04-23",
        ["科学史与科学家精神"],
        "作为工科老师，我欣赏的是书中对工程的想象：太空电梯、曲率驱动，每一个都是一道值得思考的工程题。",
        "As an engineer, I love the book's engineering imagination: space elevators, curvature drives, each one a problem worth thinking through.",
        SAMPLE_VLOG,
    ),
    (
        "to-live-huang",
        "活着",
        "huang-lei",
        "2025-04-23",
        ["心理健康"],
        "在医院见习时，我常想起福贵。尊重每一个生命，是医生的第一课。",
        "During my clinical placement I often thought of Fugui. Respect for every life is a doctor's first lesson.",
        "",
    ),
    (
        "curie-zhang",
        "居里夫人传",
        "zhang-xin",
        "2024-04-23",
        ["科学史与科学家精神", "职业生涯规划"],
        "作为一名想走科研道路的女生，居里夫人给了我最大的勇气。",
        "As a woman who wants a life in research, Marie Curie gives me courage more than anyone.",
        "",
    ),
]

COLUMN_SLUG = "scientists-lives"


def _locale(code):
    return Locale.objects.get(language_code=code)


def _book(title):
    book = Book.objects.filter(title=title).first()
    if book is not None:
        return book
    authors, year, publisher, call_number, copies, platform = BOOKS[title]
    language = "en" if title.isascii() else "zh"
    return BookFactory(
        title=title,
        authors=authors,
        year=year,
        publisher=publisher,
        isbn13="",
        call_number=call_number,
        copies=copies,
        location=SHELF,
        language=language,
        ebook_platform=platform,
        ebook_url=ebook_link(platform, title) if platform else "",
    )


def _recommender(slug):
    existing = Recommender.objects.filter(slug=slug).first()
    if existing is not None:
        return existing
    name, name_en, role, school, display, distinction, distinction_en = RECOMMENDERS[slug]
    return RecommenderFactory(
        slug=slug,
        name=name,
        name_en=name_en,
        role=role,
        school=school,
        school_en=SCHOOLS[school],
        name_display=display,
        distinction=distinction,
        distinction_en=distinction_en,
        email=f"{slug}@mail.example.edu",
    )


def _campaign(home):
    index = CampaignIndexPage.objects.filter(locale=home.locale, slug="siku").first()
    if index is None:
        index = CampaignIndexPageFactory(
            parent=home,
            slug="siku",
            title="思库推荐",
            intro="<p>“思库”，寓意思想碰撞的智库。师生推荐对自己影响深刻的书，图书馆收藏、展示、传播。</p>",
        )
    if not index.get_translations().filter(locale__language_code="en").exists():
        translate_page(
            index,
            "en",
            title="SiKu Recommends",
            intro="<p>SiKu — a think tank where ideas meet. Students and staff recommend the books that shaped them; the library collects, shows and shares them.</p>",
        )
    campaign = CampaignPage.objects.filter(locale=home.locale, slug="the-one-book").first()
    if campaign is None:
        campaign = CampaignPageFactory(
            parent=index,
            slug="the-one-book",
            title="影响我最深的一本书",
            intro="自 2018 年起，面向全校师生征集“对我影响深刻的一本书”。",
            call_for_recommendations=(
                "<p>请写下一本对你影响深刻的书：书名、作者，以及它为什么打动了你。"
                "你可以在图书馆特制的思库信笺上手写推荐语（拍照或扫描上传），也可以直接在线填写。</p>"
                "<p>推荐的图书将陈列在图书馆一楼“思库专架”，并在“思库推荐”专栏推文中与大家分享。</p>"
            ),
            starts_on=datetime.date(2018, 4, 23),
            accepting_submissions=True,
        )
    if not campaign.get_translations().filter(locale__language_code="en").exists():
        translate_page(
            campaign,
            "en",
            title="The one book that influenced me most",
            intro="Since 2018 the library has asked students and staff for the one book that influenced them most.",
            call_for_recommendations=(
                "<p>Tell us about one book that shaped you: its title, its author and why it moved you. "
                "Write by hand on the library's SiKu letter paper (and upload a photo or scan), or type it online.</p>"
                "<p>Recommended books are displayed on the SiKu shelf on the library's 1st floor and shared "
                "in the SiKu Recommends column.</p>"
            ),
        )
    return index, campaign


def _set_themes(page, names):
    page.themes.set(names)
    page.save_revision().publish()


def sample_vlog():
    """The demo's vlog: a three-second title card (`reading.demo.video`), stored as a
    document once. A file the site serves itself, so that no demo page links a reader to a
    video host that does not exist."""
    document = Document.objects.filter(title=SAMPLE_VLOG_TITLE).first()
    if document is not None:
        return document
    content = sample_video("思库推荐 · 读书 vlog", "SiKu Recommends · a reading vlog")
    document = Document(title=SAMPLE_VLOG_TITLE)
    document.file.save("siku-vlog-sample.webm", ContentFile(content), save=False)
    document.save()
    return document


def _recommendations(campaign):
    english = _locale("en")
    pages = {}
    for slug, title, who, date, themes, text_zh, text_en, vlog in RECOMMENDATIONS:
        page = RecommendationPage.objects.filter(locale=campaign.locale, slug=slug).first()
        if page is None:
            page = RecommendationPageFactory(
                parent=campaign,
                slug=slug,
                title=title,
                book=_book(title),
                recommender=_recommender(who),
                text=text_zh,
                recommended_on=datetime.date.fromisoformat(date),
                vlog_file=sample_vlog() if vlog else None,
                themes=themes,
            )
        if page.get_translation_or_none(english) is None:
            translation = translate_page(page, "en", text=text_en)
            _set_themes(translation, [THEMES[name] for name in themes])
        pages[slug] = page
    return pages


def _column(campaign, pages):
    article = campaign.get_children().filter(slug=COLUMN_SLUG, locale=campaign.locale).first()
    if article is None:
        article = ColumnArticlePageFactory(
            parent=campaign,
            slug=COLUMN_SLUG,
            title="思库推荐 · 院士和老师们推荐的科学家传记",
            intro="科学家追求真理、勇于探索的精神，是青年学子最好的榜样。本期专栏，听院士和老师们讲讲影响他们的那本传记。",
            published_on=datetime.date(2024, 5, 20),
            byline="图书馆阅读推广部",
            body=[
                ("text", "<p>在“思库推荐”收到的推荐中，科学家传记一直是最受关注的主题之一。</p>"),
                ("recommendation", {"recommendation": pages["qian-xuesen-chen"], "excerpt": ""}),
                (
                    "recommendations",
                    {
                        "heading": "更多科学家的故事",
                        "recommendations": [
                            pages["curie-chen"],
                            pages["double-helix-zhou"],
                            pages["feynman-he"],
                        ],
                    },
                ),
                (
                    "text",
                    "<p>以上图书均陈列在图书馆一楼“思库专架”，电子书可在校园网内直接阅读。</p>",
                ),
            ],
        )
    if not article.get_translations().filter(locale__language_code="en").exists():
        translate_page(
            article,
            "en",
            title="SiKu Recommends: scientists' lives chosen by an academician and our teachers",
            intro="The spirit of scientists who seek the truth and dare to explore is the best example for young people. "
            "In this column, an academician and teachers talk about the biography that shaped them.",
            byline="Reading Promotion, University Library",
            body=[
                (
                    "text",
                    "<p>Scientists' biographies have always been among the most recommended books in SiKu.</p>",
                ),
                ("recommendation", {"recommendation": pages["qian-xuesen-chen"], "excerpt": ""}),
                (
                    "recommendations",
                    {
                        "heading": "More scientists' stories",
                        "recommendations": [
                            pages["curie-chen"],
                            pages["double-helix-zhou"],
                            pages["feynman-he"],
                        ],
                    },
                ),
                (
                    "text",
                    "<p>All these books are on the SiKu shelf on the library's 1st floor; the e-books can be read on the campus network.</p>",
                ),
            ],
        )
    return article


def _queue(campaign):
    """A few submissions waiting for moderation, one of them a book already recommended."""
    if Submission.objects.filter(campaign=campaign).exists():
        return
    SubmissionFactory(
        campaign=campaign,
        name="陈晓",
        role="student",
        school="理学院",
        email="chenxiao@mail.example.edu",
        title="《三体》",
        author="刘慈欣 著",
        text="读《三体》让我爱上了天文学，现在我每周都去天文社观星。",
        book=Book.objects.filter(title="三体").first(),
    )
    SubmissionFactory(
        campaign=campaign,
        name="Tom Lee",
        role="student",
        school="商学院",
        email="tom.lee@mail.example.edu",
        title="Thinking, Fast and Slow",
        author="Daniel Kahneman",
        text="It taught me to distrust my first answer, in exams and in life.",
        language="en",
        name_display="initials",
    )
    SubmissionFactory(
        campaign=campaign,
        name="郭婷",
        role="staff",
        school="医学院",
        email="guoting@mail.example.edu",
        title="红楼梦",
        author="曹雪芹",
        text="每读一遍都有新的体会，是一部关于人情世故的百科全书。",
        name_display="full",
    )


def build():
    home = home_demo.home_page()
    index, campaign = _campaign(home)
    pages = _recommendations(campaign)
    _column(campaign, pages)
    _queue(campaign)
