"""Who inside the admin sees what: the archive's scans are for archive staff only, and a
recommender's real name only for those who manage recommenders."""

import pytest

from django.contrib.auth.models import Group, Permission

from wagtail.images import get_image_model
from wagtail.models import Collection, GroupCollectionPermission

from reading.models import NameDisplay
from tests.factories import ArchiveItemFactory, RecommenderFactory, UserFactory

pytestmark = pytest.mark.django_db


def _page_editor():
    """An ordinary page editor, with Wagtail's usual image rights on the root collection."""
    group = Group.objects.create(name="Page editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    root = Collection.get_first_root_node()
    for codename in ("add_image", "change_image", "choose_image"):
        GroupCollectionPermission.objects.create(
            group=group, collection=root, permission=Permission.objects.get(codename=codename)
        )
    user = UserFactory(username="page.editor", is_staff=True)
    user.groups.add(group)
    return user


@pytest.fixture
def images(home):
    note = ArchiveItemFactory(consent_public=False)
    own = get_image_model().objects.create(
        title="Library building",
        file=note.display_image.file.name,
        collection=Collection.get_first_root_node(),
        width=10,
        height=10,
    )
    return note.display_image, own


def test_page_editors_never_see_the_archive_scans(client, images):
    scan, own = images
    client.force_login(_page_editor())
    listing = client.get("/admin/images/").content.decode()
    chooser = client.get("/admin/images/chooser/results/").content.decode()
    assert own.title in listing and own.title in chooser
    assert scan.title not in listing and scan.title not in chooser
    assert client.get(f"/admin/images/{scan.pk}/").status_code in (302, 403)
    assert client.post(f"/admin/images/{scan.pk}/delete/").status_code in (302, 403)
    assert get_image_model().objects.filter(pk=scan.pk).exists()
    upload_form = client.get("/admin/images/multiple/add/").content.decode()
    assert "Archived notes" not in upload_form


def test_archive_staff_see_them(client, images, editor):
    scan, _own = images
    client.force_login(editor)
    assert scan.title in client.get("/admin/images/").content.decode()
    assert client.get(f"/admin/images/{scan.pk}/").status_code == 200


def test_the_recommender_chooser_shows_names_as_readers_allowed(client, home, editor):
    RecommenderFactory(name="隐名读者", name_en="Hidden Reader", name_display=NameDisplay.ANONYMOUS)
    RecommenderFactory(name="缩写读者", name_en="Initial Reader", name_display=NameDisplay.INITIALS)
    leader = UserFactory(username="teacher.x", is_staff=True)
    leader.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(leader)
    text = client.get("/admin/snippets/choose/reading/recommender/results/").content.decode()
    assert "隐名读者" not in text and "Hidden Reader" not in text
    assert "缩写读者" not in text and "I. R." in text
    client.force_login(editor)
    text = client.get("/admin/snippets/choose/reading/recommender/results/").content.decode()
    assert "隐名读者" in text
