"""What partnerships add to the shared pages and services (imported once at start-up)."""

from accounts.privacy import register_privacy_module
from localism.exports import register_downloads
from localism.search import register_search
from localism.sections import Section, register_object_section, register_place_section
from localism.sitemaps import register_sitemap
from partnerships import downloads, privacy, sections

register_place_section(Section("partnerships", "partnerships/partials/_place_section.html", sections.place, order=38))
# A consultation's or a budgeting round's page names the partnership priority it serves.
for model_label in sections.SERVING:
    register_object_section(
        model_label,
        Section("partnership_priorities", "partnerships/partials/_serves_priority.html", sections.priorities_served),
    )
register_search("partnerships", "Partnerships", sections.search_partnerships, order=58)
register_sitemap("partnerships", sections.PartnershipSitemap)

register_privacy_module("partnerships", privacy)

register_downloads("partnerships", downloads.DOWNLOADS)
