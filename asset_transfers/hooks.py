"""What community asset transfer adds to the shared pages and services (imported once at start-up)."""

from accounts.privacy import register_privacy_module
from accounts.rules import permission
from asset_transfers import downloads, privacy, sections
from asset_transfers.models import TransferApplication
from localism.audit import register_actions
from localism.exports import register_downloads
from localism.search import register_search
from localism.sections import Section, register_place_section
from localism.sitemaps import register_sitemap
from notifications.registry import register_followable

register_place_section(
    Section("asset_transfers", "asset_transfers/partials/_place_section.html", sections.place, order=37)
)
register_search("asset_transfers", "Community asset transfers", sections.search_applications, order=56)
register_sitemap("asset-transfers", sections.ApplicationSitemap)

register_followable(TransferApplication, "asset transfer", can_see=permission("asset_transfers.see_application"))

register_actions(
    {
        "asset_transfers.application.submitted": "Community asset transfer: expression of interest sent",
        "asset_transfers.document.added": "Community asset transfer: document added",
        "asset_transfers.application.interest_accepted": "Community asset transfer: expression of interest accepted",
        "asset_transfers.application.business_case_sent": "Community asset transfer: business case sent",
        "asset_transfers.application.approved": "Community asset transfer approved",
        "asset_transfers.application.refused": "Community asset transfer refused",
        "asset_transfers.application.completed": "Community asset transfer: lease signed or transfer completed",
    }
)

register_privacy_module("asset_transfers", privacy)

register_downloads("asset_transfers", downloads.DOWNLOADS)
