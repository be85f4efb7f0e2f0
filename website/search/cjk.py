"""Make unspaced Chinese findable by every search backend.

Full-text engines split text on spaces and punctuation, so a Chinese sentence becomes one long
"word" and a two-character query such as 三体 never matches inside it. Rather than depend on
one backend's tokenizer (SQLite FTS5, PostgreSQL's parser and Elasticsearch all differ), each
page indexes an extra field holding the single characters and overlapping character pairs
(bigrams) of every run of Chinese text, and the search view rewrites a query the same way.
A query of n characters then matches a text that contains those n characters in sequence,
up to the rare false positive of the same pairs in another order. Bigrams are the classic
choice for Chinese retrieval (they beat dictionary segmentation on recall for names and
new words, which is what readers search for: titles, authors, schools), and need no model.
"""

import re

from django.utils.html import strip_tags

CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef]+")


def cjk_tokens(run):
    """The characters and the overlapping pairs of one run of Chinese characters."""
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def index_text(text):
    """The extra text to index for `text`: unigrams and bigrams of its Chinese runs."""
    tokens = []
    for run in CJK_RUN.findall(strip_tags(text or "")):
        tokens.extend(run)
        if len(run) > 1:
            tokens.extend(cjk_tokens(run))
    return " ".join(tokens)


def query_text(query):
    """Rewrite a reader's query so that its Chinese runs match the indexed pairs."""
    parts = []
    position = 0
    for match in CJK_RUN.finditer(query):
        parts.append(query[position : match.start()])
        parts.append(" " + " ".join(cjk_tokens(match.group())) + " ")
        position = match.end()
    parts.append(query[position:])
    return " ".join("".join(parts).split())


def has_cjk(text):
    return bool(CJK_RUN.search(text or ""))


def text_lang(text, page_language):
    """ "zh-Hans" or "en" for a title written in the other language than the page's, else ""."""
    if not text:
        return ""
    is_chinese = has_cjk(text)
    if page_language.startswith("en") and is_chinese:
        return "zh-Hans"
    if not page_language.startswith("en") and not is_chinese:
        return "en"
    return ""
