from django.apps import AppConfig


class DiscussionsConfig(AppConfig):
    name = "discussions"
    verbose_name = "Discussions: comments, replies and moderation"

    def ready(self) -> None:
        from accounts.privacy import register_personal_data
        from discussions import privacy

        register_personal_data("discussions", export=privacy.export, erase=privacy.erase)
