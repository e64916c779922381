"""Loads the reference places, topics and core information pages (used by a data migration)."""

from __future__ import annotations

from pathlib import Path

from django.utils.text import slugify

from localism import reference_data
from localism.markdown import render_markdown

CONTENT_DIR = Path(__file__).resolve().parent / "content"


def read_page(slug: str) -> tuple[str, str, str]:
    """(title, summary, body) of localism/content/<slug>.md."""
    lines = (CONTENT_DIR / f"{slug}.md").read_text(encoding="utf-8").splitlines()
    title = lines[0].removeprefix("# ").strip()
    summary = lines[1].removeprefix("summary:").strip()
    body = "\n".join(lines[2:]).strip() + "\n"
    return title, summary, body


def load_reference_data(Place, Topic, InformationPage) -> None:  # noqa: N803 (historical models)
    """Create what is missing; never overwrite what staff have edited."""
    name, slug, code, lat, lng = reference_data.COUNTY
    county, _ = Place.objects.get_or_create(
        slug=slug, defaults={"name": name, "kind": "county", "ons_code": code, "latitude": lat, "longitude": lng}
    )
    for name, slug, code, lat, lng, towns in reference_data.DISTRICTS:
        district, _ = Place.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": "district",
                "parent": county,
                "ons_code": code,
                "latitude": lat,
                "longitude": lng,
            },
        )
        for town_name, town_lat, town_lng, *own_slug in towns:
            town_slug = own_slug[0] if own_slug else slugify(town_name)
            Place.objects.get_or_create(
                slug=town_slug,
                defaults={
                    "name": town_name,
                    "kind": "town",
                    "parent": district,
                    "latitude": town_lat,
                    "longitude": town_lng,
                },
            )
    for name, description in reference_data.TOPICS:
        Topic.objects.get_or_create(slug=slugify(name), defaults={"name": name, "description": description})
    for slug, section, position in reference_data.CORE_PAGES:
        if InformationPage.objects.filter(slug=slug).exists():
            continue
        title, summary, body = read_page(slug)
        InformationPage.objects.create(
            slug=slug,
            title=title,
            summary=summary[:300],
            body=body,
            body_html=render_markdown(body),
            section=section,
            position=position,
            is_published=True,
        )


def load_councils(Council, Responsibility, Place) -> None:  # noqa: N803 (historical models)
    """The county, its districts and the town councils of the starting towns, each with its usual
    responsibilities; create what is missing, never overwrite what staff have edited."""
    for name, slug, tier, description in reference_data.RESPONSIBILITIES:
        Responsibility.objects.get_or_create(
            slug=slug, defaults={"name": name, "usual_tier": tier, "description": description}
        )
    councils = [(name, slug, tier, place, website) for name, slug, tier, place, website in reference_data.COUNCILS]
    councils += [(name, slugify(name), "parish", place, "") for name, place in reference_data.TOWN_COUNCILS]
    for name, slug, tier, place_slug, website in councils:
        place = Place.objects.filter(slug=place_slug).first()
        if place is None or Council.objects.filter(slug=slug).exists():
            continue
        council = Council.objects.create(name=name, slug=slug, tier=tier, website=website)
        council.places.add(place)
        council.responsibilities.set(Responsibility.objects.filter(usual_tier=tier))
