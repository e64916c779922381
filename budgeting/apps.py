from django.apps import AppConfig


class BudgetingConfig(AppConfig):
    name = "budgeting"
    verbose_name = "Participatory budgeting"

    def ready(self) -> None:
        from budgeting import sections
        from budgeting.models import Project
        from discussions.registry import register_discussable

        register_discussable("budgeting-project", Project, sections.project_discussion)
