"""Funded projects' delivery (status, progress reports with photos, completion, and the decision, contracts and
payments that delivered them); the delivery of projects funded by results already published is started."""

import datetime

import budgeting.models
import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


def start_deliveries(apps, schema_editor):
    """As budgeting.services.deliveries_start does when results are published."""
    Round = apps.get_model("budgeting", "Round")
    Project = apps.get_model("budgeting", "Project")
    Delivery = apps.get_model("budgeting", "Delivery")
    for budget_round in Round.objects.filter(results_published_at__isnull=False):
        funded = [row["id"] for row in (budget_round.results or {}).get("projects", []) if row.get("funded")]
        expected = budget_round.results_published_at.date() + datetime.timedelta(days=365)
        Delivery.objects.bulk_create(
            Delivery(project=p, description=p.title[:300], owner=p.organisation.name[:200], due_on=expected)
            for p in Project.objects.filter(round=budget_round, pk__in=funded).select_related("organisation")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("budgeting", "0003_ballot_channels"),
        ("transparency", "0009_notices"),
    ]

    operations = [
        migrations.CreateModel(
            name="Delivery",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("description", models.CharField(max_length=300)),
                ("owner", models.CharField(help_text="The team or role responsible.", max_length=200)),
                ("due_on", models.DateField()),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("planned", "Planned"),
                            ("in-progress", "In progress"),
                            ("done", "Done"),
                            ("delayed", "Delayed"),
                            ("not-going-ahead", "Not going ahead"),
                        ],
                        default="planned",
                        max_length=16,
                    ),
                ),
                ("status_note", models.CharField(blank=True, max_length=300)),
                ("updated_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "completed_on",
                    models.DateField(blank=True, help_text="Filled in when the status becomes done.", null=True),
                ),
                (
                    "contracts",
                    models.ManyToManyField(
                        blank=True,
                        help_text="The contracts that delivered it, by number with commas between (the magnifying glass finds them).",
                        related_name="+",
                        to="transparency.contract",
                    ),
                ),
                (
                    "decision",
                    models.ForeignKey(
                        blank=True,
                        help_text="The decision in the decisions log that agreed it (one of your council's).",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="transparency.decision",
                    ),
                ),
                (
                    "payments",
                    models.ManyToManyField(
                        blank=True,
                        help_text="The payments that delivered it, by number with commas between (the magnifying glass finds them).",
                        related_name="+",
                        to="transparency.spendingrecord",
                    ),
                ),
                (
                    "project",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE, related_name="delivery", to="budgeting.project"
                    ),
                ),
            ],
            options={
                "verbose_name": "funded project's delivery",
                "verbose_name_plural": "funded projects' delivery",
                "ordering": ["due_on", "id"],
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="DeliveryUpdate",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("reported_on", models.DateField(default=django.utils.timezone.localdate)),
                ("note", models.TextField(max_length=2000, verbose_name="what has happened")),
                (
                    "photo",
                    models.FileField(
                        blank=True,
                        help_text="JPG, PNG or WebP, up to 5 MB.",
                        upload_to=budgeting.models.delivery_photo_path,
                    ),
                ),
                (
                    "photo_description",
                    models.CharField(
                        blank=True,
                        help_text="Read out to people who cannot see the photo.",
                        max_length=200,
                        verbose_name="what the photo shows",
                    ),
                ),
                (
                    "delivery",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="updates", to="budgeting.delivery"
                    ),
                ),
            ],
            options={
                "ordering": ["-reported_on", "-pk"],
            },
        ),
        migrations.AddConstraint(
            model_name="delivery",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "done"), _negated=True), ("completed_on__isnull", False), _connector="OR"
                ),
                name="delivery_done_has_date",
            ),
        ),
        migrations.AddConstraint(
            model_name="deliveryupdate",
            constraint=models.CheckConstraint(
                condition=models.Q(("photo", ""), models.Q(("photo_description", ""), _negated=True), _connector="OR"),
                name="delivery_photo_described",
            ),
        ),
        migrations.RunPython(start_deliveries, migrations.RunPython.noop),
    ]
