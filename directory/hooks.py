"""What the directory adds to the shared pages and services (imported once at start-up; see localism.registry)."""

from directory import sections
from localism.search import register_search
from localism.sections import Section, register_home_section, register_place_section
from localism.sitemaps import register_sitemap

register_home_section(
    Section("directory.new_listings", "directory/partials/_home_section.html", sections.home_context, 20)
)
register_place_section(
    Section("directory.near_place", "directory/partials/_place_section.html", sections.place_context, 20)
)

register_search("listings", sections.search_listings, order=20)
for name, sitemap in sections.sitemaps().items():
    register_sitemap(f"directory-{name}", sitemap)
