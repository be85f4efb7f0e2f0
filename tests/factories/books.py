import factory

from reading.models import Book, Loan


def _isbn13(n):
    body = f"978711{n % 1_000_000:06d}"
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


class BookFactory(factory.django.DjangoModelFactory):
    """A print book with a valid, unique ISBN; pass `ebook_url=` for the e-book too.

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
