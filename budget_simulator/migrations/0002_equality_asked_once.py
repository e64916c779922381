from django.db import migrations


def asked_from_budgets(apps, schema_editor):
    """Whoever answered the equality questions after their budget has been asked them, for the consultation."""
    Submission = apps.get_model("budget_simulator", "BudgetSubmission")
    Asked = apps.get_model("consultations", "EqualityQuestionsAsked")
    Asked.objects.bulk_create(
        [
            Asked(consultation_id=consultation_id, person_id=person_id, answered=True)
            for consultation_id, person_id in Submission.objects.filter(
                has_equality_monitoring=True, respondent__isnull=False
            ).values_list("simulator__consultation_id", "respondent_id")
        ],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("budget_simulator", "0001_initial"),
        ("consultations", "0005_equality_profile_asked_population"),
    ]

    operations = [
        migrations.RunPython(asked_from_budgets, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="budgetsubmission",
            name="has_equality_monitoring",
        ),
    ]
