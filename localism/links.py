"""Links that leave the site (emails, feeds, calendars, open data) name the portal's public address."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse


def absolute_url(path: str) -> str:
    """The portal's public address (SITE_URL) with this path, whatever host a request came to."""
    return settings.SITE_URL + path


def absolute_reverse(viewname: str, *args, **kwargs) -> str:
    """`reverse()` on the portal's public address."""
    return absolute_url(reverse(viewname, args=args or None, kwargs=kwargs or None))
