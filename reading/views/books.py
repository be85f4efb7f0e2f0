"""Public pages for books: the list of the library's books and one book with its holdings.

Books are records (snippets), not pages, so these are plain views. Other features add
what they know about a book (recommendations, shelves, clubs) by registering a section in
`BOOK_SECTIONS` rather than editing this view: a section is a template and a function that
returns its context, or None to stay hidden.
"""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from reading import loan_reports, structured_data
from reading.listing import BookListing
from reading.models import Book
from website.core.structured_data import json_ld_script
from website.search.cjk import query_text

MAX_QUERY_LENGTH = 200

# [(template name, callable(request, book) -> dict or None)]; appended to by other modules.
BOOK_SECTIONS = []


def register_book_section(template, get_context):
    """Show `template` on every book page when `get_context(request, book)` returns a dict."""
    BOOK_SECTIONS.append((template, get_context))


def book_list(request):
    """Every book, a page at a time, narrowed by format, subject or a title/author search."""
    listing = BookListing(request.GET)
    books = Book.objects.with_holdings()
    query = (request.GET.get("q") or "").strip()[:MAX_QUERY_LENGTH]
    if query:
        rewritten = query_text(query)
        if rewritten:
            # the search first, on every book: a search backend filters only on its index's
            # filter fields, and format and subject are relations; then the reader's filters
            hits = Book.objects.search(rewritten, operator="and")
            books = books.filter(pk__in=[hit.pk for hit in hits])
    books = listing.filter_books(books)
    page = listing.paginate(books.order_by("title", "pk"))
    return TemplateResponse(
        request,
        "reading/books/book_list.html",
        {
            "books": page,
            "listing": listing,
            "pager": listing.pager(page),
            "subjects": BookListing.subjects_of(),
            "search_query": query,
        },
    )


def _structured_data(request, book):
    """schema.org Book, with the e-book as a second work example, for search engines."""
    data = {"@context": structured_data.SCHEMA, **structured_data.book(book, request, True)}
    return json_ld_script(data)


def book_detail(request, pk):
    book = get_object_or_404(Book.objects.with_holdings(), pk=pk)
    sections = []
    for template, get_context in BOOK_SECTIONS:
        extra = get_context(request, book)
        if extra is not None:
            sections.append({"template": template, **extra})
    return TemplateResponse(
        request,
        "reading/books/book_detail.html",
        {
            "book": book,
            "counted": book,  # its view beacon (website/core/counting.py)
            "book_sections": sections,
            "ebook_first": book.has_ebook and loan_reports.print_in_demand(book),
            "structured_data": _structured_data(request, book),
        },
    )
