from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class LocalismConfig(AppConfig):
    name = "localism"
    verbose_name = "Places, topics and pages"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from localism import checks  # noqa: F401 (registers its system checks)
        from localism.page_cache import install_write_watch
        from localism.registry import autodiscover

        autodiscover()
        # Every write to a content table, by any code path, makes the kept anonymous pages stale.
        connection_created.connect(install_write_watch, dispatch_uid="localism.page_cache")


class LocalismAdminConfig(AdminConfig):
    default_site = "localism.admin_site.StaffAdminSite"
