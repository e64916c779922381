"""What consultations add to the shared pages and services (imported once at start-up; see localism.registry)."""

from consultations import sections
from localism.search import register_search
from localism.sections import Section, register_home_section, register_place_section
from localism.sitemaps import register_sitemap

register_home_section(Section("consultations", "consultations/partials/_home_section.html", sections.home_context, 10))
register_place_section(
    Section("consultations", "consultations/partials/_place_section.html", sections.place_context, 10)
)

register_search("consultations", sections.search_consultations, order=30)
register_search("outcomes", sections.search_outcomes, order=35)
register_sitemap("consultations", sections.sitemap())
