from reading.demo import shelves as shelf_demo
from reading.models import Book, ShelfPage


def test_three_bilingual_shelves_one_of_50_books_built_once(home, client):
    shelf_demo.build()
    shelf_demo.build()
    zh = ShelfPage.objects.filter(locale__language_code="zh-hans")
    assert zh.count() == 3
    assert ShelfPage.objects.filter(locale__language_code="en").count() == 3
    biggest = max(len(shelf.entries()) for shelf in zh)
    assert biggest >= 50
    assert Book.objects.filter(title="钱学森传").count() == 1
    scientists = zh.get(slug="scientists-biographies")
    titles = [book.title for book, _note in scientists.entries()]
    assert titles[0] == "钱学森传" and "特斯拉传" not in titles
    english = scientists.get_translation(scientists.get_translations().first().locale)
    html = client.get(english.url).content.decode()
    assert "Truth for its own sake" in html
