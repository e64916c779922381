"""What transparency adds to the shared pages and services (imported once at start-up; see localism.registry)."""

from localism.sections import Section, register_place_section
from transparency import sections

register_place_section(
    Section("transparency", "transparency/partials/_place_section.html", sections.place_section_context, order=30)
)
