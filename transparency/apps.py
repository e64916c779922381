from django.apps import AppConfig


class TransparencyConfig(AppConfig):
    name = "transparency"
    verbose_name = "Transparency: spending, contracts, grants, decisions and assets"

    def ready(self) -> None:
        from accounts.privacy import register_personal_data
        from localism.audit import register_actions
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
        register_actions(
            {
                "transparency.import.completed": "Data file imported",
                "transparency.import.failed": "Data file refused (nothing imported)",
                "transparency.nomination.submitted": "Asset of community value nominated",
                "transparency.nomination.listed": "Asset listed as of community value",
                "transparency.nomination.not_listed": "Nomination refused (not listed)",
                "transparency.nomination.review_requested": "Owner asked for a review of a listing",
                "transparency.nomination.review_upheld": "Review: listing upheld",
                "transparency.nomination.review_overturned": "Review: asset removed from the list",
                "transparency.disposal_notice.recorded": "Owner's disposal notice recorded",
                "transparency.challenge.submitted": "Expression of interest sent (Right to Challenge)",
                "transparency.challenge.accepted": "Expression of interest accepted",
                "transparency.challenge.modified": "Expression of interest accepted with modifications",
                "transparency.challenge.rejected": "Expression of interest rejected",
            }
        )
