"""The site's routes from the URL resolver, the methods each accepts, and sample requests that change something.

Shared by the suites that must cover every form: CSRF (tests/security/test_csrf.py) and rate limits
(tests/security/test_rate_limits.py). A URL whose view accepts POST must get sample arguments and data in
the `world` fixture (tests/security/conftest.py), or a reason here.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse

# Exempt from CSRF on purpose, with the reason; each is tested on its own in test_csrf.py.
EXEMPT = {
    "notifications:unsubscribe": "one-click unsubscribe (RFC 8058): mail programs POST without a form token; "
    "the signed token in the address is the proof",
}
# Views whose only effect is an email (nothing stored): their control counts the emails sent instead.
SENDS_ONLY = {"accounts:verification_resend"}
# Views whose only effect is on the person's own session (a response with a one-time code keeps its answers
# there, page by page, until the code sends them): their control compares the session instead.
KEEPS_IN_SESSION = {"consultations:respond_code", "consultations:respond_code_page"}
# Views that do not restrict the method but only ever read (feeds, calendars, the sitemap).
READS_ONLY = {
    "consultations:feed",
    "consultations:calendar",
    "transparency:decisions_feed",
    "transparency:notices_feed",
    "petitions:feed",
    "partnerships:feed",
    "sitemap",
}
# The staff admin is tested separately (it needs a staff member with two-factor authentication).
SKIPPED_NAMESPACES = ("admin",)
# Sample values for URL arguments of views that only read (the CSRF check comes before the view runs).
READ_ONLY_ARGUMENTS = {
    "fmt": "csv",
    "which": "listed",
    "key": "no-such-key",
    "uidb36": "1",
    "reference": "ACV-2026-0001",
    "token": "no-such-token",
}
READ_ONLY_CONVERTERS = {"int": 1, "slug": "no-such-thing", "str": "no-such-thing", "path": "no-such-thing"}


@dataclass
class Route:
    name: str
    pattern: URLPattern
    arguments: list[str] = field(default_factory=list)

    @property
    def app(self) -> str:
        if ":" in self.name:
            return self.name.split(":", 1)[0]
        return "allauth" if self.name.startswith(("account_", "mfa_")) else "site"


def _walk(patterns, namespace: str = ""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, inner)
        elif entry.name:
            yield f"{namespace}{entry.name}", entry


def kind_of(path: str) -> str | None:
    """The URL name a path resolves to (None when none does): pages of one kind share it."""
    try:
        return resolve(urlsplit(path).path).view_name
    except Resolver404:
        return None


def _arguments(pattern: URLPattern) -> list[str]:
    converters = getattr(pattern.pattern, "converters", None)
    if converters is not None and converters:
        return list(converters)
    return list(pattern.pattern.regex.groupindex)


def routes(skipped_namespaces: tuple[str, ...] = SKIPPED_NAMESPACES) -> list[Route]:
    return [
        Route(name, pattern, _arguments(pattern))
        for name, pattern in _walk(get_resolver().url_patterns)
        if not name.startswith(tuple(f"{ns}:" for ns in skipped_namespaces))
    ]


def declared_methods(view, seen=None) -> set[str] | None:
    """The methods a view's require_http_methods/require_POST/require_GET allows; None when it does not say."""
    seen = seen if seen is not None else set()
    if id(view) in seen:
        return None
    seen.add(id(view))
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        return {m.upper() for m in view_class.http_method_names if hasattr(view_class, m)}
    code = getattr(view, "__code__", None)
    cells = [c.cell_contents for c in getattr(view, "__closure__", None) or () if c.cell_contents is not None]
    if code is not None and code.co_filename.replace("\\", reverse("localism:home")).endswith(
        "django/views/decorators/http.py"
    ):
        for value in cells:
            if isinstance(value, list | tuple) and all(isinstance(m, str) for m in value):
                return {m.upper() for m in value}
    for inner in [*cells, getattr(view, "__wrapped__", None)]:
        if callable(inner):
            found = declared_methods(inner, seen)
            if found is not None:
                return found
    return None


def accepts_post(route: Route) -> bool:
    methods = declared_methods(route.pattern.callback)
    return methods is None or "POST" in methods


ROUTES = routes()

# Signing out and deleting the account end the session the requests after them need.
_LAST = ("accounts:delete", "account_logout")


def destructive_last(selected: list[Route]) -> list[Route]:
    """The routes in order, but those that end the session last."""
    return sorted(selected, key=lambda r: (r.name in _LAST, _LAST.index(r.name) if r.name in _LAST else 0))


# --- The signed-in person and things they may change ------------------------------------------


@dataclass
class World:
    user: object
    password: str
    arguments: dict[str, dict] = field(default_factory=dict)
    data: dict[str, dict] = field(default_factory=dict)


def _url(route: Route, world: World) -> str:
    kwargs = world.arguments.get(route.name)
    if kwargs is None:
        converters = getattr(route.pattern.pattern, "converters", {})
        kwargs = {}
        for name in route.arguments:
            converter = type(converters[name]).__name__.lower().replace("converter", "") if name in converters else ""
            if name in READ_ONLY_ARGUMENTS:
                kwargs[name] = READ_ONLY_ARGUMENTS[name]
            elif converter == "uuid":
                kwargs[name] = uuid.uuid4()
            else:
                kwargs[name] = READ_ONLY_CONVERTERS.get(converter, "no-such-thing")
    return reverse(route.name, kwargs=kwargs)
