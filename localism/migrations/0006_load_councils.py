from django.db import migrations


def load(apps, schema_editor):
    from localism.core_content import load_councils

    load_councils(
        apps.get_model("localism", "Council"),
        apps.get_model("localism", "Responsibility"),
        apps.get_model("localism", "Place"),
    )


class Migration(migrations.Migration):
    dependencies = [("localism", "0005_councils")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
