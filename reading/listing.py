"""Narrowing and paging a list of books: the one way the shelf page and the book list do it.

The page a shelf's QR label opens is read on a phone in front of the shelf, so it shows the
first books at once, a page at a time, and lets the reader keep only the books they can read
online (or take from the shelf) or those of one subject. The same parameters (`format`,
`subject`, `page`) and the same pager work on the book list, so a link that narrows one
narrows the other alike. Filtering costs one or two queries whatever the number of books.
"""

from django.core.paginator import Paginator
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from taggit.models import Tag

from reading.models.books import BookSubject
from website.core.models import TermInEnglish
from website.core.terms import is_english, names_of_term, tag_label, term_name, with_english

PER_PAGE = 12
MAX_SUBJECT_LENGTH = 100
FORMATS = {"print": _("Print copy"), "ebook": _("E-book")}
# Parameters a listing's links carry along; anything else in the address is dropped from them.
KEPT = ("q", "format", "subject")


class BookListing:
    """What the reader asked of a list of books (format, subject, page) and its answer."""

    def __init__(self, params, per_page=PER_PAGE):
        self.params = params
        wanted = params.get("format") or ""
        self.format = wanted if wanted in FORMATS else ""
        self.subject = (params.get("subject") or "").strip()[:MAX_SUBJECT_LENGTH]
        self.per_page = per_page

    @property
    def is_filtered(self):
        return bool(self.format or self.subject)

    def filter_books(self, books):
        """A Book queryset narrowed as asked."""
        if self.format == "print":
            books = books.with_holding_status("both") | books.with_holding_status("print")
        elif self.format == "ebook":
            books = books.with_holding_status("both") | books.with_holding_status("ebook")
        if self.subject:
            books = books.filter(subjects__name__in=names_of_term(self.subject)).distinct()
        return books

    def filter_entries(self, entries):
        """(book, note) pairs narrowed as asked, keeping their order (one query for a subject)."""
        if self.format == "print":
            entries = [entry for entry in entries if entry[0].has_print]
        elif self.format == "ebook":
            entries = [entry for entry in entries if entry[0].has_ebook]
        if self.subject and entries:
            ids = set(
                BookSubject.objects.filter(
                    content_object_id__in=[book.pk for book, _note in entries],
                    tag__name__in=names_of_term(self.subject),
                ).values_list("content_object_id", flat=True)
            )
            entries = [entry for entry in entries if entry[0].pk in ids]
        return entries

    @staticmethod
    def subjects_of(book_ids=None):
        """The subjects a reader can choose from (those of `book_ids`, else of every book), as
        (name, label) pairs in the order of their labels: the name is what the address carries,
        the label what the reader reads. A tag and its English form (an English book's own
        subject) are one subject, named by the Chinese tag, labelled in the reader's language
        (`website.core.terms`). One query."""
        tags = Tag.objects.filter(reading_booksubject_items__isnull=False)
        if book_ids is not None:
            tags = tags.filter(reading_booksubject_items__content_object_id__in=list(book_ids))
        subject_terms = TermInEnglish.objects.filter(
            tag__reading_booksubject_items__isnull=False
        ).distinct()
        tags = with_english(tags).annotate(term=term_name(subject_terms)).distinct()
        english = is_english()
        options = {}
        for tag in tags:
            name = tag.term or tag.name
            label = tag_label(tag) if english else name
            options.setdefault(name, label)
        return sorted(options.items(), key=lambda pair: (pair[1].casefold(), pair[0]))

    def paginate(self, items):
        """Django's paginator; a page number out of range or not a number gives the nearest page."""
        return Paginator(items, self.per_page).get_page(self.params.get("page"))

    def url(self, **changes):
        """The query string of this listing with `changes` (None drops a parameter); the page
        number is dropped unless given, since a new filter starts on the first page."""
        values = {key: self.params.get(key) for key in KEPT}
        values.update(changes)
        kept = {key: value for key, value in values.items() if value}
        return "?" + urlencode(kept) if kept else "?"

    def format_choices(self):
        choices = [("", pgettext_lazy("filter", "All"))] + list(FORMATS.items())
        return [
            {
                "label": label,
                "url": self.url(format=value or None),
                "current": value == self.format,
            }
            for value, label in choices
        ]

    def pager(self, page):
        """What the pager include shows: previous, numbered and next links, elided when long."""
        numbers = []
        for number in page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1):
            numbers.append(
                {
                    "number": number,
                    "url": self.url(page=number) if isinstance(number, int) else "",
                    "current": number == page.number,
                }
            )
        return {
            "page": page,
            "numbers": numbers,
            "previous_url": self.url(page=page.previous_page_number())
            if page.has_previous()
            else "",
            "next_url": self.url(page=page.next_page_number()) if page.has_next() else "",
        }
