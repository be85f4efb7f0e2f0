"""Search indexing of imported books, as background work.

Building PostgreSQL search vectors is most of the cost of importing a catalogue export
(about 20 ms a book against a few tenths of a millisecond to store it), so the import stores
the books in its transaction and queues their indexing, one task per chunk, the way Wagtail
queues the index update of every saved object. The quick start and the tests run tasks at once.
"""

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def index_books(pks):
    """Add (or refresh) these books in every auto-updating search backend."""
    from wagtail.search.backends import get_search_backends

    from reading.models import Book

    books = list(Book.objects.filter(pk__in=pks).prefetch_related("subjects"))
    for backend in get_search_backends(with_auto_update=True):
        try:
            backend.add_bulk(Book, books)
        except Exception:
            # The books are stored; a search engine being down must not fail the task forever.
            logger.exception("indexing imported books failed")
    return len(books)
