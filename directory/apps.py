from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Directory of services, clubs and activities"

    def ready(self) -> None:

        from directory.models import (
            Organisation,
        )
        from directory.permissions import can_see_organisation
        from notifications.registry import register_followable

        register_followable(Organisation, "organisation", can_see=can_see_organisation)
