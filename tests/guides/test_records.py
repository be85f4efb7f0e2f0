"""Records are edited once and shown everywhere, in the reader's language."""

import pytest

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.models import ReferenceIndex

from guides.models import Database, Video, WebTool
from tests.factories import (
    DatabaseFactory,
    GuidePageFactory,
    VideoFactory,
    WebToolFactory,
    translate_page,
)
from tests.factories.guides import databases, section

pytestmark = pytest.mark.django_db


def test_changing_a_database_url_once_changes_every_guide(guide_index, cnki, reader):
    other = GuidePageFactory(
        parent=guide_index, slug="physics", sections=[section("数据库", databases([cnki]))]
    )
    third = GuidePageFactory(
        parent=guide_index, slug="biology", sections=[section("数据库", databases([cnki]))]
    )
    english = translate_page(other, "en", title="Physics")

    cnki.url = "https://kns.cnki.net/new-home/"
    cnki.save()

    for page in (other, third, english):
        response = reader.get(page.url)
        link = f"/go/database/{cnki.pk}/?g={page.pk}"
        assert link in response.content.decode()
        redirect = reader.get(link)
        assert redirect.status_code == 302
        assert redirect["Location"] == "https://kns.cnki.net/new-home/"


def test_a_record_knows_the_guides_that_use_it(guide, cnki, editor, client):
    references = ReferenceIndex.get_references_to(cnki)
    assert str(guide.pk) in {ref.object_id for ref in references}
    client.force_login(editor)
    usage = client.get(f"/admin/snippets/guides/database/usage/{cnki.pk}/")
    assert usage.status_code == 200
    assert guide.title in usage.content.decode()
    listing = client.get("/admin/snippets/guides/database/")
    assert listing.status_code == 200


def test_records_show_the_readers_language_with_fallback(guide, reader):
    english = translate_page(guide, "en", title="English learning")
    zh_html = reader.get(guide.url).content.decode()
    en_html = reader.get(english.url).content.decode()
    assert "中国知网" in zh_html
    assert ">CNKI</a>" in en_html
    # The video has both titles, the tool only an English one (shown in both languages).
    assert "Better English" in en_html and "利用图书馆资源提高英语水平" in zh_html
    assert "Grammarly" in zh_html and "Grammarly" in en_html


def test_a_record_needs_a_name_in_one_language():
    with pytest.raises(ValidationError) as error:
        Database(url="https://example.com/").full_clean()
    assert "name_zh" in error.value.message_dict
    Database(name_en="JSTOR", url="https://www.jstor.org/").full_clean()


def test_a_trial_end_date_needs_a_trial():
    database = Database(name_en="X", url="https://x.example/", trial_ends="2026-12-31")
    with pytest.raises(ValidationError) as error:
        database.full_clean()
    assert "trial_ends" in error.value.message_dict


def test_a_video_is_a_player_address_or_a_file_not_both():
    with pytest.raises(ValidationError):
        Video(title_zh="视频").full_clean()
    with pytest.raises(ValidationError) as error:
        Video(title_zh="视频", embed_url="http://player.example.com/1").full_clean()
    assert "embed_url" in error.value.message_dict
    Video(title_zh="视频", embed_url="https://player.example.com/1").full_clean()


def test_an_uploaded_video_is_checked_by_its_bytes():
    fake = SimpleUploadedFile("lecture.mp4", b"not a video at all", content_type="video/mp4")
    video = Video(title_zh="讲座", video_file=fake)
    with pytest.raises(ValidationError) as error:
        video.full_clean()
    assert "video_file" in error.value.message_dict
    mp4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
    video = Video(title_zh="讲座", video_file=SimpleUploadedFile("lecture.mp4", mp4))
    video.full_clean()


def test_captions_must_be_webvtt():
    mp4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
    bad = Video(
        title_zh="讲座",
        video_file=SimpleUploadedFile("a.mp4", mp4),
        captions=SimpleUploadedFile("a.vtt", b"1\n00:00:01,000 --> 00:00:02,000\nhi\n"),
    )
    with pytest.raises(ValidationError) as error:
        bad.full_clean()
    assert "captions" in error.value.message_dict
    good = Video(
        title_zh="讲座",
        video_file=SimpleUploadedFile("a.mp4", mp4),
        captions=SimpleUploadedFile("a.vtt", "WEBVTT\n\n00:00.000 --> 00:01.000\n你好\n".encode()),
    )
    good.full_clean()


def test_web_tool_platforms_round_trip():
    tool = WebToolFactory(name_en="TED", platforms=["web", "ios", "android"])
    tool = WebTool.objects.get(pk=tool.pk)
    assert tool.platforms == ["web", "ios", "android"]
    assert tool.platform_labels[1:] == ["iOS", "Android"]
    with pytest.raises(ValidationError):
        WebTool(name_en="X", url="https://x.example/", platforms=["amiga"]).full_clean()


def test_video_duration_display():
    from datetime import timedelta

    assert VideoFactory(duration=timedelta(minutes=28, seconds=5)).duration_display == "28:05"
    assert VideoFactory(duration=timedelta(hours=1, minutes=2)).duration_display == "1:02:00"


def test_database_admin_search_finds_part_of_a_chinese_name(editor, client):
    DatabaseFactory(name_zh="新东方多媒体学习库", name_en="New Oriental")
    DatabaseFactory(name_zh="万方数据", name_en="Wanfang")
    client.force_login(editor)
    response = client.get("/admin/snippets/guides/database/", {"q": "多媒体"})
    html = response.content.decode()
    assert "新东方多媒体学习库" in html
    assert "万方数据" not in html


def test_a_stored_video_is_not_checked_again_on_every_edit():
    mp4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
    video = Video(title_zh="讲座", video_file=SimpleUploadedFile("lecture.mp4", mp4))
    video.full_clean()
    video.save()
    video.video_file.storage.delete(video.video_file.name)  # e.g. media moved elsewhere
    video = Video.objects.get(pk=video.pk)
    video.title_en = "Lecture"
    video.full_clean()
