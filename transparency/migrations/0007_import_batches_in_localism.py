"""Spending, contracts and grants name their import batch in localism (the table moved there, see localism 0010)."""

import django.db.models.deletion
from django.db import migrations, models


def _batch():
    return models.ForeignKey(
        blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="localism.importbatch"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("localism", "0010_import_batches"),
        ("transparency", "0006_deciding_councils"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(model_name="spendingrecord", name="batch", field=_batch()),
                migrations.AlterField(model_name="contract", name="batch", field=_batch()),
                migrations.AlterField(model_name="grant", name="batch", field=_batch()),
                migrations.DeleteModel(name="ImportBatch"),
            ],
        ),
    ]
