from django.apps import AppConfig


class DiscussionsConfig(AppConfig):
    name = "discussions"
    verbose_name = "Discussions: comments, replies and moderation"

    def ready(self) -> None:
        from accounts.privacy import register_personal_data
        from discussions import privacy
        from discussions.models import Agreement, Comment, ModerationDecision, Report

        register_personal_data(
            "discussions",
            export=privacy.export,
            erase=privacy.erase,
            covers={
                Comment: ["author"],
                Agreement: ["user"],
                Report: ["reporter"],
                ModerationDecision: ["moderator"],
            },
        )
