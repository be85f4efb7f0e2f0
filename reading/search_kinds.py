"""What the reading side adds to the site search (see website/search/kinds.py): book records,
consented handwritten notes, and a recommendation's recommender, year and campaign."""

from django.db.models import prefetch_related_objects
from django.utils.translation import gettext as _

from wagtail.models import Page

from reading import isbn as isbn_tools
from reading.models import ArchiveItem, Book
from website.search.kinds import PageDescriber, RecordKind, Result, register


def _parents(pages):
    """{page pk: its parent page}, for all `pages` in one query."""
    paths = {page.pk: page.path[: -Page.steplen] for page in pages if page.depth > 1}
    parents = {parent.path: parent for parent in Page.objects.filter(path__in=paths.values())}
    return {pk: parents.get(path) for pk, path in paths.items()}


def _recommendation_meta(recommendation, campaign):
    meta = [
        _("Recommended by %(name)s") % {"name": recommendation.recommender.display_name},
        str(recommendation.recommended_on.year),
    ]
    if campaign is not None:
        meta.append(campaign.title)
    return meta


@register
class RecommendationDescriber(PageDescriber):
    """Recommendations of one book share a title; who, when and where tell them apart."""

    model = "reading.RecommendationPage"

    def load(self, pages, request):
        prefetch_related_objects(pages, "recommender", "book")
        return _parents(pages)

    def describe(self, page, request, campaigns):
        book = page.book
        return Result(
            title=page.title,
            url=page.get_url(request=request),
            text=page.text,
            meta=[
                *_recommendation_meta(page, campaigns.get(page.pk)),
                " / ".join(part for part in (book.title, book.authors) if part),
            ],
        )


@register
class BookKind(RecordKind):
    """The library's book records, print and e-book: searched in the index, or by ISBN."""

    model = "reading.Book"
    order = 60

    def get_queryset(self):
        return Book.objects.all()  # catalogue records hold no personal data: all are public

    def search(self, query, rewritten):
        try:
            code = isbn_tools.normalise(query)
        except isbn_tools.InvalidISBN:
            return super().search(query, rewritten)
        return self.get_queryset().by_isbn(code).order_by("title", "pk")

    def load(self, books):
        prefetch_related_objects(books, "ebooks")  # each result says how it is held

    def describe(self, book, loaded):
        title = f"{book.title} : {book.subtitle}" if book.subtitle else book.title
        meta = [part for part in (book.authors, book.publisher) if part]
        if book.year:
            meta.append(str(book.year))
        meta.append(str(book.get_holding_status_display()))
        if book.call_number:
            meta.append(_("Call number %(number)s") % {"number": book.call_number})
        text = " ".join(part for part in (book.summary, book.isbn13) if part)
        return Result(title=title, url=book.get_absolute_url(), text=text, meta=meta)


@register
class NoteKind(RecordKind):
    """Scanned handwritten notes whose writers agreed to show them, with their transcription."""

    model = "reading.ArchiveItem"
    order = 70

    def get_queryset(self):
        # by id: the rule (consent and a readable recommendation) spans relations a search
        # backend cannot filter on
        return ArchiveItem.objects.filter(pk__in=ArchiveItem.objects.public().values("pk"))

    @property
    def label(self):
        return _("Handwritten notes")

    def load(self, notes):
        prefetch_related_objects(
            notes, "recommendation__recommender", "recommendation__book", "campaign"
        )
        recommendations = [n.recommendation for n in notes if n.recommendation is not None]
        return _parents(recommendations)

    def describe(self, note, campaigns):
        recommendation = note.recommendation
        if recommendation is not None and not recommendation.live:
            recommendation = None  # an unpublished recommendation says nothing here
        meta = []
        campaign = note.campaign
        if recommendation is not None:
            title = _("Note on “%(book)s”") % {"book": recommendation.book.title}
            campaign = campaign or campaigns.get(recommendation.pk)
            meta = _recommendation_meta(recommendation, None)
        else:
            title = _("Handwritten note")
            meta = [str(note.added_at.year)]
        if campaign is not None:
            meta.append(campaign.title)
        return Result(title=title, url=note.get_absolute_url(), text=note.text, meta=meta)
