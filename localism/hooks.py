"""What the shared pages of `localism` add to the site's plug-in points (imported once at start-up; see
localism.registry)."""

from localism import search, sitemaps
from localism.audit import register_actions
from localism.imports import register_importer
from localism.postcode_import import POSTCODES
from localism.search import register_search
from localism.sitemaps import register_sitemap

register_search("places", "Places", search.search_places, order=10)
register_search("pages", "Information pages", search.search_pages, order=80)
register_search("resources", "Documents", search.search_resources, order=90)
register_search("topics", "Topics", search.search_topics, order=95)

register_sitemap("sections", sitemaps.SectionSitemap)
register_sitemap("places", sitemaps.PlaceSitemap)
register_sitemap("councils", sitemaps.CouncilSitemap)
register_sitemap("councillors", sitemaps.CouncillorSitemap)
register_sitemap("pages", sitemaps.InformationPageSitemap)

register_importer(POSTCODES)
register_actions(
    {
        "localism.postcodes.imported": "Postcodes imported",
        "localism.postcodes.import_failed": "Postcode import refused (nothing imported)",
    }
)
