"""A recommendation page: its book, the reader as they allowed, the consented note, the vlog,
the column articles featuring it; the book page and the recommender page gather them."""

import io

import pytest
from PIL import Image

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from wagtail.documents.models import Document

from reading import uploads
from tests.factories import (
    BookFactory,
    ColumnArticlePageFactory,
    RecommendationPageFactory,
    RecommenderFactory,
    translate_page,
)
from tests.factories.campaigns import cached_embed, campaign_in_both_languages


def png_bytes(size=(60, 40), colour="white"):
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


MP4_HEAD = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64


@pytest.fixture
def campaign(home):
    return campaign_in_both_languages(home)[0]


@pytest.fixture
def professor():
    return RecommenderFactory(
        name="王晓东",
        name_en="Wang Xiaodong",
        role="faculty",
        school="生命科学学院",
        school_en="School of Life Sciences",
        distinction="中国科学院院士",
        distinction_en="Academician of the Chinese Academy of Sciences",
        email="wang.private@example.edu",
        slug="wang-xiaodong",
    )


@pytest.mark.django_db
def test_recommendation_shows_book_with_print_and_ebook(client, campaign, professor):
    book = BookFactory(
        title="双螺旋",
        authors="詹姆斯·沃森",
        call_number="Q7/12",
        copies=3,
        ebook_url="https://ebooks.example.edu/dna",
    )
    page = RecommendationPageFactory(
        parent=campaign,
        book=book,
        recommender=professor,
        text="科学发现的真实过程。",
        themes=["科学史"],
    )
    response = client.get(page.url)
    assert response.status_code == 200
    text = response.text
    assert "双螺旋" in text and "科学发现的真实过程" in text
    assert "Q7/12" in text and "https://ebooks.example.edu/dna" in text
    assert "王晓东" in text and "中国科学院院士" in text and "生命科学学院" in text
    assert "科学史" in text
    assert "wang.private@example.edu" not in text


@pytest.mark.django_db
def test_english_page_uses_english_name_and_school(client, campaign, professor):
    page = RecommendationPageFactory(parent=campaign, recommender=professor)
    page_en = translate_page(page, "en", text="The real story of a discovery.")
    text = client.get(page_en.url).text
    assert "Wang Xiaodong" in text and "School of Life Sciences" in text
    assert "The real story of a discovery." in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("display", "shown", "hidden"),
    [("full", "张伟", None), ("initials", "Z. W.", "张伟"), ("anonymous", None, "张伟")],
)
def test_name_display_modes(client, campaign, display, shown, hidden):
    reader = RecommenderFactory(name="张伟", name_en="", name_display=display, slug=f"zw-{display}")
    page = RecommendationPageFactory(parent=campaign, recommender=reader)
    for url in (page.url, campaign.url):
        text = client.get(url).text
        if shown:
            assert shown in text
        if hidden:
            assert hidden not in text
        assert reader.email not in text
    if display != "full":
        assert f"/recommenders/{reader.slug}/" not in client.get(page.url).text


@pytest.mark.django_db
def test_consented_note_is_shown_and_withheld_note_is_not(client, campaign):
    shown = RecommendationPageFactory(parent=campaign, show_note=True)
    hidden = RecommendationPageFactory(parent=campaign, show_note=False)
    uploads.archive_upload(
        ContentFile(png_bytes(), name="a.png"),
        queue_ocr=False,
        recommendation=shown,
        consent_public=True,
        transcription="手写推荐语",
    )
    uploads.archive_upload(
        ContentFile(png_bytes(colour="black"), name="b.png"),
        queue_ocr=False,
        recommendation=hidden,
        consent_public=False,
        transcription="不公开的字",
    )
    text = client.get(shown.url).text
    assert "archive-note" in text and "手写推荐语" in text
    text = client.get(hidden.url).text
    assert "archive-note" not in text and "不公开的字" not in text


@pytest.mark.django_db
def test_note_without_archive_consent_stays_hidden_even_if_page_says_show(client, campaign):
    page = RecommendationPageFactory(parent=campaign, show_note=True)
    uploads.archive_upload(
        ContentFile(png_bytes(), name="c.png"),
        queue_ocr=False,
        recommendation=page,
        consent_public=False,
        transcription="私人笔记",
    )
    assert "私人笔记" not in client.get(page.url).text


@pytest.mark.django_db
def test_vlog_by_url_is_embedded(client, campaign):
    url = "https://www.youtube.com/watch?v=campusvlog1"
    cached_embed(
        url,
        '<iframe src="https://www.youtube.com/embed/campusvlog1"></iframe>',
        provider_name="YouTube",
    )
    page = RecommendationPageFactory(parent=campaign, vlog_url=url)
    text = client.get(page.url).text
    assert 'src="https://www.youtube.com/embed/campusvlog1"' in text and url in text


@pytest.mark.django_db
def test_vlog_without_oembed_falls_back_to_a_link(client, campaign):
    page = RecommendationPageFactory(parent=campaign, vlog_url="https://video.example.edu/v/42")
    text = client.get(page.url).text
    assert 'href="https://video.example.edu/v/42"' in text


@pytest.mark.django_db
def test_vlog_file_must_really_be_a_video(campaign):
    video = Document.objects.create(title="vlog", file=ContentFile(MP4_HEAD, name="vlog.mp4"))
    page = RecommendationPageFactory(parent=campaign, vlog_file=video)
    page.full_clean()
    fake = Document.objects.create(
        title="fake", file=ContentFile(b"%PDF-1.4 not a video", name="fake.mp4")
    )
    page.vlog_file = fake
    with pytest.raises(ValidationError) as excinfo:
        page.full_clean()
    assert "vlog_file" in excinfo.value.message_dict
    page.vlog_file = video
    page.vlog_url = "https://www.youtube.com/watch?v=x"
    with pytest.raises(ValidationError):
        page.full_clean()


@pytest.mark.django_db
def test_vlog_file_is_played(client, campaign):
    video = Document.objects.create(title="vlog", file=ContentFile(MP4_HEAD, name="vlog.mp4"))
    page = RecommendationPageFactory(parent=campaign, vlog_file=video)
    assert "<video controls" in client.get(page.url).text


@pytest.mark.django_db
def test_column_article_features_recommendations_as_cards(client, campaign):
    first = RecommendationPageFactory(
        parent=campaign, book=BookFactory(title="乡土中国"), text="读懂中国社会的钥匙。"
    )
    second = RecommendationPageFactory(parent=campaign, book=BookFactory(title="万历十五年"))
    article = ColumnArticlePageFactory(
        parent=campaign,
        title="思库推荐 · 第一期",
        body=[
            ("recommendation", {"recommendation": first, "excerpt": ""}),
            ("recommendations", {"heading": "更多", "recommendations": [second]}),
        ],
    )
    text = client.get(article.url).text
    assert "乡土中国" in text and "读懂中国社会的钥匙" in text and "万历十五年" in text
    assert first.url in text
    featured = client.get(first.url).text
    assert "思库推荐 · 第一期" in featured and article.url in featured


@pytest.mark.django_db
def test_book_page_gathers_recommendations_across_campaigns(client, home):
    campaign, _ = campaign_in_both_languages(home)
    other, _ = campaign_in_both_languages(home)
    book = BookFactory(title="平凡的世界")
    for parent in (campaign, campaign, other):
        RecommendationPageFactory(parent=parent, book=book)
    RecommendationPageFactory(parent=campaign, book=book, live=False)
    response = client.get(f"/en/books/{book.pk}/")
    assert "Recommended by 3 readers" in response.text


@pytest.mark.django_db
def test_recommender_page_and_consent_withdrawal(client, campaign, professor):
    page = RecommendationPageFactory(
        parent=campaign, recommender=professor, vlog_url="https://video.example.edu/v/1"
    )
    url = "/zh-hans/recommenders/wang-xiaodong/"
    response = client.get(url)
    assert response.status_code == 200
    assert "王晓东" in response.text and page.url in response.text
    assert "wang.private@example.edu" not in response.text
    professor.name_display = "initials"
    professor.save()
    assert client.get(url).status_code == 404
    assert "王晓东" not in client.get(page.url).text


@pytest.mark.django_db
def test_recommender_without_published_recommendations_has_no_page(client, professor):
    assert client.get("/zh-hans/recommenders/wang-xiaodong/").status_code == 404
