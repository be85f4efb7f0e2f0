import pytest

from tests.factories import (
    DatabaseFactory,
    GuideIndexPageFactory,
    GuidePageFactory,
    LibrarianProfileFactory,
    SubjectFactory,
    VideoFactory,
    WebToolFactory,
)
from tests.factories.guides import databases, section, text, videos, webtools

READER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120 Safari/537.36"


@pytest.fixture
def reader(client):
    """A browser a person uses (counting ignores requests without a browser's User-Agent)."""
    client.defaults["HTTP_USER_AGENT"] = READER_AGENT
    return client


@pytest.fixture
def guide_index(home):
    return GuideIndexPageFactory(parent=home)


@pytest.fixture
def physics():
    return SubjectFactory(name_zh="物理", name_en="Physics", slug="physics")


@pytest.fixture
def owner(physics):
    return LibrarianProfileFactory(
        name_zh="李老师", name_en="Li Ming", email="li@example.edu", subjects=[physics]
    )


@pytest.fixture
def cnki(physics):
    return DatabaseFactory(
        name_zh="中国知网", name_en="CNKI", url="https://www.cnki.net/", subjects=[physics]
    )


@pytest.fixture
def guide(guide_index, physics, owner, cnki):
    video = VideoFactory(title_zh="利用图书馆资源提高英语水平", title_en="Better English")
    tool = WebToolFactory(name_en="Grammarly", url="https://www.grammarly.com/")
    return GuidePageFactory(
        parent=guide_index,
        title="英语学习",
        slug="english",
        summary="英语学习的资源导航",
        subjects=[physics],
        owners=[owner],
        sections=[
            section("数据库", text("<p>订阅的英文学习数据库</p>"), databases([cnki])),
            section("视频", videos([video])),
            section("工具", webtools([tool])),
        ],
    )
