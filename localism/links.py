"""Links that leave the site (emails, feeds, calendars, open data) name the portal's public address; links
that are the same on every page are worked out once; a page's breadcrumbs are Crumbs."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.urls import NoReverseMatch, get_resolver, get_script_prefix, get_urlconf, reverse


@dataclass(frozen=True)
class Crumb:
    """One link of a page's breadcrumbs (components/breadcrumbs.html), below Home."""

    name: str
    url: str

    def get_absolute_url(self) -> str:
        return self.url


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


# Values no slug, number or UUID of the portal's paths holds: where the varying argument stands in the reversed
# path (a route taking a UUID accepts only the second).
_STAND_INS = ("9876543210123456789", "98765432-1012-3456-7898-765432101234")
# A value that reverse() puts in a path as it is: anything else (to be quoted, or refused) goes through reverse().
_AS_IT_IS = re.compile(r"[-0-9A-Za-z_]+")


def path_for_each(viewname: str, varying: str, **fixed) -> Callable[[object], str]:
    """reverse(viewname, kwargs={**fixed, varying: value}) for many values: the path around the value is worked out
    once for each view, fixed arguments, URL configuration and script prefix (reverse() costs about as much as
    one of the page's queries), for a page that links dozens of rows to one kind of page."""
    head, tail = _path_around(
        get_resolver(get_urlconf()), get_script_prefix(), viewname, varying, tuple(fixed.items())
    )

    def path(value) -> str:
        text = str(value)
        if _AS_IT_IS.fullmatch(text):
            return f"{head}{text}{tail}"
        return reverse(viewname, kwargs={**fixed, varying: value})

    return path


def path_for(viewname: str, **kwargs) -> str:
    """reverse(viewname, kwargs=kwargs) through path_for_each, its last argument the one that varies: for a
    get_absolute_url() of a kind of row that pages list by the dozen."""
    *fixed, (varying, value) = kwargs.items()
    return path_for_each(viewname, varying, **dict(fixed))(value)


@lru_cache(maxsize=1024)
def _path_around(resolver, script_prefix: str, viewname: str, varying: str, fixed: tuple) -> tuple[str, str]:
    for stand_in in _STAND_INS:
        try:
            path = reverse(viewname, kwargs={**dict(fixed), varying: stand_in})
        except NoReverseMatch:
            continue
        head, _, tail = path.rpartition(stand_in)
        return head, tail
    raise NoReverseMatch(f"{viewname} takes no slug, number or UUID as {varying}")
