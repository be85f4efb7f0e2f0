"""The books admin: listing, search, chooser, the import preview and the loan report."""

import csv
import io
from pathlib import Path

import pytest

from django.contrib.auth.models import Group, Permission
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation

from wagtail.test.utils.form_data import inline_formset, nested_form_data

from reading.models import Book, Loan
from tests.factories import BookFactory, LoanFactory, UserFactory

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
IMPORT_URL = "wagtailsnippets_reading_book:import"


@pytest.fixture(autouse=True)
def english():
    """Assert the interface's own (English) wording, whatever the catalogue translates."""
    with translation.override("en"):
        yield


@pytest.fixture
def admin_client(client, editor):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(editor)
    return client


def upload(client, name, url=IMPORT_URL, **extra):
    with (FIXTURES / name).open("rb") as handle:
        return client.post(reverse(url), {"file": handle, "action": "preview", **extra})


def test_listing_search_and_filters(admin_client):
    BookFactory(title="钱学森传", ebook_url="https://e.example.edu/q")
    BookFactory(title="Sapiens", copies=0, call_number="", ebook_url="https://e.example.edu/s")
    BookFactory(title="平凡的世界")
    url = reverse("wagtailsnippets_reading_book:list")
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "钱学森传" in response.text and "Import from the catalogue" in response.text
    response = admin_client.get(url, {"q": "学森"})
    assert "钱学森传" in response.text and "平凡的世界" not in response.text
    response = admin_client.get(url, {"holding": "ebook"})
    assert "Sapiens" in response.text and "平凡的世界" not in response.text


def test_chooser_finds_books(admin_client):
    BookFactory(title="邓稼先传")
    response = admin_client.get(
        reverse("wagtailsnippetchoosers_reading_book:choose_results"), {"q": "邓稼先"}
    )
    assert response.status_code == 200
    assert "邓稼先传" in response.text


def _book_form(ebooks=(), **fields):
    """The book editor's POST: its fields and its e-book platforms' inline forms."""
    return nested_form_data(
        {"copies": 1, "language": "zh", **fields, "ebooks": inline_formset(list(ebooks))}
    )


def test_editor_form_refuses_a_bad_isbn(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_reading_book:add"),
        _book_form(title="三体", isbn13="978-7-5366-9293-1"),
    )
    assert response.status_code == 200
    assert "check digit" in response.text
    assert not Book.objects.exists()
    response = admin_client.post(
        reverse("wagtailsnippets_reading_book:add"),
        _book_form(title="三体", isbn13="7-5366-9293-5"),
    )
    assert response.status_code == 302
    assert Book.objects.get().isbn13 == "9787536692930"


CHAOXING = {"platform": "超星电子书", "url": "https://www.chaoxing.com/b/1", "access_note": "VPN"}
WEREAD = {"platform": "微信读书", "url": "https://weread.qq.com/b/1", "access_note": ""}


def test_editor_keeps_several_ebook_platforms_in_their_order(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_reading_book:add"),
        _book_form([WEREAD, CHAOXING], title="三体"),
    )
    assert response.status_code == 302
    book = Book.objects.get()
    assert [ebook.platform for ebook in book.ebook_list] == ["微信读书", "超星电子书"]
    assert book.holding_status == "both"


def test_editor_refuses_the_same_ebook_link_twice_and_a_row_without_a_link(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_reading_book:add"),
        _book_form([CHAOXING, {**WEREAD, "url": CHAOXING["url"]}], title="三体"),
    )
    assert response.status_code == 200
    assert not Book.objects.exists()
    response = admin_client.post(
        reverse("wagtailsnippets_reading_book:add"),
        _book_form([{"platform": "微信读书", "url": "", "access_note": ""}], title="三体"),
    )
    assert response.status_code == 200
    assert "This field is required" in response.text
    assert not Book.objects.exists()


def test_import_preview_then_confirm(admin_client):
    response = upload(admin_client, "alma_books.xlsx")
    assert response.status_code == 200
    assert not Book.objects.exists()  # a preview stores nothing
    text = response.text
    assert 'class="count-created">8<' in text
    assert "三体" in text and "Confirm and import" in text
    pending = admin_client.session["reading_book_import"]["name"]
    assert default_storage.exists(pending)

    response = admin_client.post(reverse(IMPORT_URL), {"action": "confirm"})
    assert response.status_code == 200
    assert Book.objects.count() == 8
    assert not default_storage.exists(pending)
    assert "reading_book_import" not in admin_client.session

    # The same file again: a preview that changes nothing offers nothing to confirm.
    response = upload(admin_client, "alma_books.xlsx")
    assert 'class="count-unchanged">8<' in response.text
    assert "Confirm and import" not in response.text


def test_import_preview_lists_rejections(admin_client):
    response = upload(admin_client, "alma_rejects.mrc")
    assert "record 1" in response.text and "no 245" in response.text
    assert "check digit" in response.text


def test_unreadable_upload_changes_nothing_and_is_not_kept(admin_client):
    BookFactory(title="已有的书")
    response = upload(admin_client, "alma_truncated.mrc")
    assert response.status_code == 200
    assert "cannot be imported" in response.text and "broken at record 2" in response.text
    assert "reading_book_import" not in admin_client.session
    assert list(Book.objects.values_list("title", flat=True)) == ["已有的书"]


def test_confirm_without_a_preview_is_refused(admin_client):
    response = admin_client.post(reverse(IMPORT_URL), {"action": "confirm"}, follow=True)
    assert "expired" in response.text
    assert not Book.objects.exists()


def test_empty_upload_is_refused(admin_client):
    response = admin_client.post(
        reverse(IMPORT_URL), {"file": io.BytesIO(b""), "action": "preview"}
    )
    assert response.status_code == 200
    assert not Book.objects.exists()


def test_import_needs_book_permissions(client):
    user = UserFactory(is_staff=True)
    group = Group.objects.create(name="Readers of the admin")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)
    # Wagtail turns PermissionDenied into a redirect to the dashboard with a message.
    for name in (IMPORT_URL, "wagtailsnippets_reading_book:loan_report"):
        response = client.get(reverse(name))
        assert response.status_code in {302, 403}
        assert response.status_code == 403 or response.url == reverse("wagtailadmin_home")
    with (FIXTURES / "alma_books.csv").open("rb") as handle:
        client.post(reverse(IMPORT_URL), {"file": handle, "action": "preview"})
    assert not Book.objects.exists()


def test_loan_import_in_the_admin(admin_client):
    with (FIXTURES / "alma_books.csv").open("rb") as handle:
        from reading.importers import import_books

        import_books(handle)
    response = upload(
        admin_client, "alma_loans.csv", url="wagtailsnippets_reading_book:import_loans"
    )
    assert 'class="count-created">6<' in response.text
    assert not Loan.objects.exists()
    admin_client.post(reverse("wagtailsnippets_reading_book:import_loans"), {"action": "confirm"})
    assert Loan.objects.count() == 6


@pytest.fixture
def loans():
    a = BookFactory(title="三体", copies=2, subjects=["科幻"])
    b = BookFactory(title='=HYPERLINK("x")', copies=1)
    c = BookFactory(title="人类简史", copies=5)
    LoanFactory(book=a, period="2024", loans=30)
    LoanFactory(book=b, period="2024", loans=6)
    LoanFactory(book=c, period="2024", loans=6)
    LoanFactory(book=a, period="2023", loans=11)
    return a, b, c


def test_loan_report_page(admin_client, loans):
    url = reverse("wagtailsnippets_reading_book:loan_report")
    response = admin_client.get(url, {"period": "2024", "threshold": "5"})
    assert response.status_code == 200
    text = response.text
    assert 'class="book-count">3<' in text
    assert 'class="total-loans">42<' in text
    assert 'class="average-loans">14.0<' in text
    buy_more = text.split('id="buy-more-heading"')[1]
    assert "三体" in buy_more and "人类简史" not in buy_more

    response = admin_client.get(url, {"books": "subject:科幻"})
    assert 'class="book-count">1<' in response.text
    assert 'class="total-loans">41<' in response.text


def test_loan_report_downloads_as_csv(admin_client, loans):
    url = reverse("wagtailsnippets_reading_book:loan_report")
    response = admin_client.get(url, {"period": "2024", "threshold": "5", "download": "books"})
    assert response["Content-Type"].startswith("text/csv")
    assert "loans-by-book-2024.csv" in response["Content-Disposition"]
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][0] == "Title"  # the editor's language (English here), not the site's
    assert rows[1][0] == "三体" and rows[1][6] == "30" and rows[1][8] == "yes"
    assert rows[2][0].startswith("'=")  # a title is never read as a formula
    assert len(rows) == 4

    response = admin_client.get(url, {"period": "2024", "threshold": "5", "download": "buy_more"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == ["三体", '\'=HYPERLINK("x")']

    response = admin_client.get(url, {"period": "2024", "download": "summary"})
    rows = dict(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows["Number of books"] == "3"
    assert rows["Average loans per book"] == "14.0"


def test_loan_report_with_a_bad_threshold_shows_the_error(admin_client, loans):
    url = reverse("wagtailsnippets_reading_book:loan_report")
    response = admin_client.get(url, {"threshold": "lots"})
    assert response.status_code == 200
    assert 'class="book-count">3<' in response.text


def test_upload_pages_render(admin_client):
    for name in (IMPORT_URL, "wagtailsnippets_reading_book:import_loans"):
        response = admin_client.get(reverse(name))
        assert response.status_code == 200
        assert 'type="file"' in response.text
    response = admin_client.get(reverse("wagtailsnippets_reading_book:loan_report"))
    assert response.status_code == 200
    assert 'class="book-count">0<' in response.text


def test_cancel_discards_the_pending_upload(admin_client):
    upload(admin_client, "alma_books.csv")
    pending = admin_client.session["reading_book_import"]["name"]
    admin_client.post(reverse(IMPORT_URL), {"action": "cancel"})
    assert not default_storage.exists(pending)
    assert not Book.objects.exists()
