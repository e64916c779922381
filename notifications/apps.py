from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Following and email notifications"

    def ready(self) -> None:
        from localism.models import Place, Topic
        from notifications.registry import everyone, register_followable

        register_followable(Place, "place", can_see=everyone)
        register_followable(Topic, "topic", can_see=everyone)
