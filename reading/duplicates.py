"""Noticing that a recommended book is already in the catalogue (and already recommended).

The paper observes that readers often recommend the same book again; the library wants one
book with several recommendations, not two records. A book is the same when it shares an
ISBN with the submission (its leading ISBN or any other ISBN of the work: the translation,
another edition, the e-book), or when its title and author are the same once written the same
way: NFKC (full-width letters and digits become ordinary ones), case-folded, without the
《》 book-title marks, punctuation or spaces, without the nationality marks and role words of
Chinese catalogue entries ("[美] 卡尔·萨根 著"), with Latin names compared as a set of words
("Sagan, Carl" = "Carl Sagan").
"""

import re
import unicodedata

from django.db.models import Count, Q

from reading import isbn as isbn_tools
from website.core.translation_groups import one_per_group
from website.search.cjk import has_cjk

# [美] （英） 【日】 at the start of a Chinese author entry: the author's nationality.
_NATIONALITY = re.compile(r"^\s*[\[\(（【〔][^\]\)）】〕]{1,6}[\]\)）】〕]\s*")
# Role words after a Chinese name: 著, 编著, 主编, 译, 等著…
_ROLE_WORDS = re.compile(r"\s*(等)?\s*(编著|主编|原著|著|编|译|绘|撰|口述)\s*$")
_LATIN_ROLES = re.compile(r"\b(ed|eds|editor|editors|trans|translator|by)\b\.?", re.IGNORECASE)


def _strip(text):
    """Case-folded text without punctuation, symbols, marks or spaces."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LN")


def normalise_title(title):
    """《三体》 = 三体 = ＜三体＞; 'The Selfish Gene' = 'the selfish gene.'"""
    return _strip(title)


def normalise_author(author):
    """One author's name written one way.

    '[美] 卡尔·萨根 著' = '卡尔萨根'; 'Sagan, Carl' = 'carl sagan'.
    """
    text = unicodedata.normalize("NFKC", author or "").strip()
    text = _NATIONALITY.sub("", text)
    text = _ROLE_WORDS.sub("", text)
    if has_cjk(text):
        return _strip(text)
    text = _LATIN_ROLES.sub(" ", text)
    words = sorted(_strip(word) for word in re.split(r"[\s,.;·•\-]+", text) if _strip(word))
    return " ".join(words)


def _author_keys(authors):
    """Keys of every author in a catalogue's 'A; B; C' list (and of the whole list)."""
    keys = set()
    for part in re.split(r"[;；/、,，]|\band\b", authors or ""):
        key = normalise_author(part)
        if key:
            keys.add(key)
    whole = normalise_author(authors)
    if whole:
        keys.add(whole)
    return keys


def _title_keys(book):
    keys = {normalise_title(book.title)}
    if book.subtitle:
        keys.add(normalise_title(f"{book.title}{book.subtitle}"))
    return {key for key in keys if key}


def _candidate_fragment(title):
    """The longest run of letters or digits in a title, to narrow the search in the database."""
    text = unicodedata.normalize("NFKC", title or "")
    runs = re.findall(r"[^\W_]+", text)
    return max(runs, key=len) if runs else ""


def books_by_isbn(value):
    """Books with this ISBN as their leading ISBN or as another ISBN of the work."""
    from reading.models import Book

    try:
        code = isbn_tools.normalise(value)
    except isbn_tools.InvalidISBN:
        return Book.objects.none()
    return Book.objects.filter(Q(isbn13=code) | Q(isbn_entries__isbn=code)).distinct()


def books_by_title_author(title, author):
    """Books whose normalised title and one normalised author are the submission's."""
    from reading.models import Book

    title_key = normalise_title(title)
    # The part before a colon is the title proper: 'Sapiens: A Brief History…' = 'Sapiens'.
    proper = re.split(r"[:：]", unicodedata.normalize("NFKC", title or ""), maxsplit=1)[0]
    wanted_titles = {title_key, normalise_title(proper)} - {""}
    wanted_authors = _author_keys(author)
    fragment = _candidate_fragment(proper or title)
    if not wanted_titles or not wanted_authors or not fragment:
        return []
    matches = []
    for book in Book.objects.filter(title__icontains=fragment)[:200]:
        if _title_keys(book) & wanted_titles and _author_keys(book.authors) & wanted_authors:
            matches.append(book)
    return matches


def find_books(isbn="", title="", author="", book=None):
    """The books a submission names, best evidence first: the chosen catalogue record, then
    ISBN (any of the work's), then normalised title and author. Empty when the book is new."""
    found = []
    if book is not None:
        found.append(book)
    if isbn:
        found.extend(books_by_isbn(isbn))
    if title and author:
        found.extend(books_by_title_author(title, author))
    unique = []
    for candidate in found:
        if candidate.pk not in {b.pk for b in unique}:
            unique.append(candidate)
    return unique


def recommendation_count(book):
    """How many readers have recommended this book (published recommendations, counted once
    per recommendation whatever the number of its translations)."""
    from reading.models import RecommendationPage

    return (
        RecommendationPage.objects.for_readers()
        .filter(book=book)
        .order_by()
        .values("translation_key")
        .distinct()
        .count()
    )


def recommendation_counts(books):
    """{book id: number of readers} for several books in one query."""
    from reading.models import RecommendationPage

    rows = (
        RecommendationPage.objects.for_readers()
        .filter(book__in=[b.pk for b in books])
        .order_by()
        .values("book")
        .annotate(readers=Count("translation_key", distinct=True))
    )
    return {row["book"]: row["readers"] for row in rows}


def earlier_recommendations(book, exclude=None):
    """The recommendations of this book already in the system (published or draft), one per
    translation, for the moderation queue's links."""
    from reading.models import RecommendationPage

    pages = RecommendationPage.objects.filter(book=book).select_related("recommender", "locale")
    if exclude is not None:
        pages = pages.exclude(translation_key=exclude.translation_key)
    return one_per_group(pages.order_by("-recommended_on", "pk"))
