from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Following and email notifications"

    def ready(self) -> None:
        from accounts.privacy import register_personal_data
        from localism.models import Place, Topic
        from notifications.models import Announcement, EmailOptOut, Notification, Subscription
        from notifications.privacy import erase, export
        from notifications.registry import everyone, register_followable

        register_personal_data(
            "notifications",
            export=export,
            erase=erase,
            covers={
                Subscription: ["user"],
                EmailOptOut: ["user"],
                Notification: ["recipient"],
                Announcement: ["sent_by"],
            },
        )
        register_followable(Place, "place", can_see=everyone)
        register_followable(Topic, "topic", can_see=everyone)
