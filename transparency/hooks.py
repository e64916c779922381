"""What transparency adds to the shared pages and services (imported once at start-up; see localism.registry)."""

from localism.search import register_search
from localism.sections import Section, register_place_section
from localism.sitemaps import register_sitemap
from transparency import sections

register_place_section(
    Section("transparency", "transparency/partials/_place_section.html", sections.place_section_context, order=30)
)

register_search("decisions", sections.search_decisions, order=40)
register_search("assets", sections.search_assets, order=50)
register_search("spending", sections.search_spending, order=52)
register_search("suppliers", sections.search_suppliers, order=54)
for name, sitemap in sections.sitemaps().items():
    register_sitemap(f"transparency-{name}", sitemap)
