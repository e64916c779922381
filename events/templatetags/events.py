"""`{% events_of host %}` (or a list of hosts of one model): the host's coming events people can sign up to."""

from __future__ import annotations

from django import template
from django.db import models

from events.models import Event

register = template.Library()


@register.inclusion_tag("events/partials/_events_of.html")
def events_of(hosts, heading: str = "Sign up", heading_level: int = 2):
    hosts = [hosts] if isinstance(hosts, models.Model) else list(hosts)
    events = list(Event.objects.public_of_hosts(hosts).upcoming()) if hosts else []
    return {"events": events, "heading": heading, "heading_level": heading_level}
