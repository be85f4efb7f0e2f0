"""The import preview shows what an update changes: each field's old value and its new one."""

from pathlib import Path

import pytest

from django.urls import reverse

from reading.models import Book
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
IMPORT_URL = "wagtailsnippets_reading_book:import"


def upload(client, name):
    with (FIXTURES / name).open("rb") as handle:
        return client.post(reverse(IMPORT_URL), {"file": handle, "action": "preview"})


def test_an_updated_book_shows_old_and_new_values(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    upload(client, "alma_books.csv")
    client.post(reverse(IMPORT_URL), {"action": "confirm"})
    book = Book.objects.get(mms_id="991000000105466")
    book.call_number = "I247/OLD"
    book.publisher = "旧出版社"
    book.save()

    response = upload(client, "alma_books.csv")

    text = response.text
    assert 'class="count-updated">1<' in text
    assert "<del>I247/OLD</del>" in text and "<ins>I247.55/L712</ins>" in text
    assert "<del>旧出版社</del>" in text and "<ins>重庆出版社</ins>" in text
    # Only the changed fields are listed.
    assert "<ins>刘慈欣</ins>" not in text
    book.refresh_from_db()
    assert book.call_number == "I247/OLD"  # a preview stores nothing


def test_problems_only_lists_rejected_rows_and_notes_without_the_changes(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    preview = upload(client, "alma_rejects.csv")
    assert "Problems only" in preview.text and "import-rejected" in preview.text

    problems = client.get(reverse(IMPORT_URL), {"show": "problems"})

    assert problems.status_code == 200
    assert "import-rejected" in problems.text
    assert "import-changes" not in problems.text
    assert 'href="?show=all"' in problems.text
    # The whole file is still counted, and the upload still waits to be confirmed.
    assert problems.text.count('class="count-rejected">') == 1
    assert "reading_book_import" in client.session
    assert "import-changes" in client.get(reverse(IMPORT_URL), {"show": "all"}).text
    assert not Book.objects.exists()
