"""What participatory budgeting adds to the shared pages and services (imported once at start-up; see
localism.registry)."""

from budgeting import sections
from localism.search import register_search
from localism.sections import Section, register_home_section, register_place_section
from localism.sitemaps import register_sitemap

register_home_section(Section("budgeting", "budgeting/partials/_home_section.html", sections.home, order=40))
register_place_section(Section("budgeting", "budgeting/partials/_place_section.html", sections.place, order=40))

register_search("budgeting", sections.search_projects, order=60)
register_sitemap("budgeting", sections.RoundSitemap)
