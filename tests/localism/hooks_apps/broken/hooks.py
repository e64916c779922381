"""A hooks.py that names a model that is not installed: start-up must stop and say so."""

from notifications.registry import everyone, register_followable

register_followable("localism.Leaflet", "leaflet", can_see=everyone)
