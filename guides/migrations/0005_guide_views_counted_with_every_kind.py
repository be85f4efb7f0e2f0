"""Guide views join every public kind's in core.ViewCount (website/core/counting.py): the
daily counts move there, so the Guide usage report keeps its history, and the groups that
could read them (Subject librarians) may read the new counts."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations


def move_views(apps, schema_editor):
    GuideView = apps.get_model("guides", "GuideView")
    ViewCount = apps.get_model("core", "ViewCount")
    rows = (
        ViewCount(kind="guide", object_id=page_id, date=day, source="page", views=views)
        for page_id, day, views in GuideView.objects.values_list("page_id", "date", "views")
    )
    ViewCount.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)

    # The permission rows are made after migrating; make core's now to hand them on.
    create_permissions(global_apps.get_app_config("core"), apps=apps, verbosity=0)
    Permission = apps.get_model("auth", "Permission")
    old = Permission.objects.filter(content_type__app_label="guides", codename="view_guideview")
    new = Permission.objects.filter(content_type__app_label="core", codename="view_viewcount")
    new = new.first()
    if new is not None:
        for permission in old:
            new.group_set.add(*permission.group_set.all())
            new.user_set.add(*permission.user_set.all())


def move_back(apps, schema_editor):
    GuideView = apps.get_model("guides", "GuideView")
    ViewCount = apps.get_model("core", "ViewCount")
    GuidePage = apps.get_model("guides", "GuidePage")
    pages = set(GuidePage.objects.values_list("pk", flat=True))
    GuideView.objects.bulk_create(
        (
            GuideView(page_id=row.object_id, date=row.date, views=row.views)
            for row in ViewCount.objects.filter(kind="guide", source="page")
            if row.object_id in pages
        ),
        batch_size=1000,
    )
    ViewCount.objects.filter(kind="guide").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("guides", "0004_link_places"),
        ("core", "0003_view_counts"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(move_views, move_back),
        migrations.DeleteModel(name="GuideView"),
    ]
