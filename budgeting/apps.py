from django.apps import AppConfig


class BudgetingConfig(AppConfig):
    name = "budgeting"
    verbose_name = "Participatory budgeting"

    def ready(self) -> None:
        from accounts.privacy import register_personal_data
        from budgeting import privacy, sections
        from budgeting.models import Ballot, PaperTally, Project
        from discussions.registry import register_discussable

        register_personal_data(
            "budgeting",
            export=privacy.export,
            erase=privacy.erase,
            covers={
                Project: ["proposer", "checked_by"],
                PaperTally: ["entered_by"],
                # No link to a person: found through the keyed hash (see budgeting.privacy).
                Ballot: ["voter_key"],
            },
        )
        register_discussable("budgeting-project", Project, sections.project_discussion)
