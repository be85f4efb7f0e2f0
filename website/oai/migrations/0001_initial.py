from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="DeletedRecord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("kind", models.CharField(max_length=50, verbose_name="kind")),
                ("object_pk", models.BigIntegerField(verbose_name="object id")),
                ("datestamp", models.DateTimeField(db_index=True, verbose_name="deleted at")),
                (
                    "set_specs",
                    models.TextField(blank=True, default=" ", verbose_name="sets"),
                ),
            ],
            options={
                "verbose_name": "deleted OAI-PMH record",
                "verbose_name_plural": "deleted OAI-PMH records",
                "indexes": [
                    models.Index(
                        fields=["datestamp", "kind", "object_pk"],
                        name="oai_deleted_datesta_64fd46_idx",
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("kind", "object_pk"), name="oai_deleted_once"
                    )
                ],
            },
        ),
    ]
