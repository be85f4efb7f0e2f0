"""Demo books: the kind the paper's 思库推荐 gathered, with print and e-book holdings.

The themes are the paper's (§3.2.1): scientists' biographies chosen by academicians, college
life, mental health, career planning, history of science, and the classics readers recommend
most. Call numbers follow the Chinese Library Classification (中图法); locations are the
library's floors and the 思库专架 display shelf. ISBNs are given only for editions whose
ISBN is well known; the others are left empty rather than invented, and their catalogue link
falls back to a title search. E-book links (`ebook_link`) are catalogue searches when the
library has set CATALOGUE_SEARCH_URL, else the platform's own site: never a made-up host.

Safe to run again: a book is found by its ISBN, or its title and first author, before it is
created, and loan figures are set, not added.
"""

from django.db import models

from reading.models import Book, BookEbook, BookISBN, Loan
from tests.factories import BookFactory

VPN = "校园网或 VPN 访问"
SHELF = "南科大图书馆 · 一楼思库专架"
ZH_STACKS = "南科大图书馆 · 二楼中文图书区"
SOCIAL = "南科大图书馆 · 三楼社科图书区"
FOREIGN = "南科大图书馆 · 四楼外文图书区"
# The year's loans of each book, as the three terms' circulation reports gave them (autumn
# 2023, spring 2024, autumn 2024), so the loan report has a trend to draw.
LOAN_TERMS = (("2023-09", 0.3), ("2024-02", 0.3), ("2024-09", 0.4))
LEGACY_LOAN_PERIOD = "2024"

# (title, subtitle, authors, publisher, year, language, isbn, call number, location, copies,
#  subjects, e-book platform or "", loans in 2024 or None)
# fmt: off
BOOKS = [
    # 院士推荐的科学家传记 (scientists' biographies recommended by academicians)
    ("邓稼先传", "", "祁淑英; 魏根发", "上海科学技术文献出版社", 2015, "zh", "", "K826.16/Q41",
     SHELF, 3, ["科学家传记", "核物理"], "", 41),
    ("钱学森传", "", "叶永烈", "九州出版社", 2017, "zh", "", "K826.16/Y432", SHELF, 3,
     ["科学家传记", "航天"], "超星电子书", 38),
    ("钱三强传", "", "葛能全", "湖南少年儿童出版社", 2013, "zh", "", "K826.11/G321", SHELF, 2,
     ["科学家传记", "核物理"], "", 12),
    ("华罗庚传", "", "王元", "江苏教育出版社", 1994, "zh", "", "K826.11/W373", SHELF, 2,
     ["科学家传记", "数学"], "超星电子书", 19),
    ("袁隆平传", "", "姚昆仑", "湖南科学技术出版社", 2021, "zh", "", "K826.3/Y247", SHELF, 3,
     ["科学家传记", "农学"], "", 22),
    ("屠呦呦传", "", "《屠呦呦传》编写组", "人民出版社", 2015, "zh", "", "K826.2/T851", SHELF, 2,
     ["科学家传记", "药学"], "超星电子书", 17),
    ("竺可桢传", "", "《竺可桢传》编辑组", "科学出版社", 1990, "zh", "", "K826.14/Z810", SHELF, 1,
     ["科学家传记", "气象学"], "", 6),
    ("李四光传", "", "马胜云; 马越", "人民出版社", 1999, "zh", "", "K826.14/M216", SHELF, 1,
     ["科学家传记", "地质学"], "", 8),
    ("王淦昌传", "", "胡济民; 许良英", "原子能出版社", 2007, "zh", "", "K826.11/H660", SHELF, 1,
     ["科学家传记", "核物理"], "", 5),
    ("黄旭华传", "", "刘珊", "中国青年出版社", 2020, "zh", "", "K826.16/L722", SHELF, 2,
     ["科学家传记", "船舶"], "超星电子书", 14),
    ("于敏传", "", "于敏传编写组", "科学出版社", 2021, "zh", "", "K826.11/Y870", SHELF, 2,
     ["科学家传记", "核物理"], "", 9),
    ("吴健雄传", "", "江才健", "复旦大学出版社", 1997, "zh", "", "K837.126.11/J421", SHELF, 1,
     ["科学家传记", "物理学"], "", 11),
    ("杨振宁传", "", "杨建邺", "生活·读书·新知三联书店", 2011, "zh", "", "K837.126.11/Y281",
     SHELF, 2, ["科学家传记", "物理学"], "", 16),
    ("居里夫人传", "", "艾芙·居里; 左明彻", "商务印书馆", 2014, "zh", "", "K835.656.13/J721",
     SHELF, 4, ["科学家传记", "化学"], "超星电子书", 33),
    ("爱因斯坦传", "", "沃尔特·艾萨克森; 张卜天", "湖南科学技术出版社", 2012, "zh", "",
     "K837.126.11/A221", SHELF, 3, ["科学家传记", "物理学"], "", 27),
    ("牛顿传", "", "迈克尔·怀特; 陈可岗", "中信出版社", 2004, "zh", "", "K835.616.11/H662",
     SHELF, 1, ["科学家传记", "物理学"], "", 7),
    ("达尔文传", "", "彼得·J. 鲍勒; 薛晓飞", "科学出版社", 2008, "zh", "", "K835.616.15/B252",
     SHELF, 1, ["科学家传记", "生物学"], "", 4),
    ("艾伦·图灵传", "如谜的解谜者", "安德鲁·霍奇斯; 孙天齐", "湖南科学技术出版社", 2012, "zh", "",
     "K835.616.16/H655", SHELF, 2, ["科学家传记", "计算机科学"], "超星电子书", 24),
    ("天才的拓荒者", "冯·诺伊曼传", "诺曼·麦克雷; 范秀华", "上海科技教育出版社", 2008, "zh", "",
     "K837.126.11/M132", SHELF, 1, ["科学家传记", "数学"], "", 6),
    ("知无涯者", "拉马努金传", "罗伯特·卡尼格尔; 胡乐士", "上海科技教育出版社", 2008, "zh", "",
     "K833.516.11/K162", SHELF, 1, ["科学家传记", "数学"], "", 9),
    # 大学生发展 (college life)
    ("给青年的十二封信", "", "朱光潜", "人民文学出版社", 2019, "zh", "", "G641/Z874", SOCIAL, 3,
     ["大学生发展", "人生"], "", 15),
    ("如何阅读一本书", "", "莫提默·J. 艾德勒; 查尔斯·范多伦; 郝明义", "商务印书馆", 2004, "zh", "",
     "G792/A254", SOCIAL, 4, ["大学生发展", "阅读方法"], "超星电子书", 36),
    ("你当像鸟飞往你的山", "", "塔拉·韦斯特弗; 任爱红", "南海出版公司", 2019, "zh", "",
     "K837.125.7/W582", SOCIAL, 3, ["大学生发展", "教育"], "", 29),
    ("学会提问", "", "尼尔·布朗; 斯图尔特·基利; 吴礼敬", "机械工业出版社", 2019, "zh", "",
     "B804/B812", SOCIAL, 3, ["大学生发展", "批判性思维"], "超星电子书", 21),
    ("刻意练习", "如何从新手到大师", "安德斯·艾利克森; 罗伯特·普尔; 王正林", "机械工业出版社", 2016,
     "zh", "", "B848.4/A254", SOCIAL, 2, ["大学生发展", "学习方法"], "", 18),
    ("大学之理念", "", "金耀基", "生活·读书·新知三联书店", 2008, "zh", "", "G640/J561", SOCIAL, 1,
     ["大学生发展", "高等教育"], "", 3),
    ("乡土中国", "", "费孝通", "人民出版社", 2015, "zh", "", "C912.82/F391", SOCIAL, 3,
     ["大学生发展", "社会学"], "超星电子书", 26),
    ("乌合之众", "大众心理研究", "古斯塔夫·勒庞; 冯克利", "中央编译出版社", 2005, "zh",
     "9787801098085", "C912.64/L431", SOCIAL, 2, ["大学生发展", "社会心理学"], "", 13),
    # 心理健康 (mental health)
    ("蛤蟆先生去看心理医生", "", "罗伯特·戴博德; 陈赢", "天津人民出版社", 2020, "zh", "",
     "B84-49/D182", SOCIAL, 4, ["心理健康"], "超星电子书", 45),
    ("活出生命的意义", "", "维克多·弗兰克尔; 吕娜", "华夏出版社", 2010, "zh", "", "B84-065/F834",
     SOCIAL, 3, ["心理健康", "人生"], "", 24),
    ("被讨厌的勇气", "“自我启发之父”阿德勒的哲学课", "岸见一郎; 古贺史健; 渠海霞", "机械工业出版社",
     2015, "zh", "", "B84-49/A487", SOCIAL, 3, ["心理健康"], "超星电子书", 31),
    ("少有人走的路", "心智成熟的旅程", "M. 斯科特·派克; 于海生", "北京联合出版公司", 2017, "zh", "",
     "B848.4/P136", SOCIAL, 2, ["心理健康", "人生"], "", 20),
    ("也许你该找个人聊聊", "", "洛莉·戈特利布; 张含笑", "北京联合出版公司", 2021, "zh", "",
     "B849.1/G412", SOCIAL, 2, ["心理健康"], "超星电子书", 17),
    ("心理学与生活", "", "理查德·格里格; 菲利普·津巴多; 王垒", "人民邮电出版社", 2016, "zh", "",
     "B84/G683", SOCIAL, 3, ["心理健康", "心理学"], "", 22),
    ("正念的奇迹", "", "一行禅师; 丘丽君", "中信出版社", 2018, "zh", "", "B842.6/Y111", SOCIAL, 1,
     ["心理健康"], "", 5),
    ("情绪急救", "", "盖伊·温奇; 孙璐", "机械工业出版社", 2015, "zh", "", "B842.6/W367", SOCIAL, 2,
     ["心理健康"], "超星电子书", 10),
    # 职业生涯规划 (career planning)
    ("你的降落伞是什么颜色", "", "理查德·尼尔森·鲍利斯; 王倩", "中信出版社", 2019, "zh", "",
     "C913.2/B265", SOCIAL, 2, ["职业生涯规划"], "", 11),
    ("原则", "", "瑞·达利欧; 刘波; 綦相", "中信出版社", 2018, "zh", "9787508684031",
     "F837.125/D180", SOCIAL, 3, ["职业生涯规划", "人生"], "超星电子书", 28),
    ("斯坦福大学人生设计课", "", "比尔·博内特; 戴夫·伊万斯; 周芳芳", "中信出版社", 2017, "zh", "",
     "C913.2/B738", SOCIAL, 2, ["职业生涯规划", "大学生发展"], "", 14),
    ("远见", "如何规划职业生涯3大阶段", "布赖恩·费瑟斯通豪; 苏健", "北京联合出版公司", 2017,
     "zh", "", "C913.2/F454", SOCIAL, 2, ["职业生涯规划"], "", 9),
    ("精进", "如何成为一个很厉害的人", "采铜", "江苏凤凰文艺出版社", 2016, "zh", "", "B848.4/C152",
     SOCIAL, 2, ["职业生涯规划", "学习方法"], "超星电子书", 16),
    ("软技能", "代码之外的生存指南", "约翰·森梅兹; 王小刚", "人民邮电出版社", 2016, "zh", "",
     "TP311.5/S466", SOCIAL, 2, ["职业生涯规划", "计算机科学"], "超星电子书", 12),
    # 科学史与科学家精神 (history of science)
    ("科学革命的结构", "", "托马斯·库恩; 金吾伦; 胡新和", "北京大学出版社", 2012, "zh", "",
     "N09/K891", SOCIAL, 2, ["科学史", "科学哲学"], "", 10),
    ("时间简史", "插图版", "史蒂芬·霍金; 许明贤; 吴忠超", "湖南科学技术出版社", 2010, "zh",
     "9787535732309", "P159/H392", SOCIAL, 4, ["科学史", "宇宙学"], "超星电子书", 37),
    ("上帝掷骰子吗", "量子物理史话", "曹天元", "北京联合出版公司", 2013, "zh", "", "O413-09/C193",
     SOCIAL, 3, ["科学史", "物理学"], "超星电子书", 34),
    ("从一到无穷大", "科学中的事实和臆测", "乔治·伽莫夫; 暴永宁", "科学出版社", 2002, "zh", "",
     "N49/G143", SOCIAL, 2, ["科学史", "科普"], "", 13),
    ("物种起源", "", "查尔斯·达尔文; 周建人; 叶笃庄; 方宗熙", "商务印书馆", 1995, "zh", "",
     "Q111.2/D181", SOCIAL, 2, ["科学史", "生物学"], "", 8),
    ("万物简史", "", "比尔·布莱森; 严维明; 陈邕", "接力出版社", 2005, "zh", "", "N49/B831",
     SOCIAL, 2, ["科学史", "科普"], "超星电子书", 15),
    ("科学的历程", "", "吴国盛", "湖南科学技术出版社", 2018, "zh", "", "N091/W675", SOCIAL, 3,
     ["科学史"], "", 19),
    ("寂静的春天", "", "蕾切尔·卡森; 吕瑞兰; 李长生", "上海译文出版社", 2011, "zh", "",
     "X5/K131", SOCIAL, 2, ["科学史", "环境"], "", 7),
    ("自私的基因", "", "理查德·道金斯; 卢允中; 张岱云", "中信出版社", 2012, "zh", "9787508633558",
     "Q343.1/D211", SOCIAL, 2, ["科学史", "生物学"], "超星电子书", 18),
    ("别闹了，费曼先生", "科学顽童的故事", "理查德·费曼; 吴程远", "生活·读书·新知三联书店", 2005,
     "zh", "", "K837.126.11/F227", SHELF, 3, ["科学史", "科学家传记"], "", 25),
    # 经典与畅销 (classics readers recommend)
    ("三体", "", "刘慈欣", "重庆出版社", 2008, "zh", "9787536692930", "I247.55/L712", ZH_STACKS,
     5, ["中国文学", "科幻小说"], "超星电子书", 96),
    ("平凡的世界", "", "路遥", "北京十月文艺出版社", 2012, "zh", "9787530212004", "I247.57/L787",
     ZH_STACKS, 4, ["中国文学"], "", 52),
    ("人类简史", "从动物到上帝", "尤瓦尔·赫拉利; 林俊宏", "中信出版社", 2014, "zh", "9787508647357",
     "K02/H323", SOCIAL, 3, ["世界史", "人类学"], "超星电子书", 58),
    ("活着", "", "余华", "作家出版社", 2012, "zh", "9787506365437", "I247.57/Y789", ZH_STACKS, 4,
     ["中国文学"], "", 47),
    ("围城", "", "钱钟书", "人民文学出版社", 2017, "zh", "9787020090006", "I246.57/Q522",
     ZH_STACKS, 3, ["中国文学"], "", 23),
    ("红楼梦", "", "曹雪芹; 高鹗", "人民文学出版社", 1996, "zh", "9787020002207", "I242.47/C120",
     ZH_STACKS, 4, ["中国文学", "古典文学"], "超星电子书", 30),
    ("百年孤独", "", "加西亚·马尔克斯; 范晔", "南海出版公司", 2011, "zh", "9787544253994",
     "I775.45/J327", ZH_STACKS, 3, ["外国文学"], "", 35),
    ("万历十五年", "", "黄仁宇", "中华书局", 2006, "zh", "9787101052039", "K248.06/H727",
     SOCIAL, 3, ["中国史"], "超星电子书", 29),
    ("苏菲的世界", "", "乔斯坦·贾德; 萧宝森", "作家出版社", 2007, "zh", "9787506344388",
     "I533.84/J542", ZH_STACKS, 2, ["外国文学", "哲学"], "", 15),
    ("月亮与六便士", "", "毛姆; 傅惟慈", "上海译文出版社", 2006, "zh", "", "I561.45/M264",
     ZH_STACKS, 3, ["外国文学"], "", 26),
    ("追风筝的人", "", "卡勒德·胡赛尼; 李继宏", "上海人民出版社", 2006, "zh", "", "I712.45/H723",
     ZH_STACKS, 2, ["外国文学"], "", 21),
    ("老人与海", "", "海明威; 吴劳", "上海译文出版社", 2006, "zh", "", "I712.45/H430", ZH_STACKS, 2,
     ["外国文学"], "", 9),
    ("枪炮、病菌与钢铁", "人类社会的命运", "贾雷德·戴蒙德; 谢延光", "上海译文出版社", 2016,
     "zh", "", "K02/D161", SOCIAL, 2, ["世界史", "人类学"], "超星电子书", 20),
    ("明朝那些事儿", "", "当年明月", "北京联合出版公司", 2017, "zh", "", "K248.09/D234", SOCIAL,
     3, ["中国史"], "", 32),
    ("论语译注", "", "杨伯峻", "中华书局", 2006, "zh", "", "B222.2/Y281", SOCIAL, 2,
     ["古典文学", "哲学"], "超星电子书", 11),
    ("史记", "", "司马迁", "中华书局", 1982, "zh", "9787101003048", "K204.2/S532", SOCIAL, 2,
     ["中国史", "古典文学"], "", 8),
    # English originals (外文原版)
    ("A brief history of time", "", "Hawking, Stephen", "Bantam Books", 1998, "en",
     "9780553380163", "P159/H392", FOREIGN, 2, ["History of science", "Cosmology"],
     "ProQuest Ebook Central", 6),
    ("Sapiens", "a brief history of humankind", "Harari, Yuval Noah", "Harper", 2015, "en",
     "9780062316097", "K02/H254", FOREIGN, 1, ["Civilization"], "", 4),
    ("The double helix", "a personal account of the discovery of the structure of DNA",
     "Watson, James D.", "Touchstone", 2001, "en", "9780743216302", "", "", 0,
     ["History of science", "Molecular biology"], "EBSCO eBooks", None),
    ("Surely you're joking, Mr. Feynman!", "adventures of a curious character",
     "Feynman, Richard P.", "W. W. Norton", 1997, "en", "9780393316049", "K837.126.11/F435",
     FOREIGN, 1, ["History of science", "Scientists' biographies"], "", 3),
    ("The selfish gene", "40th anniversary edition", "Dawkins, Richard", "Oxford University Press",
     2016, "en", "9780198788607", "Q343.1/D272", FOREIGN, 1, ["Evolution"], "Oxford Academic", 2),
    ("The structure of scientific revolutions", "fourth edition", "Kuhn, Thomas S.",
     "University of Chicago Press", 2012, "en", "9780226458120", "N09/K96", FOREIGN, 1,
     ["History of science", "Philosophy of science"], "", 2),
    ("Thinking, fast and slow", "", "Kahneman, Daniel", "Farrar, Straus and Giroux", 2011, "en",
     "9780374275631", "B842.5/K12", FOREIGN, 1, ["Psychology"], "ProQuest Ebook Central", 5),
    ("Man's search for meaning", "", "Frankl, Viktor E.", "Beacon Press", 2006, "en",
     "9780807014271", "B84-065/F831", FOREIGN, 1, ["Mental health"], "", 3),
    ("Madame Curie", "a biography", "Curie, Eve", "Da Capo Press", 2001, "en", "9780306810381",
     "K835.656.13/C975", FOREIGN, 1, ["Scientists' biographies"], "", 2),
    ("Genius", "the life and science of Richard Feynman", "Gleick, James", "Vintage Books", 1993,
     "en", "9780679747048", "K837.126.11/G55", FOREIGN, 1, ["Scientists' biographies"], "", 1),
    ("The man who knew infinity", "a life of the genius Ramanujan", "Kanigel, Robert",
     "Washington Square Press", 1992, "en", "9780671750619", "K833.516.11/K16", FOREIGN, 1,
     ["Scientists' biographies", "Mathematics"], "", 1),
    ("Einstein", "his life and universe", "Isaacson, Walter", "Simon & Schuster", 2007, "en",
     "9780743264730", "K837.126.11/I75", FOREIGN, 2, ["Scientists' biographies"],
     "ProQuest Ebook Central", 4),
    ("Cosmos", "", "Sagan, Carl", "Ballantine Books", 2013, "en", "9780345539434", "P159/S129",
     FOREIGN, 1, ["History of science", "Cosmology"], "", 2),
    ("The three-body problem", "", "Liu, Cixin; Liu, Ken", "Tor", 2014, "en", "9780765382030",
     "I247.55/L783", FOREIGN, 2, ["Science fiction"], "", 7),
    ("Steve Jobs", "", "Isaacson, Walter", "Simon & Schuster", 2011, "en", "9781451648539",
     "K837.125.38/I75", FOREIGN, 1, ["Career planning"], "", 3),
]
# fmt: on

# The English forms of what the demo writes in Chinese, filled in once every builder has run.
LOCATIONS_EN = {
    SHELF: "SUSTech Library · SiKu shelf, 1st floor",
    ZH_STACKS: "SUSTech Library · Chinese stacks, 2nd floor",
    SOCIAL: "SUSTech Library · Social sciences, 3rd floor",
    FOREIGN: "SUSTech Library · Foreign-language stacks, 4th floor",
}
WEREAD_CAMPUS = "用校园统一身份认证登录微信读书校园版，校外也能读"
PLATFORMS_EN = {"超星电子书": "Chaoxing e-books", "微信读书": "WeChat Reading"}
ACCESS_NOTES_EN = {
    VPN: "On the campus network or through the VPN",
    WEREAD_CAMPUS: "Sign in to WeChat Reading's campus edition with your campus account; "
    "works off campus too",
}
# The most-borrowed titles the library also licenses on a second platform, which readers off
# campus reach without the VPN: what a book page shows when its print copies are all out.
SECOND_PLATFORMS = {
    "三体": ("微信读书", WEREAD_CAMPUS),
    "人类简史": ("微信读书", WEREAD_CAMPUS),
    "乡土中国": ("微信读书", WEREAD_CAMPUS),
    "被讨厌的勇气": ("微信读书", WEREAD_CAMPUS),
}
TITLES_EN = {
    "三体": "The Three-Body Problem",
    "活着": "To Live",
    "围城": "Fortress Besieged",
    "平凡的世界": "The Ordinary World",
    "乡土中国": "From the Soil",
    "万历十五年": "1587, a Year of No Significance",
    "人类简史": "Sapiens: A Brief History of Humankind",
    "时间简史": "A Brief History of Time",
    "上帝掷骰子吗": "Does God Play Dice? A History of Quantum Physics",
    "七堂极简物理课": "Seven Brief Lessons on Physics",
    "寂静的春天": "Silent Spring",
    "自私的基因": "The Selfish Gene",
    "双螺旋": "The Double Helix",
    "别闹了，费曼先生": "Surely You're Joking, Mr. Feynman!",
    "思考，快与慢": "Thinking, Fast and Slow",
    "被讨厌的勇气": "The Courage to Be Disliked",
    "月亮与六便士": "The Moon and Sixpence",
    "瓦尔登湖": "Walden",
    "从一到无穷大": "One Two Three... Infinity",
    "居里夫人传": "Madame Curie: A Biography",
    "钱学森传": "Biography of Qian Xuesen",
    "数学之美": "The Beauty of Mathematics",
    "浪潮之巅": "On Top of Tides",
    "给青年的十二封信": "Twelve Letters to Young People",
    "如何阅读一本书": "How to Read a Book",
    "活出生命的意义": "Man's Search for Meaning",
}


def fill_english_forms():
    """Give every demo book the English forms of its location, e-book platform, access note
    and (for the best-known books) title, so that English pages show no Chinese data. Only
    empty fields are filled, in one UPDATE per value, so running it again changes nothing."""
    for model, field, forms in (
        (Book, "location", LOCATIONS_EN),
        (BookEbook, "platform", PLATFORMS_EN),
        (BookEbook, "access_note", ACCESS_NOTES_EN),
        (Book, "title", TITLES_EN),
    ):
        for chinese, english in forms.items():
            model.objects.filter(**{field: chinese, f"{field}_en": ""}).update(
                **{f"{field}_en": english}
            )
    # platforms named in English already (ProQuest, EBSCO...) read the same on both sides
    BookEbook.objects.exclude(platform="").filter(
        platform_en="", platform__regex=r"^[ -~]+$"
    ).update(platform_en=models.F("platform"))


# The e-book platforms the demo names, at their own (real) addresses.
PLATFORM_SITES = {
    "超星电子书": "https://www.chaoxing.com/",
    "微信读书": "https://weread.qq.com/",
    "ProQuest Ebook Central": "https://ebookcentral.proquest.com/",
    "EBSCO eBooks": "https://search.ebscohost.com/",
    "Oxford Academic": "https://academic.oup.com/",
}


def ebook_link(platform, title):
    """The demo's e-book address for `title` on `platform`.

    Every demo builder calls this one function. With the library's CATALOGUE_SEARCH_URL set,
    a catalogue search for the title (which lists the e-book); without it, the platform's own
    site, so that no reader of the quick start clicks through to a placeholder host."""
    from urllib.parse import quote

    from django.conf import settings

    pattern = getattr(settings, "CATALOGUE_SEARCH_URL", "")
    if pattern:
        return pattern.replace("{query}", quote(title, safe=""))
    return PLATFORM_SITES[platform]


def _existing(title, authors, isbn):
    if isbn:
        entry = BookISBN.objects.filter(isbn=isbn).select_related("book").first()
        if entry:
            return entry.book
    first_author = authors.split(";")[0].strip()
    return Book.objects.filter(title=title, authors__startswith=first_author).first()


def _by_term(loans):
    """A year's loans shared among the terms, the rounding given to the last term."""
    shares = [(period, int(loans * share)) for period, share in LOAN_TERMS[:-1]]
    return shares + [(LOAN_TERMS[-1][0], loans - sum(n for _p, n in shares))]


def build():
    """The demo books and their loan figures of three terms; returns the books by title."""
    books = {}
    for row in BOOKS:
        (title, subtitle, authors, publisher, year, language, isbn, call_number, location,
         copies, subjects, platform, loans) = row  # fmt: skip
        book = _existing(title, authors, isbn)
        if book is None:
            ebooks = []
            if platform:
                ebooks.append({"platform": platform, "access_note": VPN})
            if title in SECOND_PLATFORMS:
                second, note = SECOND_PLATFORMS[title]
                ebooks.append({"platform": second, "access_note": note})
            for ebook in ebooks:
                ebook["url"] = ebook_link(ebook["platform"], isbn or title)
            # with a catalogue search set, every platform's link is that one search
            ebooks = list({ebook["url"]: ebook for ebook in reversed(ebooks)}.values())[::-1]
            book = BookFactory(
                title=title,
                subtitle=subtitle,
                authors=authors,
                publisher=publisher,
                year=year,
                language=language,
                isbn13=isbn,
                mms_id="",
                call_number=call_number,
                location=location,
                copies=copies,
                subjects=subjects,
                ebooks=ebooks,
            )
        books[title] = book
        if loans is not None:
            # earlier demos kept the year as one period; its figures are now the terms'
            Loan.objects.filter(book=book, period=LEGACY_LOAN_PERIOD).delete()
            for period, loans_in_term in _by_term(loans):
                Loan.objects.update_or_create(
                    book=book, period=period, defaults={"loans": loans_in_term}
                )
    return books
