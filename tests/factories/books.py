import factory

from reading.models import Book, BookEbook, Loan

# A book's first e-book platform, given as keyword arguments (`ebook_url=` and the rest).
EBOOK_ARGUMENTS = {
    "ebook_url": "url",
    "ebook_platform": "platform",
    "ebook_platform_en": "platform_en",
    "ebook_access_note": "access_note",
    "ebook_access_note_en": "access_note_en",
}


def _isbn13(n):
    body = f"978711{n % 1_000_000:06d}"
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


class BookFactory(factory.django.DjangoModelFactory):
    """A print book with a valid, unique ISBN; pass `ebook_url=` (and `ebook_platform=`,
    `ebook_access_note=`, their `_en` forms) for an e-book platform too, or `ebooks=[{...}]`
    for several.

    `subjects=["科学家传记", ...]` sets the tags after the book is saved.
    """

    title = factory.Sequence(lambda n: f"Book {n}")
    authors = "Author"
    isbn13 = factory.Sequence(_isbn13)
    publisher = "科学出版社"
    year = 2020
    language = "zh"
    call_number = factory.Sequence(lambda n: f"K826.1/{n}")
    location = "Main library, 3F"
    copies = 2

    class Meta:
        model = Book
        skip_postgeneration_save = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        first = {EBOOK_ARGUMENTS[k]: kwargs.pop(k) for k in list(kwargs) if k in EBOOK_ARGUMENTS}
        ebooks = list(kwargs.pop("ebooks", None) or [])
        if first.get("url"):
            ebooks.insert(0, first)
        book = super()._create(model_class, *args, **kwargs)
        BookEbook.objects.bulk_create(
            [BookEbook(book=book, sort_order=n, **ebook) for n, ebook in enumerate(ebooks)]
        )
        return book

    @factory.post_generation
    def subjects(self, create, extracted, **kwargs):
        if create and extracted:
            self.subjects.set(list(extracted))


class LoanFactory(factory.django.DjangoModelFactory):
    book = factory.SubFactory(BookFactory)
    period = "2024"
    loans = 10

    class Meta:
        model = Loan
        django_get_or_create = ("book", "period")
