from django.db import migrations

from transparency.rollups import CREATE_SQL, DROP_SQL


def fill(apps, schema_editor):
    from transparency.rollups import refresh

    refresh()


class Migration(migrations.Migration):
    dependencies = [
        ("transparency", "0002_nomination_documents"),
    ]

    operations = [
        migrations.RunSQL(CREATE_SQL, DROP_SQL),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
