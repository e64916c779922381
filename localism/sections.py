"""Sections that feature apps add to the home page and to every place page.

"Think place rather than service": a place page shows what each app has for
that place. `localism` cannot import the feature apps, so each app registers
its section here from its AppConfig.ready(), with a template and a function
that returns that section's context in a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class Section:
    key: str
    template: str
    context: Callable[..., dict]
    order: int = 100


_HOME: dict[str, Section] = {}
_PLACE: dict[str, Section] = {}


def register_home_section(section: Section) -> None:
    _HOME[section.key] = section


def register_place_section(section: Section) -> None:
    _PLACE[section.key] = section


def home_sections(request: HttpRequest) -> list[dict]:
    return [
        {"template": s.template, "context": s.context(request)} for s in sorted(_HOME.values(), key=lambda s: s.order)
    ]


def place_sections(request: HttpRequest, place) -> list[dict]:
    return [
        {"template": s.template, "context": s.context(request, place)}
        for s in sorted(_PLACE.values(), key=lambda s: s.order)
    ]
