from django.apps import AppConfig


class TransparencyConfig(AppConfig):
    name = "transparency"
    verbose_name = "Transparency: spending, contracts, grants, decisions and assets"

    def ready(self) -> None:
        from notifications.registry import register_followable
        from transparency.models import AssetNomination
        from transparency.permissions import can_see_nomination

        register_followable(AssetNomination, "asset", can_see=can_see_nomination)
