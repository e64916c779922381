"""Listings in name order as people read it, capitals and small letters together (directory.models.NAME_ORDER):
the public listings' index orders lower(name), and each search entry keeps its listing's name in small letters."""

import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("directory", "0009_schedule_week_order_one_call"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="listing", name="listing_public_by_name"),
        migrations.AddIndex(
            model_name="listing",
            index=models.Index(
                django.db.models.functions.text.Lower("name"),
                models.F("id"),
                condition=models.Q(("is_hidden_as_stale", False), ("status", "published")),
                include=("organisation_id",),
                name="listing_public_by_name",
            ),
        ),
        migrations.RemoveIndex(model_name="listingsearchentry", name="search_entry_by_name"),
        migrations.RenameField(model_name="listingsearchentry", old_name="name", new_name="sort_name"),
        migrations.AlterField(
            model_name="listingsearchentry",
            name="sort_name",
            field=models.CharField(
                help_text="The listing's name in small letters: the order of each group of matches.", max_length=160
            ),
        ),
        migrations.RunSQL(
            "UPDATE directory_listingsearchentry SET sort_name = lower(sort_name)",
            reverse_sql=(
                "UPDATE directory_listingsearchentry AS e SET sort_name = l.name "
                "FROM directory_listing AS l WHERE l.id = e.listing_id"
            ),
        ),
        migrations.AddIndex(
            model_name="listingsearchentry",
            index=models.Index(
                fields=["sort_name", "listing"], include=("name_words", "heading_words"), name="search_entry_by_name"
            ),
        ),
    ]
