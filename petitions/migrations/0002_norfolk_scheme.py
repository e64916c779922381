from django.db import migrations


def load(apps, schema_editor):
    from petitions.schemes import load_schemes

    load_schemes(
        apps.get_model("petitions", "PetitionScheme"),
        apps.get_model("petitions", "ExcludedMatter"),
        apps.get_model("localism", "Council"),
        apps.get_model("localism", "Responsibility"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0001_initial"),
        ("localism", "0006_load_councils"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
