"""Sections that feature apps add to the home page, to every place page, and to another app's pages.

"Think place rather than service": a place page shows what each app has for
that place. `localism` cannot import the feature apps, so each app registers
its section here from its hooks.py, with a template and a function that
returns that section's context in a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

from localism.registry import Registry


@dataclass(frozen=True)
class Section:
    key: str
    template: str
    context: Callable[..., dict]
    order: int = 100


HOME_SECTIONS: Registry[Section] = Registry("home page sections")
PLACE_SECTIONS: Registry[Section] = Registry("place page sections")
# "app_label.model:key" -> a section on that model's public page, its context a function of (request, obj):
# what another app links to the object (a partnership's priority that a consultation serves).
OBJECT_SECTIONS: Registry[Section] = Registry("object page sections")


def register_home_section(section: Section) -> None:
    HOME_SECTIONS.add(section.key, section)


def register_place_section(section: Section) -> None:
    PLACE_SECTIONS.add(section.key, section)


def home_sections(request: HttpRequest) -> list[dict]:
    return [{"template": s.template, "context": s.context(request)} for s in HOME_SECTIONS.ordered()]


def place_sections(request: HttpRequest, place) -> list[dict]:
    return [{"template": s.template, "context": s.context(request, place)} for s in PLACE_SECTIONS.ordered()]


def register_object_section(model_label: str, section: Section) -> None:
    """A section on the public page of each object of the model ("consultations.consultation"), shown where
    that page says `{% object_sections obj %}`."""
    OBJECT_SECTIONS.add(f"{model_label}:{section.key}", section)


def object_sections(request: HttpRequest, obj) -> list[dict]:
    prefix = f"{obj._meta.label_lower}:"
    return [
        {"template": s.template, "context": s.context(request, obj)}
        for key, s in sorted(OBJECT_SECTIONS.items(), key=lambda item: item[1].order)
        if key.startswith(prefix)
    ]
