"""Rate limits for everything that writes: a fixed window per person (or address) in the shared cache."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """'10/m' -> (10, 60); '100/h' -> (100, 3600)."""
    count, unit = rate.split("/")
    return int(count), _UNITS[unit]


def client_address(request: HttpRequest) -> str:
    # Behind a proxy, the proxy must set REMOTE_ADDR (e.g. gunicorn --forwarded-allow-ips).
    return request.META.get("REMOTE_ADDR", "unknown")


def is_limited(request: HttpRequest, scope: str, rate: str) -> bool:
    """Count this request against scope; True once the person is over the rate in this window."""
    limit, window = parse_rate(rate)
    who = (
        f"u{request.user.pk}"
        if getattr(request, "user", None) and request.user.is_authenticated
        else (f"a{client_address(request)}")
    )
    key = f"rl:{scope}:{who}:{int(time.time() // window)}"
    cache.add(key, 0, timeout=window + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=window + 5)
        count = 1
    return count > limit


def too_many_requests(request: HttpRequest) -> HttpResponse:
    return render(request, "429.html", status=429)


def rate_limit(scope: str, rate: str = "20/m", methods: tuple[str, ...] = ("POST",)) -> Callable:
    """View decorator: refuse (429, nothing changed) when a person writes faster than the rate."""

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs):
            if request.method in methods and is_limited(request, scope, rate):
                return too_many_requests(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
