"""A digest of a club's check-ins for its teacher: the words and themes that recur, a few
representative quotes, and the questions readers asked, so that a teacher meeting 30 readers
does not have to read 300 check-ins first.

Computed here, from the check-ins alone: no outside service sees what readers wrote. Chinese
is cut into words with jieba (its dictionary ships in the wheel; it is loaded on first use,
quietly, and never downloads anything), English is taken word by word, and the stop words of
both languages are dropped (STOP_WORDS_ZH, STOP_WORDS_EN). A word counts once per check-in,
so one reader repeating it does not make it a theme; ties are broken by the word itself, so
the same check-ins always give the same digest. Readers are named as they chose to be named
(ClubSignup.public_name), as everywhere the other participants can read.
"""

import logging
import re
import threading
from collections import Counter
from dataclasses import dataclass, field

from reading.models.clubs import CheckIn

# How many of each the digest shows.
TERMS = 15
QUOTES = 3
QUESTIONS = 10
QUOTE_LENGTH = 140

# Words that say nothing of a theme: function words, pronouns, the verbs of reading itself
# and of posting a check-in (every check-in reads and thinks), and the book's own apparatus.
_ZH = """
    的 了 和 是 在 我 你 他 她 它 我们 你们 他们 她们 自己 这 那 这个 那个 这些 那些 这样 那样
    这么 那么 什么 怎么 怎样 为什么 哪里 哪个 一个 一些 一点 一下 一种 一样 一起 一直 一边
    没有 不是 就是 还是 只是 也是 都是 可以 可能 应该 需要 已经 还有 而且 但是 可是 不过
    因为 所以 如果 虽然 然后 于是 或者 以及 并且 而是 就是 其实 真的 非常 特别 比较 有点
    有些 很多 许多 时候 今天 昨天 明天 今晚 现在 以前 以后 之前 之后 那时 当时 里面 上面
    下面 一次 每天 一天 两天 觉得 感觉 知道 看到 想到 读到 读完 读了 看了 想起 发现 开始
    还是 不会 不能 没有 能够 一定 一般 大家 别人 有人 人们 先生 书中 这本 本书 这封 这封信
    封信 第一 第二 第三 第四 第五 第六 第七 第八 第九 第十 十一 十二 打卡 共读 出来 起来
    心里 二十 三十 下去 之中 其中 对于 关于 通过 作为 成为 进行 所谓 以为 认为
    告诉 问题 时间 东西 事情
"""
_EN = """
    a about above after again against all also am an and any are aren as at be because been
    before being below between both but by can cannot could did didn do does doesn doing don
    down during each even ever every few for from further get gets got had has have having he
    her here hers herself him himself his how i if in into is isn it its itself just let like
    me more most much must my myself no nor not now of off on once one only or other our ours
    ourselves out over own really same she should so some still such than that the their
    theirs them themselves then there these they this those through to too under until up upon
    us very was wasn we were what when where which while who whom why will with would yet you
    your yours yourself yourselves read reading reader readers book books chapter chapters
    letter letters page pages today yesterday tonight day days think thought thing things
    something way make made said says say see saw seen went going goes know knew time times
    first second third last next little lot many new old want wanted feel felt find found
    start started finished week club
"""
STOP_WORDS_ZH = frozenset(_ZH.split())
STOP_WORDS_EN = frozenset(_EN.split())

CJK_OR_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[A-Za-z][A-Za-z'’-]*")
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# A question: a run of text up to its ？ or ?, after the previous sentence's end.
QUESTION = re.compile(r"[^。！？!?.…\n]*?[？?]")
THEME_SEPARATORS = re.compile(r"[、,，;；/|]+")

_tokenizer = None
_tokenizer_lock = threading.Lock()


def _jieba():
    """jieba's tokenizer, loaded once on first use, its log lines (on stderr by default)
    silenced: commands and tests print nothing of it."""
    global _tokenizer
    if _tokenizer is None:
        with _tokenizer_lock:
            if _tokenizer is None:
                import jieba  # loading its dictionary takes a second: only when a digest is made

                jieba.setLogLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                tokenizer.initialize()
                _tokenizer = tokenizer
    return _tokenizer


def words(text, fine=False):
    """The words of `text` that may carry a theme, in order: Chinese words of two characters
    or more (jieba, dictionary only, so the cut is the same every time), English words of
    three letters or more, lower-cased; stop words of both languages left out. `fine` also
    gives the shorter words inside long ones ("人生态度": 人生, 态度, 人生态度), for themes."""
    found = []
    for run in CJK_OR_WORD.findall(text or ""):
        if CJK.match(run):
            cut = _jieba().lcut_for_search if fine else _jieba().lcut
            for word in cut(run, HMM=False):
                if len(word) >= 2 and word not in STOP_WORDS_ZH:
                    found.append(word)
        else:
            word = run.lower().replace("’", "'").strip("'-")
            if word.endswith("'s"):
                word = word[:-2]
            if len(word) >= 3 and word not in STOP_WORDS_EN:
                found.append(word)
    return found


def questions_in(text):
    """The sentences of `text` that end in a question mark (Chinese ？ or Latin ?)."""
    found = []
    for match in QUESTION.findall(text or ""):
        sentence = match.strip().lstrip("”\"'’）)，,：:；; ")
        if len(sentence) >= 3:
            found.append(sentence)
    return found


def _english_forms(texts):
    """{lower-cased word: the spelling readers use most} ("zhu": "Zhu"), for showing words
    counted without regard to case; ties go to the first in sorted order."""
    seen = {}
    for text in texts:
        for run in CJK_OR_WORD.findall(text or ""):
            if not CJK.match(run):
                seen.setdefault(run.lower(), Counter())[run] += 1
    return {key: min(c, key=lambda form: (-c[form], form)) for key, c in seen.items()}


def shorten(text, length=QUOTE_LENGTH):
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def lang_of(text):
    """The language tag to mark a word or quote with, so that a Chinese quote in the English
    admin is set in a Chinese font (and read by a screen reader as Chinese)."""
    return "zh-Hans" if CJK.search(text or "") else "en"


class Marked:
    @property
    def lang(self):
        return lang_of(self.text)


@dataclass(frozen=True)
class Term:
    word: str
    checkins: int  # how many check-ins use it

    @property
    def lang(self):
        return lang_of(self.word)


@dataclass(frozen=True)
class Theme:
    theme: str
    checkins: int  # how many check-ins touch one of its words

    @property
    def lang(self):
        return lang_of(self.theme)


@dataclass(frozen=True)
class Quote(Marked):
    text: str
    author: str
    day: object


@dataclass(frozen=True)
class Question(Marked):
    text: str
    author: str
    day: object


@dataclass
class Digest:
    checkins: int = 0
    readers: int = 0
    terms: list = field(default_factory=list)
    themes: list = field(default_factory=list)
    quotes: list = field(default_factory=list)
    questions: list = field(default_factory=list)

    def __bool__(self):
        return self.checkins > 0


def digest_of_checkins(checkins, themes=""):
    """The digest of `checkins` (CheckIn rows with their signup), oldest first for quotes and
    questions; `themes` is the club's own list of themes for discussion ("A、B、C")."""
    checkins = sorted(checkins, key=lambda c: (c.day, c.created_at, c.pk))
    if not checkins:
        return Digest()
    per_checkin = [set(words(c.text)) for c in checkins]
    counts = Counter(word for found in per_checkin for word in found)
    recurring = sorted(
        ((word, n) for word, n in counts.items() if n >= 2), key=lambda item: (-item[1], item[0])
    )[:TERMS]
    forms = _english_forms(c.text for c in checkins)
    terms = [Term(forms.get(word, word), n) for word, n in recurring]

    theme_rows = []
    for theme in THEME_SEPARATORS.split(themes or ""):
        theme = theme.strip()
        theme_words = set(words(theme, fine=True))
        if theme and theme_words:
            touching = sum(1 for found in per_checkin if found & theme_words)
            theme_rows.append(Theme(theme, touching))

    # Representative: the check-ins that use most of the recurring words, one per reader.
    top = {term.word for term in terms}
    ranked = sorted(
        range(len(checkins)),
        key=lambda i: (-len(per_checkin[i] & top), checkins[i].day, checkins[i].pk),
    )
    quotes, quoted = [], set()
    for i in ranked:
        checkin = checkins[i]
        if len(quotes) == QUOTES or not per_checkin[i] & top:
            break
        if checkin.signup_id in quoted:
            continue
        quoted.add(checkin.signup_id)
        quotes.append(Quote(shorten(checkin.text), checkin.signup.public_name(), checkin.day))

    questions = [
        Question(sentence, checkin.signup.public_name(), checkin.day)
        for checkin in checkins
        for sentence in questions_in(checkin.text)
    ][:QUESTIONS]
    return Digest(
        checkins=len(checkins),
        readers=len({c.signup_id for c in checkins}),
        terms=terms,
        themes=theme_rows,
        quotes=quotes,
        questions=questions,
    )


def club_digest(club):
    """The digest of a club's check-ins by its confirmed participants: one query."""
    original = club.original
    if original.pk is None:
        return Digest()
    return digest_of_checkins(list(CheckIn.objects.for_club(original)), original.themes)
