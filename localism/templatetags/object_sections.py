"""`{% object_sections obj %}`: what other apps add to an object's public page (localism.sections)."""

from __future__ import annotations

from django import template

from localism import sections

register = template.Library()


@register.inclusion_tag("components/object_sections.html", takes_context=True)
def object_sections(context, obj) -> dict:
    return {"sections": sections.object_sections(context["request"], obj)}
