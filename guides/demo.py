"""Demo guides modelled on the paper (§3.2.2): English learning with its five parts, Excel
skills, EndNote, generative-AI tools, an English for Academic Purposes course guide and two
subject guides, sharing one set of databases, videos, web tools and books, in Chinese with
English translations, plus the guide index and the A–Z database list.

Built with the test factories; running it again finds what exists and adds nothing twice.
"""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify

from guides.models import Database, GuideIndexPage, GuidePage, LibrarianProfile, Video, WebTool
from reading.demo import video as video_demo
from reading.demo.books import FOREIGN, ZH_STACKS, ebook_link
from reading.demo.video import sample_video
from reading.models import Book
from tests.factories import (
    BookFactory,
    DatabaseFactory,
    DatabaseListPageFactory,
    GuideIndexPageFactory,
    GuidePageFactory,
    LibrarianProfileFactory,
    SubjectFactory,
    VideoFactory,
    WebToolFactory,
    translate_page,
)
from tests.factories.books import _isbn13
from tests.factories.guides import (
    books,
    box,
    catalogue_search,
    databases,
    links,
    section,
    text,
    videos,
    webtools,
)
from website.home import demo as home_demo

SUBJECTS = [
    ("english", "英语学习", "English learning"),
    ("information-literacy", "信息素养", "Information literacy"),
    ("physics", "物理", "Physics"),
    ("materials", "材料科学", "Materials science"),
    ("biology", "生物学", "Biology"),
    ("computing", "计算机与人工智能", "Computing and AI"),
]

# (name_zh, name_en, url, access, type, vendor, subjects, best bets, description zh, en, new)
DATABASES = [
    (
        "新东方多媒体学习库",
        "New Oriental Multimedia Learning Library",
        "https://library.koolearn.com/",
        "campus",
        "language",
        "新东方",
        ["english"],
        ["english"],
        "四六级、考研、雅思托福与出国留学的视频课程和题库。",
        "Video courses and practice tests for CET, IELTS, TOEFL and graduate entrance exams.",
        False,
    ),
    (
        "智课英语学习平台",
        "Smartstudy English",
        "https://www.smartstudy.com/",
        "registration",
        "language",
        "智课",
        ["english"],
        [],
        "雅思、托福、GRE 的在线课程与口语写作批改，需用学校邮箱注册。",
        "Online IELTS, TOEFL and GRE courses with speaking and writing feedback; register with "
        "your university email.",
        True,
    ),
    (
        "中国知网",
        "CNKI",
        "https://www.cnki.net/",
        "vpn",
        "articles",
        "同方知网",
        ["physics", "materials", "biology", "information-literacy"],
        [],
        "中文期刊、学位论文、会议论文与年鉴。",
        "Chinese journals, theses, proceedings and yearbooks.",
        False,
    ),
    (
        "万方数据知识服务平台",
        "Wanfang Data",
        "https://www.wanfangdata.com.cn/",
        "vpn",
        "articles",
        "万方数据",
        ["biology", "materials"],
        [],
        "中文期刊、学位论文、标准与专利。",
        "Chinese journals, theses, standards and patents.",
        False,
    ),
    (
        "Web of Science 核心合集",
        "Web of Science Core Collection",
        "https://www.webofscience.com/",
        "vpn",
        "citation",
        "Clarivate",
        ["physics", "materials", "biology", "information-literacy"],
        ["physics", "biology"],
        "多学科引文索引，查找高被引论文和引文网络。",
        "Multidisciplinary citation index: find highly cited papers and follow citations.",
        False,
    ),
    (
        "ScienceDirect",
        "ScienceDirect",
        "https://www.sciencedirect.com/",
        "vpn",
        "articles",
        "Elsevier",
        ["materials", "biology"],
        ["materials"],
        "Elsevier 出版的期刊与图书全文。",
        "Full text of Elsevier journals and books.",
        False,
    ),
    (
        "美国物理学会期刊",
        "APS Journals",
        "https://journals.aps.org/",
        "campus",
        "articles",
        "American Physical Society",
        ["physics"],
        ["physics"],
        "Physical Review 系列期刊全文。",
        "The Physical Review journals in full text.",
        False,
    ),
    (
        "IOP 电子期刊",
        "IOPscience",
        "https://iopscience.iop.org/",
        "campus",
        "articles",
        "IOP Publishing",
        ["physics", "materials"],
        [],
        "英国物理学会出版的物理与材料期刊。",
        "Physics and materials journals of IOP Publishing.",
        False,
    ),
    (
        "SpringerMaterials",
        "SpringerMaterials",
        "https://materials.springer.com/",
        "campus",
        "data",
        "Springer Nature",
        ["materials"],
        ["materials"],
        "材料性质数据与相图。",
        "Materials property data and phase diagrams.",
        True,
    ),
    (
        "PubMed",
        "PubMed",
        "https://pubmed.ncbi.nlm.nih.gov/",
        "open",
        "articles",
        "NCBI",
        ["biology"],
        ["biology"],
        "生物医学文献摘要库，免费开放。",
        "Free index of the biomedical literature.",
        False,
    ),
    (
        "Cell Press 期刊",
        "Cell Press",
        "https://www.cell.com/",
        "campus",
        "articles",
        "Elsevier",
        ["biology"],
        [],
        "Cell 及其子刊。",
        "Cell and its sister journals.",
        False,
    ),
    (
        "Scopus AI",
        "Scopus AI",
        "https://www.scopus.com/",
        "vpn",
        "citation",
        "Elsevier",
        ["computing", "information-literacy"],
        [],
        "基于 Scopus 文献的生成式 AI 问答与综述，试用中。",
        "Generative-AI answers and overviews grounded in Scopus records; on trial.",
        True,
    ),
]

VIDEOS = [
    (
        "利用图书馆资源提高英语水平",
        "Improving your English with library resources",
        "学科馆员介绍图书馆的英语学习资源：纸本、数据库、网站与 App。",
        "A subject librarian tours the library's English-learning resources.",
    ),
    (
        "Excel 实用技巧：数据透视表",
        "Excel skills: pivot tables",
        "数据透视表与切片器：从原始数据到汇总报表。",
        "Pivot tables and slicers: from raw data to a summary report.",
    ),
    (
        "EndNote 入门：建库、导入与引用",
        "EndNote basics: library, import and citing",
        "从数据库导入题录，在 Word 中插入引文并生成参考文献。",
        "Import records from databases, cite while you write in Word, build the bibliography.",
    ),
    (
        "生成式 AI 工具在学习与科研中的使用",
        "Generative AI in study and research",
        "能力、局限与学术诚信。",
        "What the tools can and cannot do, and academic integrity.",
    ),
    (
        "如何检索物理与材料文献",
        "Finding physics and materials literature",
        "Web of Science、APS 与 SpringerMaterials 的检索技巧。",
        "Searching Web of Science, APS journals and SpringerMaterials.",
    ),
]

# (name_zh, name_en, url, kind, platforms, pricing, note zh, note en)
WEB_TOOLS = [
    (
        "",
        "Grammarly",
        "https://www.grammarly.com/",
        "extension",
        ["web", "chrome", "edge", "windows", "macos"],
        "freemium",
        "英文语法、拼写与用词检查；免费版即可满足日常写作。",
        "Checks grammar, spelling and word choice; the free plan covers everyday writing.",
    ),
    (
        "TED 演讲",
        "TED",
        "https://www.ted.com/",
        "website",
        ["web", "ios", "android"],
        "free",
        "带双语字幕的演讲，适合练习听力。",
        "Talks with subtitles: listening practice.",
    ),
    (
        "百词斩",
        "Baicizhan",
        "https://www.baicizhan.com/",
        "app",
        ["ios", "android"],
        "freemium",
        "用图片背单词的 App。",
        "A vocabulary app that pairs words with pictures.",
    ),
    (
        "",
        "Academic Phrasebank",
        "https://www.phrasebank.manchester.ac.uk/",
        "website",
        ["web"],
        "free",
        "曼彻斯特大学的学术写作常用句型库。",
        "The University of Manchester's bank of phrases for academic writing.",
    ),
    (
        "",
        "Purdue OWL",
        "https://owl.purdue.edu/",
        "website",
        ["web"],
        "free",
        "普渡大学在线写作实验室：写作与引文格式。",
        "Purdue's Online Writing Lab: writing and citation styles.",
    ),
    (
        "",
        "ExcelJet",
        "https://exceljet.net/",
        "website",
        ["web"],
        "free",
        "Excel 函数与快捷键速查。",
        "Excel functions and shortcuts, explained briefly.",
    ),
    (
        "",
        "EndNote",
        "https://endnote.com/downloads/",
        "desktop",
        ["windows", "macos"],
        "licensed",
        "图书馆购买的文献管理软件，校内下载安装。",
        "Reference manager licensed by the library; download it on campus.",
    ),
    (
        "深度求索",
        "DeepSeek",
        "https://chat.deepseek.com/",
        "website",
        ["web", "ios", "android"],
        "free",
        "中文能力强的大语言模型对话工具。",
        "A large-language-model chat strong in Chinese.",
    ),
    (
        "Kimi 智能助手",
        "Kimi",
        "https://kimi.moonshot.cn/",
        "website",
        ["web", "ios", "android"],
        "free",
        "擅长长文档阅读与总结。",
        "Reads and summarises long documents.",
    ),
    (
        "",
        "Perplexity",
        "https://www.perplexity.ai/",
        "website",
        ["web", "ios", "android"],
        "freemium",
        "给出来源链接的 AI 搜索。",
        "AI search that cites its sources.",
    ),
]

# (title, authors, publisher, year, call number, copies, has an e-book)
BOOKS = [
    ("牛津高阶英汉双解词典", "霍恩比", "商务印书馆", 2018, "H316/H81", 6, ""),
    ("朗文当代高级英语辞典", "培生教育出版集团", "外语教学与研究出版社", 2019, "H316/L26", 4, ""),
    (
        "书虫·牛津英汉双语读物",
        "Oxford University Press",
        "外语教学与研究出版社",
        2020,
        "H319.4/S74",
        12,
        True,
    ),
    (
        "They Say / I Say",
        "Gerald Graff; Cathy Birkenstein",
        "W. W. Norton",
        2021,
        "H315/G737",
        3,
        True,
    ),
    (
        "Academic Writing for Graduate Students",
        "John M. Swales; Christine B. Feak",
        "University of Michigan Press",
        2012,
        "H315/S971",
        2,
        "",
    ),
    (
        "Excel 数据处理与分析实战",
        "ExcelHome",
        "人民邮电出版社",
        2022,
        "TP391.13/E96",
        3,
        True,
    ),
    ("费恩曼物理学讲义", "费恩曼; 莱顿; 桑兹", "上海科学技术出版社", 2013, "O4/F382", 5, ""),
    (
        "材料科学基础",
        "胡赓祥; 蔡珣; 戎咏华",
        "上海交通大学出版社",
        2010,
        "TB3/H659",
        8,
        True,
    ),
    ("分子生物学", "Bruce Alberts", "科学出版社", 2019, "Q7/A334", 4, ""),
]

LIBRARIANS = [
    (
        "陈静",
        "Chen Jing",
        "信息素养馆员",
        "Information Literacy Librarian",
        "chen.jing@example.edu",
        ["english", "information-literacy", "computing"],
    ),
    (
        "张伟",
        "Zhang Wei",
        "物理与材料学科馆员",
        "Physics and Materials Librarian",
        "zhang.wei@example.edu",
        ["physics", "materials"],
    ),
    (
        "王芳",
        "Wang Fang",
        "生命科学学科馆员",
        "Life Sciences Librarian",
        "wang.fang@example.edu",
        ["biology"],
    ),
]


def _subjects():
    return {slug: SubjectFactory(slug=slug, name_zh=zh, name_en=en) for slug, zh, en in SUBJECTS}


# The English names of the vendors named in Chinese, as they call themselves in English.
VENDORS_EN = {
    "同方知网": "Tongfang CNKI",
    "万方数据": "Wanfang Data",
    "新东方": "New Oriental",
    "智课": "Smartstudy",
}


def _databases(subjects):
    for vendor, english in VENDORS_EN.items():
        Database.objects.filter(vendor=vendor, vendor_en="").update(vendor_en=english)
    found = {}
    for zh, en, url, access, kind, vendor, subs, bets, dzh, den, new in DATABASES:
        database = Database.objects.filter(name_en=en).first()
        if database is None:
            database = DatabaseFactory(
                name_zh=zh,
                name_en=en,
                url=url,
                access=access,
                database_type=kind,
                vendor=vendor,
                vendor_en=VENDORS_EN.get(vendor, ""),
                description_zh=dzh,
                description_en=den,
                is_new=new,
                is_trial=en == "Scopus AI",
                subjects=[subjects[s] for s in subs],
                best_bets=[subjects[s] for s in bets],
            )
        found[en] = database
    return found


def _videos():
    found = {}
    for zh, en, dzh, den in VIDEOS:
        video = Video.objects.filter(title_en=en).first()
        if video is None:
            # a title card the site serves itself, not a player of a video that does not exist
            video = VideoFactory(
                title_zh=zh,
                title_en=en,
                embed_url="",
                video_file=ContentFile(sample_video(zh, en), name=f"{slugify(en)}.webm"),
                duration=timedelta(seconds=video_demo.SECONDS),
                description_zh=dzh,
                description_en=den,
            )
        found[en] = video
    return found


def _web_tools():
    found = {}
    for zh, en, url, kind, platforms, pricing, nzh, nen in WEB_TOOLS:
        tool = WebTool.objects.filter(name_en=en).first() or WebToolFactory(
            name_zh=zh,
            name_en=en,
            url=url,
            kind=kind,
            platforms=platforms,
            pricing=pricing,
            note_zh=nzh,
            note_en=nen,
        )
        found[en] = tool
    return found


def _books():
    found = {}
    for position, (title, authors, publisher, year, call, copies, ebook) in enumerate(BOOKS):
        book = Book.objects.filter(title=title).first() or BookFactory(
            title=title,
            authors=authors,
            publisher=publisher,
            year=year,
            call_number=call,
            copies=copies,
            ebook_platform=_platform(title) if ebook else "",
            ebook_url=ebook_link(_platform(title), title) if ebook else "",
            isbn13=_isbn13(970_000 + position),
            language="en" if title.isascii() else "zh",
            # language books (中图法 H) stand with the foreign-language books, as the guides say
            location=FOREIGN if call.startswith("H") else ZH_STACKS,
        )
        found[title] = book
    return found


def _platform(title):
    """Where the guides' e-books are read: English books on ProQuest, Chinese ones on 超星."""
    return "ProQuest Ebook Central" if title.isascii() else "超星电子书"


def _librarians(subjects):
    found = {}
    for zh, en, title_zh, title_en, email, subs in LIBRARIANS:
        profile = LibrarianProfile.objects.filter(email=email).first() or (
            LibrarianProfileFactory(
                name_zh=zh,
                name_en=en,
                title_zh=title_zh,
                title_en=title_en,
                email=email,
                # the addresses are made up (review reminders go to them in the console):
                # a reader is not offered a mailto: link that no one would answer
                show_email=False,
                subjects=[subjects[s] for s in subs],
            )
        )
        found[en] = profile
    return found


def _guides(db, vid, tool, book):
    """(slug, type, subjects, owners, review in days, zh title, en title, zh summary,
    en summary, zh sections, en sections) for every demo guide."""
    return [
        (
            "english-learning",
            "topic",
            ["english"],
            ["Chen Jing"],
            120,
            "英语学习专题",
            "English Learning",
            "纸本馆藏、英文学习数据库、馆员培训视频、语法检测工具"
            "和英语学习网站与 App，一站式整合。",
            "Print collections, English-learning databases, librarians' training videos, "
            "grammar checkers, and English-learning sites and apps, in one place.",
            [
                section(
                    "纸质馆藏",
                    text("<p>英文词典、英文小说专架与分级读物，均在图书馆四楼外文图书区。</p>"),
                    books(
                        [
                            book["牛津高阶英汉双解词典"],
                            book["朗文当代高级英语辞典"],
                            book["书虫·牛津英汉双语读物"],
                        ],
                        heading="词典与分级读物",
                    ),
                    catalogue_search("检索更多英文读物", "graded readers", "English"),
                    anchor="print",
                ),
                section(
                    "学习数据库",
                    databases(
                        [db["New Oriental Multimedia Learning Library"], db["Smartstudy English"]]
                    ),
                    anchor="databases",
                ),
                section(
                    "培训视频",
                    videos([vid["Improving your English with library resources"]], embed=True),
                    anchor="videos",
                ),
                section(
                    "语法检测",
                    box(
                        "语法检测工具",
                        text("<p>写完先检查，再请老师修改。</p>"),
                        webtools([tool["Grammarly"]]),
                    ),
                    anchor="grammar",
                ),
                section("网站与 App", webtools([tool["TED"], tool["Baicizhan"]]), anchor="apps"),
            ],
            [
                section(
                    "Print",
                    text(
                        "<p>Dictionaries, the English fiction shelf and graded "
                        "readers, in the foreign-language stacks on the library's 4th floor.</p>"
                    ),
                    books(
                        [
                            book["牛津高阶英汉双解词典"],
                            book["朗文当代高级英语辞典"],
                            book["书虫·牛津英汉双语读物"],
                        ],
                        heading="Dictionaries and readers",
                    ),
                    catalogue_search("Find more English reading", "graded readers", "English"),
                    anchor="print",
                ),
                section(
                    "Databases",
                    databases(
                        [db["New Oriental Multimedia Learning Library"], db["Smartstudy English"]]
                    ),
                    anchor="databases",
                ),
                section(
                    "Videos",
                    videos([vid["Improving your English with library resources"]], embed=True),
                    anchor="videos",
                ),
                section(
                    "Grammar",
                    box(
                        "Grammar checkers",
                        text("<p>Check first, then ask your teacher.</p>"),
                        webtools([tool["Grammarly"]]),
                    ),
                    anchor="grammar",
                ),
                section(
                    "Sites and apps", webtools([tool["TED"], tool["Baicizhan"]]), anchor="apps"
                ),
            ],
        ),
        (
            "excel",
            "topic",
            ["information-literacy"],
            ["Chen Jing"],
            -20,
            "Excel 实用技巧",
            "Excel Skills",
            "从函数到数据透视表：整理实验数据和课程作业常用的 Excel 技巧。",
            "From functions to pivot tables: the Excel skills coursework and lab data need.",
            [
                section("视频课程", videos([vid["Excel skills: pivot tables"]]), anchor="videos"),
                section(
                    "图书",
                    books([book["Excel 数据处理与分析实战"]]),
                    catalogue_search("检索 Excel 图书", "数据分析", "Excel"),
                    anchor="books",
                ),
                section(
                    "在线帮助",
                    webtools([tool["ExcelJet"]]),
                    links([("Microsoft Excel 帮助", "https://support.microsoft.com/excel")]),
                    anchor="help",
                ),
            ],
            [
                section("Videos", videos([vid["Excel skills: pivot tables"]]), anchor="videos"),
                section(
                    "Books",
                    books([book["Excel 数据处理与分析实战"]]),
                    catalogue_search("Find Excel books", "data analysis", "Excel"),
                    anchor="books",
                ),
                section(
                    "Help online",
                    webtools([tool["ExcelJet"]]),
                    links([("Microsoft Excel help", "https://support.microsoft.com/excel")]),
                    anchor="help",
                ),
            ],
        ),
        (
            "endnote",
            "topic",
            ["information-literacy"],
            ["Chen Jing"],
            200,
            "EndNote 文献管理",
            "EndNote",
            "安装 EndNote，从数据库导入题录，在 Word 中边写边引。",
            "Install EndNote, import records from databases and cite while you write in Word.",
            [
                section(
                    "下载安装",
                    webtools([tool["EndNote"]]),
                    text("<p>校内网络下载；校外请先连接 VPN。</p>"),
                    anchor="install",
                ),
                section(
                    "导入题录",
                    databases([db["Web of Science Core Collection"], db["CNKI"]]),
                    anchor="import",
                ),
                section(
                    "培训视频",
                    videos([vid["EndNote basics: library, import and citing"]]),
                    anchor="videos",
                ),
            ],
            [
                section(
                    "Install",
                    webtools([tool["EndNote"]]),
                    text("<p>Download on campus; off campus, connect to the VPN first.</p>"),
                    anchor="install",
                ),
                section(
                    "Import",
                    databases([db["Web of Science Core Collection"], db["CNKI"]]),
                    anchor="import",
                ),
                section(
                    "Videos",
                    videos([vid["EndNote basics: library, import and citing"]]),
                    anchor="videos",
                ),
            ],
        ),
        (
            "genai",
            "topic",
            ["computing", "information-literacy"],
            ["Chen Jing"],
            90,
            "生成式 AI 工具与资源",
            "Generative AI Tools and Resources",
            "对话式 AI、AI 检索与数据库内置的 AI 助手：怎么用、何时不用、如何标注。",
            "Chat assistants, AI search and the AI built into databases: how to use them, when "
            "not to, and how to acknowledge them.",
            [
                section(
                    "AI 工具",
                    webtools([tool["DeepSeek"], tool["Kimi"], tool["Perplexity"]]),
                    anchor="tools",
                ),
                section(
                    "数据库中的 AI",
                    databases([db["Scopus AI"], db["Web of Science Core Collection"]]),
                    anchor="databases",
                ),
                section(
                    "学术诚信",
                    text(
                        "<p>使用 AI 须遵守课程要求，并在作业中说明使用方式。"
                        "AI 给出的文献务必到数据库核实。</p>"
                    ),
                    videos([vid["Generative AI in study and research"]]),
                    anchor="integrity",
                ),
            ],
            [
                section(
                    "AI tools",
                    webtools([tool["DeepSeek"], tool["Kimi"], tool["Perplexity"]]),
                    anchor="tools",
                ),
                section(
                    "AI in databases",
                    databases([db["Scopus AI"], db["Web of Science Core Collection"]]),
                    anchor="databases",
                ),
                section(
                    "Integrity",
                    text(
                        "<p>Follow your course's rules on AI and say how you "
                        "used it. Check every reference an AI gives in a "
                        "database.</p>"
                    ),
                    videos([vid["Generative AI in study and research"]]),
                    anchor="integrity",
                ),
            ],
        ),
        (
            "academic-english",
            "course",
            ["english"],
            ["Chen Jing"],
            150,
            "学术英语（EAP）课程指南",
            "English for Academic Purposes",
            "配合《学术英语》课程：学术写作图书、句型库、写作指南与文献数据库。",
            "For the English for Academic Purposes course: writing books, phrasebanks, writing "
            "guides and literature databases.",
            [
                section(
                    "写作图书",
                    books(
                        [book["They Say / I Say"], book["Academic Writing for Graduate Students"]]
                    ),
                    anchor="books",
                ),
                section(
                    "写作工具",
                    webtools([tool["Academic Phrasebank"], tool["Purdue OWL"], tool["Grammarly"]]),
                    anchor="tools",
                ),
                section(
                    "查找文献",
                    databases([db["Web of Science Core Collection"], db["ScienceDirect"]]),
                    anchor="literature",
                ),
            ],
            [
                section(
                    "Books",
                    books(
                        [book["They Say / I Say"], book["Academic Writing for Graduate Students"]]
                    ),
                    anchor="books",
                ),
                section(
                    "Writing tools",
                    webtools([tool["Academic Phrasebank"], tool["Purdue OWL"], tool["Grammarly"]]),
                    anchor="tools",
                ),
                section(
                    "Literature",
                    databases([db["Web of Science Core Collection"], db["ScienceDirect"]]),
                    anchor="literature",
                ),
            ],
        ),
        (
            "physics-materials",
            "subject",
            ["physics", "materials"],
            ["Zhang Wei"],
            60,
            "物理与材料学科导航",
            "Physics and Materials Science",
            "物理与材料方向的核心数据库、材料数据、经典教材和检索培训。",
            "Core databases, materials data, classic textbooks and search training for physics "
            "and materials science.",
            [
                section(
                    "核心数据库",
                    databases(
                        [db["APS Journals"], db["IOPscience"], db["Web of Science Core Collection"]]
                    ),
                    anchor="databases",
                ),
                section(
                    "材料数据",
                    databases([db["SpringerMaterials"], db["ScienceDirect"]]),
                    anchor="data",
                ),
                section(
                    "教材", books([book["费恩曼物理学讲义"], book["材料科学基础"]]), anchor="books"
                ),
                section(
                    "检索培训",
                    videos([vid["Finding physics and materials literature"]]),
                    anchor="training",
                ),
            ],
            [
                section(
                    "Databases",
                    databases(
                        [db["APS Journals"], db["IOPscience"], db["Web of Science Core Collection"]]
                    ),
                    anchor="databases",
                ),
                section(
                    "Materials data",
                    databases([db["SpringerMaterials"], db["ScienceDirect"]]),
                    anchor="data",
                ),
                section(
                    "Textbooks",
                    books([book["费恩曼物理学讲义"], book["材料科学基础"]]),
                    anchor="books",
                ),
                section(
                    "Training",
                    videos([vid["Finding physics and materials literature"]]),
                    anchor="training",
                ),
            ],
        ),
        (
            "biology",
            "subject",
            ["biology"],
            ["Wang Fang"],
            100,
            "生物学学科导航",
            "Biology",
            "生物医学文献、期刊全文、中文资源与经典教材。",
            "Biomedical literature, journals in full text, Chinese resources and textbooks.",
            [
                section(
                    "文献检索",
                    databases(
                        [db["PubMed"], db["Web of Science Core Collection"], db["Cell Press"]]
                    ),
                    anchor="literature",
                ),
                section("中文资源", databases([db["CNKI"], db["Wanfang Data"]]), anchor="chinese"),
                section(
                    "教材",
                    books([book["分子生物学"]]),
                    links(
                        [("NCBI BLAST", "https://blast.ncbi.nlm.nih.gov/Blast.cgi")],
                        heading="常用工具",
                    ),
                    anchor="books",
                ),
            ],
            [
                section(
                    "Literature",
                    databases(
                        [db["PubMed"], db["Web of Science Core Collection"], db["Cell Press"]]
                    ),
                    anchor="literature",
                ),
                section("Chinese", databases([db["CNKI"], db["Wanfang Data"]]), anchor="chinese"),
                section(
                    "Textbooks",
                    books([book["分子生物学"]]),
                    links(
                        [("NCBI BLAST", "https://blast.ncbi.nlm.nih.gov/Blast.cgi")],
                        heading="Everyday tools",
                    ),
                    anchor="books",
                ),
            ],
        ),
    ]


def build():
    home = home_demo.home_page()
    subjects = _subjects()
    db = _databases(subjects)
    vid = _videos()
    tool = _web_tools()
    book = _books()
    owners = _librarians(subjects)

    index = GuideIndexPage.objects.child_of(home).first()
    if index is None:
        index = GuideIndexPageFactory(
            parent=home,
            title="学习指南",
            slug="guides",
            intro="按主题和学科整合馆藏纸本、订阅数据库、馆员培训视频与优质网络资源的一站式指南。",
        )
    if not index.get_translations().exists():
        translate_page(
            index,
            "en",
            title="Learning Guides",
            intro="One-stop guides that bring together print collections, subscribed databases, "
            "librarians' training videos and the best of the web, by topic and subject.",
        )

    from guides.models import DatabaseListPage

    az = DatabaseListPage.objects.child_of(index).first()
    if az is None:
        az = DatabaseListPageFactory(
            parent=index,
            title="数据库 A–Z",
            slug="databases",
            intro="图书馆订阅与推荐的全部数据库，可按学科、类型、访问方式和首字母筛选。",
        )
    if not az.get_translations().exists():
        translate_page(
            az,
            "en",
            title="Databases A–Z",
            intro="Every database the library subscribes to or recommends, by subject, type, "
            "access and first letter.",
        )

    today = timezone.localdate()
    for (
        slug,
        kind,
        subs,
        owner_names,
        review_days,
        title_zh,
        title_en,
        summary_zh,
        summary_en,
        sections_zh,
        sections_en,
    ) in _guides(db, vid, tool, book):
        guide = GuidePage.objects.child_of(index).filter(slug=slug).first()
        if guide is None:
            guide = GuidePageFactory(
                parent=index,
                slug=slug,
                title=title_zh,
                guide_type=kind,
                summary=summary_zh,
                review_by=today + timedelta(days=review_days),
                subjects=[subjects[s] for s in subs],
                owners=[owners[name] for name in owner_names],
                sections=sections_zh,
            )
        if not guide.get_translations().exists():
            translate_page(guide, "en", title=title_en, summary=summary_en, sections=sections_en)
    _usage()
    return index


def _usage(days=30):
    """A month of modest, made-up but steady figures, so the usage report of a fresh demo site
    has something to show; added only while no figures exist at all."""
    from guides.counted import GUIDE
    from guides.models import ResourceClick
    from guides.resources import kind_of
    from website.core.models import ViewCount

    if ViewCount.objects.filter(kind=GUIDE.key).exists() or ResourceClick.objects.exists():
        return
    today = timezone.localdate()
    guides = list(GuidePage.objects.live().select_related("locale"))
    views, clicks = [], []
    for guide in guides:
        weight = sum(map(ord, guide.slug)) % 17 + 3
        if guide.locale.language_code == "en":
            weight //= 3
        records = []
        for child in guide.sections:
            for block in child.value["body"]:
                items = block.value.get("items") if hasattr(block.value, "get") else None
                records.extend(item for item in items or [] if item is not None)
        for offset in range(days):
            day = today - timedelta(days=offset)
            weekday_factor = 1 if day.weekday() >= 5 else 3
            seen = weight * weekday_factor + offset % 5
            views.append(ViewCount(kind=GUIDE.key, object_id=guide.pk, date=day, views=seen))
            for position, record in enumerate(records[:6]):
                count = max(seen // (3 + position * 2) - offset % 3, 0)
                if count:
                    clicks.append(
                        ResourceClick(
                            kind=kind_of(record),
                            object_id=record.pk,
                            guide=guide,
                            date=day,
                            clicks=count,
                        )
                    )
    ViewCount.objects.bulk_create(views)
    ResourceClick.objects.bulk_create(clicks, ignore_conflicts=True)
