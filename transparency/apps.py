from django.apps import AppConfig


class TransparencyConfig(AppConfig):
    name = "transparency"
    verbose_name = "Transparency: spending, contracts, grants, decisions and assets"

    def ready(self) -> None:
        from accounts.privacy import register_personal_data
        from notifications.registry import register_followable
        from transparency import privacy
        from transparency.models import AssetNomination, DisposalNotice, ExpressionOfInterest, ImportBatch
        from transparency.permissions import can_see_nomination

        register_followable(AssetNomination, "asset", can_see=can_see_nomination)
        register_personal_data(
            "transparency",
            export=privacy.export,
            erase=privacy.erase,
            covers={
                AssetNomination: ["nominated_by", "decided_by"],
                ExpressionOfInterest: ["submitted_by", "decided_by"],
                DisposalNotice: ["recorded_by"],
                ImportBatch: ["imported_by"],
            },
        )
