# ruff: noqa: E501  (demo prose reads better unwrapped)
"""Demo content for 思库读书分享会: two reading clubs, one full with a waitlist, in two languages.

From the paper (§3.2.1): teachers and students choose a book together; the club reads online
with check-ins (线上共读打卡), then meets for a discussion (线下深度研讨) led by a teacher, on
themes such as ideas of education, friendship and attitudes to life. The teachers and the
readers are invented. The two teachers can log into the admin (password below) and each sees
only their own club. Idempotent: pages by slug, teachers by username, sign-ups by email.
"""

import re
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from wagtail.models import Locale

from reading.demo.shelves import book
from reading.models import CheckIn, ClubIndexPage, ClubLeader, ClubPage, ClubPost, ClubSignup
from reading.models.clubs import ensure_club_leaders_group
from tests.factories import (
    ClubIndexPageFactory,
    ClubLeaderFactory,
    ClubPageFactory,
    ClubSignupFactory,
    translate_page,
)
from tests.factories.clubs import add_sessions
from website.home import demo as home_demo

TEACHER_PASSWORD = home_demo.DEMO_EDITOR_PASSWORD

TEACHERS = {
    "teacher.wang": {
        "name": "王静怡",
        "name_en": "Wang Jingyi",
        "affiliation": "人文社会科学学院 · 副教授",
        "affiliation_en": "Associate Professor, School of Humanities and Social Sciences",
        "introduction": "研究中国现代美学，多年带领本科生共读朱光潜、宗白华的著作。",
        "introduction_en": "Works on modern Chinese aesthetics and has led undergraduates through Zhu Guangqian and Zong Baihua for years.",
    },
    "teacher.li": {
        "name": "李卓然",
        "name_en": "Li Zhuoran",
        "affiliation": "理学院物理系 · 讲席教授",
        "affiliation_en": "Chair Professor, Department of Physics, College of Science",
        "introduction": "理论物理学家，喜欢和学生一起读科学家写的书。",
        "introduction_en": "A theoretical physicist who likes reading scientists' own books with students.",
    },
}

READERS = [
    ("孙悦", "sunyue", "student", "理学院"),
    ("李明", "liming", "student", "工学院"),
    ("张欣", "zhangxin", "student", "生命科学学院"),
    ("刘洋", "liuyang", "student", "商学院"),
    ("杨帆", "yangfan", "student", "人文社会科学学院"),
    ("黄磊", "huanglei", "student", "医学院"),
    ("吴迪", "wudi", "student", "工学院"),
    ("郑舒", "zhengshu", "staff", "图书馆"),
    ("陈晨", "chenchen", "student", "理学院"),
    ("周扬", "zhouyang", "student", "工学院"),
    ("何佳", "hejia", "student", "商学院"),
    ("许诺", "xunuo", "student", "生命科学学院"),
    ("冯远", "fengyuan", "student", "理学院"),
    ("唐宁", "tangning", "student", "医学院"),
    ("罗欣", "luoxin", "student", "人文社会科学学院"),
]

# Each reader's own check-ins, a letter a day, around the club's themes (the paper, §3.2.1:
# 教育理念、友谊价值、人生态度); no two readers write the same words. The first reader
# signed up in English (see `language` in _signups) and writes in English.
CHECKINS = [
    [
        (
            "Letter 2: On action",
            "Read it in English and Chinese side by side. Zhu's advice to move when you feel low is simple and true.",
        ),
        (
            "Letter 8: On writing",
            "Write often, write short, rewrite. I started a reading diary for this club.",
        ),
    ],
    [
        (
            "第一封信 谈读书",
            "“读书并不在多，最重要的是选得精，读得彻底。”我把书单从二十本删到了五本。",
        ),
        ("第二封信 谈动", "朱先生说情绪郁积要找出路。今晚去操场跑了三圈，回来读书心里清爽多了。"),
        ("第三封信 谈静", "“静”不是没有声音，而是心里有余裕。图书馆五楼靠窗的位置，是我的静处。"),
        ("第七封信 谈升学与选课", "选课不该只看哪门给分高。下学期想试试哲学系的《美学导论》。"),
    ],
    [
        (
            "第一封信 谈读书",
            "他劝青年多读几本“有永久性”的书。我想起高中时只读教辅的自己，有点惭愧。",
        ),
        (
            "第四封信 谈中学生与社会运动",
            "九十多年前的信，谈的却是今天也会遇到的问题：热情和冷静怎样兼顾。",
        ),
        ("第五封信 谈十字街头", "“在十字街头，要有冷静的头脑。”这句话送给刷了一晚上热搜的自己。"),
    ],
    [
        (
            "第十二封信 谈人生与我",
            "“我有两种看待人生的方法”——前台看戏，后台演戏。和室友讨论到熄灯。",
        ),
    ],
    # Readers 5–9 write around the same few threads (reading few books well, interest and
    # choosing courses, a cool head and youthful passion, stillness, attitudes to life) and
    # ask the questions they want to bring to the discussion: what the teacher's digest finds.
    [
        (
            "Letter 1: On reading",
            "Zhu says reading is not about how many books but how well. How do I choose the few books worth reading slowly?",
        ),
        (
            "Letter 3: On stillness",
            "Stillness is room in the mind, not silence. I switched my phone off for an hour and read slowly; the hour felt long, in a good way.",
        ),
        (
            "Letter 5: At the crossroads",
            "A cool head at the crossroads: Zhu asks young people to keep their passion but think for themselves. Is that still possible online?",
        ),
    ],
    [
        (
            "第一封信 谈读书",
            "朱先生说读书要读“有永久性”的书。医学院课本很厚，课外读书的时间从哪里来？",
        ),
        ("第二封信 谈动", "“动”是给情绪找出路。期中考试前焦虑，去游泳之后反而读得进书了。"),
        ("第三封信 谈静", "静是心里的余裕。人生不能一直赶路，读书的时候也要给自己留一点静。"),
    ],
    [
        (
            "第四封信 谈中学生与社会运动",
            "青年的热情很可贵，但朱先生提醒热情要配上冷静的头脑。热情和冷静能不能兼得？",
        ),
        (
            "第五封信 谈十字街头",
            "十字街头人声嘈杂，要有冷静的头脑，不随大流。读书就是练习冷静思考。",
        ),
        (
            "第六封信 谈多元宇宙",
            "每个人心里都有几个宇宙：道德的、科学的、美术的。我的兴趣是科学，但也想学会看美。",
        ),
    ],
    [
        (
            "第一封信 谈读书",
            "在图书馆工作多年，最认同“读书并不在多”。好的教育先保护兴趣，读书也从兴趣出发。",
        ),
        (
            "第七封信 谈升学与选课",
            "选课要看兴趣，不只看分数。朱先生九十多年前的话，今天的青年还需要听。",
        ),
    ],
    [
        ("第七封信 谈升学与选课", "按兴趣选课还是按就业选课？朱先生说兴趣重要，可现实压力怎么办？"),
        (
            "第九封信 谈情与理",
            "情与理不是对立的。人生的很多选择，友谊也好，专业也好，既要冷静讲理，也要听从真情。",
        ),
        (
            "第十二封信 谈人生与我",
            "把人生当作一场戏，既在台上演，也在台下看。这种态度让我对失败冷静了许多。",
        ),
    ],
]


# The reading plan of the Twelve Letters: three letters a part, by days from the start of the
# reading period (朱光潜《给青年的十二封信》, the letters' own titles).
LETTERS_PLAN = [
    (
        "第一至三封信：谈读书、谈动、谈静",
        "Letters 1–3: on reading, on action, on stillness",
        "pp. 1–34",
        2,
    ),
    (
        "第四至六封信：谈中学生与社会运动、谈十字街头、谈多元宇宙",
        "Letters 4–6: on students and social movements, at the crossroads, on many worlds",
        "pp. 35–72",
        5,
    ),
    (
        "第七至九封信：谈升学与选课、谈作文、谈情与理",
        "Letters 7–9: on choosing courses, on writing, on feeling and reason",
        "pp. 73–110",
        9,
    ),
    (
        "第十至十二封信：谈摆脱、谈在卢佛尔宫所得的一个感想、谈人生与我",
        "Letters 10–12: on breaking free, a thought in the Louvre, on life and me",
        "pp. 111–150",
        13,
    ),
]
# Surely You're Joking, Mr. Feynman! read in three parts (the book's own parts, grouped), by
# days from the start of the reading period; the club meets once per part (reading.sessions).
FEYNMAN_PLAN = [
    (
        "第一、二部分：从远洛克威到麻省理工，普林斯顿岁月",
        "Parts 1–2: from Far Rockaway to MIT, the Princeton years",
        "pp. 1–120",
        6,
    ),
    (
        "第三部分：费曼、原子弹与军队",
        "Part 3: Feynman, the bomb and the military",
        "pp. 121–200",
        13,
    ),
    (
        "第四、五部分：从康奈尔到加州理工，一个物理学家的世界",
        "Parts 4–5: from Cornell to Caltech, the world of one physicist",
        "pp. 201–350",
        20,
    ),
]
# (title, English title, days after the reading period starts, hour UTC, place, English place)
FEYNMAN_SESSIONS = [
    (
        "好奇心从哪里来",
        "Where curiosity comes from",
        7,
        11,
        "图书馆一楼 研讨室 2",
        "Library 1st floor, Seminar Room 2",
    ),
    (
        "科学家与责任",
        "Scientists and responsibility",
        14,
        11,
        "图书馆一楼 研讨室 2",
        "Library 1st floor, Seminar Room 2",
    ),
    (
        "怎样学习，怎样教",
        "How to learn, how to teach",
        23,
        7,
        "图书馆二楼 学术报告厅",
        "Library 2nd floor, Lecture Hall",
    ),
]
LETTERS_PROMPT = "朱先生说“读书并不在多”。这学期你最想精读的是哪一本书？为什么？"
LETTERS_REPLY = "删到五本，是很好的开始。见面时带上你的书单，我们一起看看哪几本“有永久性”。"
NUMERALS = {n: i for i, n in enumerate("一二三四五六七八九十", start=1)} | {"十一": 11, "十二": 12}


def letter_number(progress):
    """Which letter a demo check-in is about: "第二封信 谈动" and "Letter 2: On action" → 2."""
    match = re.search(r"Letter (\d+)", progress) or re.search(
        r"第(十[一二]|[一二三四五六七八九十])封信", progress
    )
    if match is None:
        return None
    value = match.group(1)
    return int(value) if value.isdigit() else NUMERALS[value]


def _evening(day, hour=21, minute=30):
    """A posting time on `day`, in the site's time zone (what makes a check-in on time)."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _minute(dt):
    return dt.replace(second=0, microsecond=0)


def _on(today, days, hour):
    """A sign-up window's edge as a library sets it: a whole hour of a day, local time."""
    return timezone.make_aware(datetime.combine(today + timedelta(days=days), time(hour)))


def _teacher(username):
    User = get_user_model()
    name = TEACHERS[username]["name"]
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "email": f"{username}@example.edu",
            "is_staff": True,
            # a Chinese name is family name first: 李卓然 is 李 and 卓然 (Wagtail's account
            # form asks for both before it saves the teacher's admin language)
            "last_name": name[:1],
            "first_name": name[1:],
        },
    )
    if created:
        user.set_password(TEACHER_PASSWORD)
        user.save()
    leader = ClubLeader.objects.filter(user=user).first()
    if leader is None:
        leader = ClubLeaderFactory(user=user, **TEACHERS[username])
    return leader


def _index(home):
    index = ClubIndexPage.objects.child_of(home).first()
    if index is None:
        index = ClubIndexPageFactory(
            parent=home,
            title="思库读书分享会",
            slug="clubs",
            introduction="<p>师生共同遴选共读书目，“线上共读打卡 + 线下深度研讨”：先在网上读、每天打卡，再在图书馆里由领读老师带着一起讨论。</p>",
        )
    en = Locale.objects.get(language_code="en")
    if index.get_translation_or_none(en) is None:
        translate_page(
            index,
            "en",
            title="SiKu reading clubs",
            introduction="<p>Teachers and students choose a book together, then read it online with daily check-ins and meet in the library for a discussion led by a teacher.</p>",
        )
    return index


def _signups(club, count, confirmed, with_checkins=False):
    for i, (name, handle, role, school) in enumerate(READERS[:count]):
        email = f"{handle}@mail.example.edu"
        if club.signups.filter(email_normalised=email).exists():
            continue
        signup = ClubSignupFactory(
            club=club,
            name=name,
            email=email,
            role=role,
            member_number=f"{'1221' if role == 'student' else 'S0'}{1000 + i}",
            school=school,
            status=ClubSignup.Status.CONFIRMED if i < confirmed else ClubSignup.Status.WAITLISTED,
            position=i + 1,
            language="zh-hans" if i % 4 else "en",
            # Two readers in three asked for reminders when they signed up.
            reminders=i % 3 != 2,
            created_at=timezone.now() - timedelta(days=7, minutes=-i * 13),
        )
        if with_checkins and i < len(CHECKINS):
            plan = club.plan
            # Each reader's last check-in is yesterday's: the streaks are running today.
            day = timezone.localdate() - timedelta(days=len(CHECKINS[i]))
            for n, (progress, text) in enumerate(CHECKINS[i]):
                letter = letter_number(progress)
                posted = _evening(day, minute=30 - n)
                if i == 1 and n == 2:
                    # Read in the evening, posted past midnight: a back-filled day (补打卡).
                    posted = _evening(day + timedelta(days=1), hour=0, minute=40)
                CheckIn.objects.create(
                    signup=signup,
                    day=day,
                    progress=progress,
                    text=text,
                    milestone=plan[(letter - 1) // 3] if plan and letter else None,
                    created_at=posted,
                )
                day += timedelta(days=1)


def _teachers_words(club):
    """The teacher's prompt for the first part, and a reply to one reader's check-in."""
    if club.posts.exists() or not club.plan:
        return
    leader = club.leader
    ClubPost.objects.create(
        club=club,
        kind=ClubPost.Kind.PROMPT,
        milestone=club.plan[0],
        author=leader,
        text=LETTERS_PROMPT,
        created_at=_evening(club.reading_starts, hour=8, minute=0),
    )
    checkin = CheckIn.objects.filter(signup__club=club, text__contains="删到了五本").first()
    if checkin is not None:
        ClubPost.objects.create(
            club=club,
            kind=ClubPost.Kind.REPLY,
            checkin=checkin,
            author=leader,
            text=LETTERS_REPLY,
            created_at=checkin.created_at + timedelta(hours=1),
        )


def _seat_offered(club, now):
    """This morning the last confirmed reader gave up her seat: it is held for a day for the
    first reader on the waitlist (who signed up in English), who has not answered yet."""
    if club.signups.filter(offered_at__isnull=False).exists():
        return
    leaving = club.signups.filter(status=ClubSignup.Status.CONFIRMED).order_by("-position")
    leaving = leaving.first()
    offered = club.signups.filter(status=ClubSignup.Status.WAITLISTED).order_by("position").first()
    if leaving is None or offered is None:
        return
    freed = _minute(now - timedelta(hours=3))
    leaving.status = ClubSignup.Status.CANCELLED
    leaving.cancelled_at = freed
    leaving.save(update_fields=["status", "cancelled_at"])
    offered.offered_at = freed
    offered.offer_expires_at = min(
        freed + timedelta(hours=club.offer_hours), club.discussion_starts
    )
    offered.save(update_fields=["offered_at", "offer_expires_at"])


def build():
    ensure_club_leaders_group()
    home = home_demo.home_page()
    index = _index(home)
    en = Locale.objects.get(language_code="en")
    now = timezone.now()
    today = timezone.localdate()

    letters = ClubPage.objects.child_of(index).filter(slug="twelve-letters").first()
    if letters is None:
        start = _minute(now + timedelta(days=10)).replace(hour=11, minute=0)  # 19:00 in Shenzhen
        letters = ClubPageFactory(
            parent=index,
            slug="twelve-letters",
            title="共读《给青年的十二封信》",
            introduction="<p>朱光潜先生在 1929 年写给青年的十二封信，谈读书、谈动、谈静、谈摆脱、谈升学与选课、谈作文、谈恋爱与结婚……两周线上共读，每天一封信、一条打卡，最后一起聊聊教育的理念、友谊的价值和人生的态度。</p>",
            themes="教育理念、友谊价值、人生态度",
            leader=_teacher("teacher.wang"),
            audience=ClubPage.Audience.EVERYONE,
            capacity=12,
            # A freed seat is offered to the next waiting reader for a day (reading.offers).
            offer_hours=24,
            reading_starts=today - timedelta(days=4),
            reading_ends=today + timedelta(days=9),
            discussion_starts=start,
            discussion_ends=start + timedelta(hours=2),
            discussion_place="图书馆一楼 研讨室 2",
            signup_opens=_on(today, -14, 9),
            signup_closes=_on(today, 8, 22),
            books=[book("给青年的十二封信")],
            plan=[
                (title, title_en, pages, today - timedelta(days=4) + timedelta(days=by))
                for title, title_en, pages, by in LETTERS_PLAN
            ],
        )
        translate_page(
            letters,
            "en",
            title="Reading club: Twelve Letters to Young People",
            introduction="<p>In 1929 Zhu Guangqian wrote twelve letters to young people: on reading, on action and stillness, on choosing courses, on writing, on love. Two weeks of online reading, one letter and one check-in a day, then a discussion of ideas of education, the value of friendship and attitudes to life.</p>",
            themes="Ideas of education, friendship, attitudes to life",
            discussion_place="Library 1st floor, Seminar Room 2",
        )
    _signups(letters, count=15, confirmed=12, with_checkins=True)
    _seat_offered(letters, now)
    _teachers_words(letters)

    feynman = ClubPage.objects.child_of(index).filter(slug="feynman").first()
    if feynman is None:
        start = _minute(now + timedelta(days=30)).replace(hour=7, minute=0)  # 15:00 in Shenzhen
        feynman = ClubPageFactory(
            parent=index,
            slug="feynman",
            title="共读《别闹了，费曼先生》",
            introduction="<p>一位诺贝尔奖得主的“不正经”自述：开保险柜、打鼓、学画画、在巴西教物理。我们读他怎样保持好奇心，也聊聊大学里该怎样学习。线上共读三周，每读完一部分就在图书馆见一次面，与物理系老师面对面：一次报名，三次见面。</p>",
            themes="好奇心、科学家精神、怎样学习",
            leader=_teacher("teacher.li"),
            audience=ClubPage.Audience.STUDENTS,
            capacity=20,
            reading_starts=today + timedelta(days=7),
            reading_ends=today + timedelta(days=28),
            discussion_starts=start,
            discussion_ends=start + timedelta(hours=2),
            discussion_place="图书馆二楼 学术报告厅",
            signup_opens=_on(today, -2, 9),
            signup_closes=_on(today, 6, 22),
            books=[book("别闹了，费曼先生")],
            plan=[
                (title, title_en, pages, today + timedelta(days=7 + by))
                for title, title_en, pages, by in FEYNMAN_PLAN
            ],
        )
        # A series: a meeting per part of the book, one sign-up for the three (19:00 or 15:00
        # in Shenzhen); the discussion fields above then follow the sessions.
        reading_starts = now + timedelta(days=7)
        add_sessions(
            feynman,
            [
                {
                    "title": title,
                    "title_en": title_en,
                    "starts": _minute(reading_starts + timedelta(days=days)).replace(
                        hour=hour, minute=0
                    ),
                    "ends": _minute(reading_starts + timedelta(days=days)).replace(
                        hour=hour + 2, minute=0
                    ),
                    "place": place,
                    "place_en": place_en,
                    "milestone": i,
                }
                for i, (title, title_en, days, hour, place, place_en) in enumerate(FEYNMAN_SESSIONS)
            ],
        )
        feynman = ClubPage.objects.get(pk=feynman.pk)
        translate_page(
            feynman,
            "en",
            title="Reading club: Surely You're Joking, Mr. Feynman!",
            introduction="<p>A Nobel laureate's irreverent memoir: safe-cracking, drumming, drawing, teaching physics in Brazil. We read how he kept his curiosity and talk about how to learn at university. Three weeks online, and after each part of the book a meeting with a physics professor in the library: one sign-up, three sessions.</p>",
            themes="Curiosity, the scientific spirit, how to learn",
            discussion_place="Library 1st floor, Seminar Room 2",
        )
    _signups(feynman, count=6, confirmed=6)

    # A club of last term, its attendance marked: what the participation report counts.
    soil = ClubPage.objects.child_of(index).filter(slug="from-the-soil").first()
    if soil is None:
        start = _minute(now - timedelta(days=75)).replace(hour=11, minute=0)
        soil = ClubPageFactory(
            parent=index,
            slug="from-the-soil",
            title="共读《乡土中国》",
            introduction="<p>费孝通先生在《乡土中国》里讲“差序格局”、礼治秩序和“无讼”。两周线上共读，每天一章、一条打卡，最后在图书馆和社会科学中心的老师一起讨论：城市里长大的我们，身上还有多少乡土的影子？</p>",
            themes="差序格局、礼治秩序、乡土与城市",
            leader=_teacher("teacher.wang"),
            audience=ClubPage.Audience.EVERYONE,
            capacity=15,
            reading_starts=(start - timedelta(days=16)).date(),
            reading_ends=(start - timedelta(days=2)).date(),
            discussion_starts=start,
            discussion_ends=start + timedelta(hours=2),
            discussion_place="图书馆一楼 研讨室 2",
            signup_opens=_minute(start - timedelta(days=30)),
            signup_closes=_minute(start - timedelta(days=17)),
            books=[book("乡土中国")],
        )
        translate_page(
            soil,
            "en",
            title="Reading club: From the Soil",
            introduction="<p>In From the Soil Fei Xiaotong describes the “differential mode of association”, an order of rites and a society without lawsuits. Two weeks of online reading, a chapter and a check-in a day, then a discussion with a teacher of the Center for Social Sciences: how much of the countryside is left in those of us who grew up in cities?</p>",
            themes="The differential mode of association, rites, country and city",
            discussion_place="Library 1st floor, Seminar Room 2",
        )
    _signups(soil, count=14, confirmed=14)
    # Eleven came; three did not, as the teacher marked them after the discussion.
    for signup in soil.signups.filter(attended=None).order_by("position"):
        signup.attended = signup.position <= 11
        signup.save(update_fields=["attended"])
    assert letters.get_translation_or_none(en) is not None
