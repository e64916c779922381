from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class LocalismConfig(AppConfig):
    name = "localism"
    verbose_name = "Places, topics and pages"

    def ready(self) -> None:
        from localism import checks  # noqa: F401 (registers its system checks)
        from localism.registry import autodiscover

        autodiscover()


class LocalismAdminConfig(AdminConfig):
    default_site = "localism.admin_site.StaffAdminSite"
