"""What the reading side exposes over OAI-PMH (see website/oai/): recommended books,
recommendations (one subset per campaign) and the consented handwritten notes.

Personal data never leaves: recommenders appear only as they chose (full name, initials, or
not at all), and no email, student number or school of an unnamed reader is mapped.
"""

from pymarc import Field, Indicators, Leader, Record, Subfield

from django.db.models import Prefetch, Q
from django.db.models.functions import Coalesce, Greatest
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from reading.models import (
    ArchiveItem,
    Book,
    CampaignPage,
    RecommendationPage,
    ShelfItem,
    ShelfPage,
)
from reading.models.archive import DEFAULT_RIGHTS
from website.core.terms import english_name
from website.oai.dublin_core import DublinCore
from website.oai.kinds import (
    Kind,
    PageKind,
    absolute_url,
    add_in_each_language,
    language_tag,
    main_language,
    publisher_name,
    restricted_q,
    rights_statement,
    set_suffix,
    urls_in_each_language,
)
from website.oai.registry import register
from website.oai.views import make_identifier

MARC_LANGUAGES = {"zh": "chi", "en": "eng", "ja": "jpn", "fr": "fre", "de": "ger", "ru": "rus"}


def _live_recommendations():
    return RecommendationPage.objects.for_readers()


def add_subject(dc, tag):
    """A subject or theme as the tag says it, and its English form (tagged) when it has one."""
    dc.add("subject", tag.name)
    english = english_name(tag)
    if english:
        dc.add("subject", english, lang="en")


def book_dublin_core(book, dc, request, with_urls=True):
    """The book's own description, shared by the book and the recommendation records."""
    lang = language_tag(book.language) if book.language not in ("", "other") else None
    dc.add("title", " : ".join(p for p in (book.title, book.subtitle) if p), lang=lang)
    for author in book.author_list:
        dc.add("creator", author)
    for subject in book.subjects.all():
        add_subject(dc, subject)
    dc.add("description", book.summary, lang=lang)
    dc.add("publisher", book.publisher)
    dc.add("date", book.year)
    for isbn in book.all_isbns:
        dc.add("identifier", f"urn:isbn:{isbn}")
    if with_urls:
        dc.extend("identifier", urls_in_each_language(book, request))
        dc.add("relation", book.catalogue_url)
        for ebook in book.ebook_list:
            dc.add("relation", ebook.url)
    dc.add("language", lang)
    return dc


def book_marc(book, request):
    """MARC21 of a book from its record: enough for a discovery system to show and link it."""
    record = Record(force_utf8=True, leader=Leader("00000nam a2200000 i 4500"))
    record.add_field(Field(tag="001", data=f"library-book-{book.pk}"))
    record.add_field(Field(tag="005", data=book.updated_at.strftime("%Y%m%d%H%M%S.0")))
    year = f"{book.year:04d}" if book.year else "    "
    lang = MARC_LANGUAGES.get(book.language, "und")
    fixed = f"{book.created_at:%y%m%d}s{year}    xx            000 0 {lang} d"
    record.add_field(Field(tag="008", data=fixed[:40].ljust(40)))
    for isbn in book.all_isbns:
        record.add_field(
            Field(tag="020", indicators=Indicators(" ", " "), subfields=[Subfield("a", isbn)])
        )
    if book.mms_id:
        record.add_field(
            Field(
                tag="035", indicators=Indicators(" ", " "), subfields=[Subfield("a", book.mms_id)]
            )
        )
    authors = book.author_list
    if authors:
        record.add_field(
            Field(tag="100", indicators=Indicators("1", " "), subfields=[Subfield("a", authors[0])])
        )
    title = [Subfield("a", book.title)]
    if book.subtitle:
        title.append(Subfield("b", book.subtitle))
    record.add_field(
        Field(tag="245", indicators=Indicators("1" if authors else "0", "0"), subfields=title)
    )
    imprint = []
    if book.publisher:
        imprint.append(Subfield("b", book.publisher))
    if book.year:
        imprint.append(Subfield("c", str(book.year)))
    if imprint:
        record.add_field(Field(tag="264", indicators=Indicators(" ", "1"), subfields=imprint))
    if book.summary:
        record.add_field(
            Field(
                tag="520", indicators=Indicators(" ", " "), subfields=[Subfield("a", book.summary)]
            )
        )
    for subject in book.subjects.all():
        record.add_field(
            Field(
                tag="650", indicators=Indicators(" ", "4"), subfields=[Subfield("a", subject.name)]
            )
        )
    for author in authors[1:]:
        record.add_field(
            Field(tag="700", indicators=Indicators("1", " "), subfields=[Subfield("a", author)])
        )
    if book.call_number or book.location:
        holding = [Subfield("b", book.location)] if book.location else []
        if book.call_number:
            holding.append(Subfield("h", book.call_number))
        record.add_field(Field(tag="852", indicators=Indicators(" ", " "), subfields=holding))
    for ebook in book.ebook_list:
        link = [Subfield("u", ebook.url)]
        if ebook.platform:
            link.insert(0, Subfield("3", ebook.platform))
        if ebook.access_note:
            link.append(Subfield("z", ebook.access_note))
        record.add_field(Field(tag="856", indicators=Indicators("4", "0"), subfields=link))
    with translation.override("zh-hans"):
        page = absolute_url(book.get_absolute_url(), request)
    record.add_field(
        Field(
            tag="856",
            indicators=Indicators("4", "2"),
            subfields=[Subfield("u", page), Subfield("z", "推荐与书架 / Recommendations")],
        )
    )
    return record


@register
class BookKind(Kind):
    """Books readers recommended or librarians shelved: the reading side's own view of a
    catalogue record, so that the discovery system links the record to the recommendations."""

    name = "book"
    set_spec = "books"
    set_name = _("Recommended and shelved books")
    set_description = _(
        "Books that readers recommended or that stand on a themed shelf, with print and "
        "e-book holdings."
    )
    model = "reading.Book"
    datestamp_field = "updated_at"  # touched when the book first appears (see tombstones)
    formats = ("oai_dc", "marc21")
    watched_models = (
        "reading.RecommendationPage",
        "reading.ShelfPage",
        "wagtailcore.PageViewRestriction",
    )

    def get_queryset(self):
        return Book.objects.presented_to_readers().prefetch_related("subjects__english", "ebooks")

    def affected_by(self, instance):
        covered = restricted_q(instance)
        if covered is not None:
            under = RecommendationPage.objects.filter(covered)
            shelved = ShelfItem.objects.filter(page__in=ShelfPage.objects.filter(covered))
            return Book.objects.filter(
                Q(pk__in=under.values("book_id")) | Q(pk__in=shelved.values("book_id"))
            )
        if hasattr(instance, "book_id"):
            return Book.objects.filter(pk=instance.book_id)
        return Book.objects.filter(pk__in=[item.book_id for item in instance.items.all()])

    def dublin_core(self, obj, request):
        dc = book_dublin_core(obj, DublinCore(), request)
        dc.add("type", "Text")
        dc.add("format", "Book")
        add_in_each_language(dc, "rights", rights_statement())
        return dc

    def marc21(self, obj, request):
        return book_marc(obj, request)


@register
class RecommendationKind(PageKind):
    """A reader's recommendation of a book; one subset per campaign."""

    name = "recommendation"
    set_spec = "recommendations"
    set_name = _("Recommendations")
    set_description = _("Readers' recommendations of books, campaign by campaign.")
    model = "reading.RecommendationPage"
    formats = ("oai_dc", "marc21")

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("book", "recommender", "locale")
            .prefetch_related(
                "tagged_items__tag__english", "book__subjects__english", "book__ebooks"
            )
        )

    def campaigns(self):
        return CampaignPage.objects.for_readers().filter(locale__language_code=main_language())

    def get_subsets(self):
        return [(set_suffix(c.slug, c.pk), c.title) for c in self.campaigns().order_by("pk")]

    def filter_subset(self, queryset, suffix):
        for campaign in self.campaigns():
            if set_suffix(campaign.slug, campaign.pk) == suffix:
                return queryset.child_of(campaign)
        return queryset.none()

    def prepare(self, objects, request):
        super().prepare(objects, request)
        steplen = RecommendationPage.steplen
        parents = {obj.path[:-steplen] for obj in objects}
        by_path = {c.path: c for c in CampaignPage.objects.filter(path__in=parents)}
        for obj in objects:
            obj.oai_campaign = by_path.get(obj.path[:-steplen])

    def get_set_specs(self, obj):
        campaign = getattr(obj, "oai_campaign", None)
        if campaign is None:
            campaign = obj.get_parent().specific
        return [self.set_spec, f"{self.set_spec}:{set_suffix(campaign.slug, campaign.pk)}"]

    def dublin_core(self, obj, request):
        dc = DublinCore()
        recommender = obj.recommender
        for page in self.versions(obj):
            lang = self.page_language(page)
            dc.add("title", page.title, lang=lang)
            text = getattr(page, "text", "")
            dc.add("description", text, lang=lang)
            dc.add("identifier", self.page_url(page, request))
            dc.add("language", lang)
            dc.add("creator", recommender.credited_name(page.locale.language_code), lang=lang)
        for tag in obj.tagged_items.all():
            add_subject(dc, tag.tag)
        for subject in obj.book.subjects.all():
            add_subject(dc, subject)
        dc.add("publisher", publisher_name())
        dc.add("date", obj.recommended_on.isoformat())
        dc.add("type", "Text")
        dc.add("format", "text/html")
        book = obj.book
        dc.add("relation", make_identifier("book", book.pk))
        dc.extend("relation", urls_in_each_language(book, request))
        for isbn in book.all_isbns:
            dc.add("relation", f"urn:isbn:{isbn}")
        dc.add("source", " / ".join(p for p in (book.title, *book.author_list[:1]) if p))
        add_in_each_language(dc, "rights", rights_statement())
        return dc

    def marc21(self, obj, request):
        """The recommended book's record, with the reader's words as a review note (520 1)
        and the recommendation page as its link."""
        record = book_marc(obj.book, request)
        record["001"].data = f"library-recommendation-{obj.pk}"
        by = obj.recommender.credited_name(obj.locale.language_code)
        note = [Subfield("a", obj.text)]
        if by:
            note.append(Subfield("c", by))
        record.add_ordered_field(Field(tag="520", indicators=Indicators("1", " "), subfields=note))
        record.add_field(
            Field(
                tag="856",
                indicators=Indicators("4", "2"),
                subfields=[Subfield("u", self.page_url(obj, request)), Subfield("z", obj.title)],
            )
        )
        return record


@register
class ArchiveNoteKind(Kind):
    """Scanned handwritten notes whose writers consented to their being shown."""

    name = "note"
    set_spec = "archive"
    set_name = _("Handwritten-note archive")
    set_description = _("Scans of readers' handwritten recommendation notes, with transcriptions.")
    model = "reading.ArchiveItem"
    datestamp_field = "oai_datestamp"
    dc_type = "StillImage"
    watched_models = ("reading.RecommendationPage", "wagtailcore.PageViewRestriction")

    def get_queryset(self):
        return (
            ArchiveItem.objects.public()
            .annotate(
                oai_datestamp=Greatest(
                    "added_at",
                    Coalesce("corrected_at", "added_at"),
                    Coalesce("ocr_finished_at", "added_at"),
                    Coalesce("recommendation__last_published_at", "added_at"),
                )
            )
            .select_related(
                "recommendation", "recommendation__book", "recommendation__recommender", "campaign"
            )
            .prefetch_related(Prefetch("recommendation__tagged_items"))
        )

    def affected_by(self, instance):
        covered = restricted_q(instance, prefix="recommendation__")
        if covered is not None:
            return ArchiveItem.objects.filter(covered)
        return ArchiveItem.objects.filter(recommendation__translation_key=instance.translation_key)

    def get_set_specs(self, obj):
        return [self.set_spec]

    def dublin_core(self, obj, request):
        dc = DublinCore()
        recommendation = obj.recommendation
        if recommendation is not None:
            book = recommendation.book
            dc.add("title", f"手写推荐语：{book.title}", lang="zh-Hans")
            dc.add("title", f"Handwritten recommendation: {book.title}", lang="en")
            recommender = recommendation.recommender
            dc.add("creator", recommender.credited_name("zh-hans"), lang="zh-Hans")
            dc.add("creator", recommender.credited_name("en"), lang="en")
            dc.add("relation", make_identifier("recommendation", recommendation.pk))
            dc.add("relation", recommendation.get_full_url(request))
            dc.add("relation", make_identifier("book", book.pk))
        else:
            dc.add("title", "手写推荐语", lang="zh-Hans")
            dc.add("title", "Handwritten recommendation note", lang="en")
        if obj.campaign is not None:
            dc.add("relation", obj.campaign.get_full_url(request))
        dc.add("description", obj.public_text)
        dc.add("publisher", publisher_name())
        dc.add("date", obj.added_at.date().isoformat())
        dc.add("type", "StillImage")
        dc.add("type", "Text")
        dc.add("format", obj.mime_type)
        dc.extend("identifier", urls_in_each_language(obj, request))
        if obj.has_standard_rights:
            add_in_each_language(dc, "rights", DEFAULT_RIGHTS)
        else:
            dc.add("rights", obj.rights_statement)
        return dc


@register
class ShelfKind(PageKind):
    """A themed shelf: its books as relations, its place in the library as coverage."""

    name = "shelf"
    set_spec = "shelves"
    set_name = _("Themed shelves")
    set_description = _("Themed shelves: books gathered around a theme, in print and online.")
    model = "reading.ShelfPage"

    def prepare(self, objects, request):
        super().prepare(objects, request)
        entries = ShelfPage.entries_of(objects)
        for obj in objects:
            obj.oai_books = [book for book, _note in entries[obj.pk]]

    def dublin_core(self, obj, request):
        dc = DublinCore()
        for page in self.versions(obj):
            lang = self.page_language(page)
            dc.add("title", page.title, lang=lang)
            dc.add("subject", getattr(page, "theme", ""), lang=lang)
            dc.add("description", getattr(page, "introduction", ""), lang=lang, html=True)
            dc.add("coverage", getattr(page, "place", ""), lang=lang)
            dc.add("identifier", self.page_url(page, request))
            dc.add("language", lang)
        dc.add("contributor", obj.curator)
        dc.add("publisher", publisher_name())
        if obj.first_published_at:
            dc.add("date", obj.first_published_at.date().isoformat())
        dc.add("type", "Collection")
        dc.add("format", "text/html")
        for book in getattr(obj, "oai_books", []):
            if book.isbn13:
                dc.add("relation", f"urn:isbn:{book.isbn13}")
            else:
                dc.add("relation", book.title)
        add_in_each_language(dc, "rights", rights_statement())
        return dc
