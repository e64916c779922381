"""Import batches move from transparency to localism, for every importer (the rows and their ids stay)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def content_type_follows(apps, schema_editor):
    """Audit entries that name a batch keep naming it."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="localism", model="importbatch").exists():
        ContentType.objects.filter(app_label="transparency", model="importbatch").update(app_label="localism")


def content_type_goes_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="transparency", model="importbatch").exists():
        ContentType.objects.filter(app_label="localism", model="importbatch").update(app_label="transparency")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("localism", "0009_councillor_promises"),
        ("transparency", "0006_deciding_councils"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    "ALTER TABLE transparency_importbatch RENAME TO localism_importbatch",
                    "ALTER TABLE localism_importbatch RENAME TO transparency_importbatch",
                ),
            ],
            state_operations=[
                migrations.CreateModel(
                    name="ImportBatch",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("dataset", models.CharField(max_length=16)),
                        ("status", models.CharField(choices=[("imported", "Imported"), ("failed", "Failed: nothing imported")], max_length=10)),
                        ("file_name", models.CharField(max_length=255)),
                        ("checksum", models.CharField(max_length=64, verbose_name="SHA-256 checksum")),
                        ("row_count", models.PositiveIntegerField(default=0, verbose_name="rows in the file")),
                        ("created_count", models.PositiveIntegerField(default=0, verbose_name="new rows")),
                        ("duplicate_count", models.PositiveIntegerField(default=0, verbose_name="rows already published")),
                        ("errors", models.JSONField(blank=True, default=list, help_text="[{line, message}] for a failed file.")),
                        ("error_count", models.PositiveIntegerField(default=0)),
                        ("imported_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("imported_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={"verbose_name_plural": "import batches", "ordering": ["-imported_at", "-id"]},
                ),
                migrations.AddConstraint(
                    model_name="importbatch",
                    constraint=models.UniqueConstraint(condition=models.Q(("status", "imported")), fields=("dataset", "checksum"), name="importbatch_once"),
                ),
            ],
        ),
        migrations.RunPython(content_type_follows, content_type_goes_back),
        migrations.AlterField(
            model_name="importbatch",
            name="dataset",
            field=models.CharField(help_text="The importer that read the file (localism.imports).", max_length=40),
        ),
        migrations.AlterField(
            model_name="importbatch",
            name="errors",
            field=models.JSONField(blank=True, default=list, help_text="[{line, message}] or [{record, message}] for a failed file."),
        ),
        migrations.AddField(
            model_name="importbatch",
            name="is_repeatable",
            field=models.BooleanField(default=False, help_text="The same file may be imported again (a feed that is read again to update)."),
        ),
        migrations.AddField(
            model_name="importbatch",
            name="details",
            field=models.JSONField(blank=True, default=dict, help_text="What the importer adds (a feed's counts by kind)."),
        ),
        migrations.RemoveConstraint(model_name="importbatch", name="importbatch_once"),
        migrations.AddConstraint(
            model_name="importbatch",
            constraint=models.UniqueConstraint(condition=models.Q(("is_repeatable", False), ("status", "imported")), fields=("dataset", "checksum"), name="importbatch_once"),
        ),
    ]
