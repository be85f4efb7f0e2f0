import factory

from reading.models import ShelfExclusion, ShelfIndexPage, ShelfItem, ShelfPage

from .pages import PageFactory


class ShelfIndexPageFactory(PageFactory):
    title = "思库主题书架"
    slug = "shelves"

    class Meta:
        model = ShelfIndexPage


class ShelfPageFactory(PageFactory):
    """A themed shelf. `books=[book, (book, "curator's line"), ...]` in shelf order;
    `excluded=[book, ...]` with `theme_tag=` a taggit Tag to fill it from a subject."""

    title = factory.Sequence(lambda n: f"主题书架 {n}")
    theme = "科学家传记"
    curator = "图书馆阅读推广组"
    place = "图书馆一楼 思库专架 3"

    class Meta:
        model = ShelfPage

    @classmethod
    def _create(cls, model_class, *args, books=(), excluded=(), **kwargs):
        items = []
        for i, entry in enumerate(books):
            book, note = entry if isinstance(entry, tuple) else (entry, "")
            items.append(ShelfItem(book=book, note=note, sort_order=i))
        kwargs["items"] = items
        kwargs["exclusions"] = [
            ShelfExclusion(book=book, sort_order=i) for i, book in enumerate(excluded)
        ]
        return super()._create(model_class, *args, **kwargs)
