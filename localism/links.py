"""Links that leave the site (emails, feeds, calendars, open data) name the portal's public address; links
that are the same on every page are worked out once."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse


def absolute_url(path: str) -> str:
    """The portal's public address (SITE_URL) with this path, whatever host a request came to."""
    return settings.SITE_URL + path


def absolute_reverse(viewname: str, *args, **kwargs) -> str:
    """`reverse()` on the portal's public address."""
    return absolute_url(reverse(viewname, args=args or None, kwargs=kwargs or None))


def fixed_reverse(viewname: str, *args: str) -> str:
    """`reverse()` of a link that takes nothing from the page (the header's and footer's links): the same
    on every page, so worked out once for each URL configuration and script prefix, not on every page
    (reverse() costs about as much as one of the page's queries)."""
    return _fixed_reverse(get_resolver(get_urlconf()), get_script_prefix(), viewname, args)


@lru_cache(maxsize=256)
def _fixed_reverse(resolver, script_prefix: str, viewname: str, args: tuple[str, ...]) -> str:
    return reverse(viewname, args=args or None)


# A value no slug or number of the portal's paths holds: where the varying argument stands in the reversed path.
_STAND_IN = "9876543210123456789"


def path_for_each(viewname: str, varying: str, **fixed) -> Callable[[object], str]:
    """reverse(viewname, kwargs={**fixed, varying: value}) for many values, reversed once: for a page that links
    dozens of rows to one kind of page (reverse() costs about as much as one of the page's queries). The values
    must need no quoting in a path, as slugs and whole numbers do not."""
    head, _, tail = reverse(viewname, kwargs={**fixed, varying: _STAND_IN}).rpartition(_STAND_IN)
    return lambda value: f"{head}{value}{tail}"
