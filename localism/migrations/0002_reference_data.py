from django.db import migrations


def load(apps, schema_editor):
    from localism.core_content import load_reference_data

    load_reference_data(apps.get_model("localism", "Place"), apps.get_model("localism", "Topic"),
                        apps.get_model("localism", "InformationPage"))


class Migration(migrations.Migration):
    dependencies = [("localism", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
