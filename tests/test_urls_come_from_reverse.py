"""Tests name the pages they visit with reverse() and settings.ADMIN_URL, never with a literal path.

A literal path in a test keeps passing the day a route moves, and a renamed admin prefix
(ADMIN_URL) breaks every test that spelled it out. This walks every test module's string
literals and fails on any that is a whole path of a named route: what a test means by a page
is its name. Paths that are deliberately not routes (odd input, a missing page, a regular
expression over a URL) do not resolve, and so are left alone, as are percent-encoded hostile paths and
"{}" templates that odd-input tests fill with garbage.
"""

import io
import re
import tokenize
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import Resolver404, resolve

TESTS = Path(__file__).resolve().parent
PLACEHOLDERS = ("8675309", "00000000-0000-4000-8000-000008675309")
FIELD = re.compile(r"\{[^{}]+\}")
LITERAL = re.compile(r"^([rRbBfFuU]*)(['\"])(/[^'\"]*)\2$")


def _named_route(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name if match.url_name else None


def literal_routes(source: str):
    """(line, literal, route name) for each string literal in the source that is a named route's path."""
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type != tokenize.STRING:
            continue
        found = LITERAL.match(token.string)
        if not found or "b" in found.group(1).lower():
            continue
        path = re.split(r"[?#]", found.group(3), maxsplit=1)[0]
        if path == "/" or "%" in path or ("{}" in path and "f" not in found.group(1).lower()):
            continue  # a separator, a hostile percent-encoded path, or a template for odd input: not a page
        is_f = "f" in found.group(1).lower()
        candidates = [FIELD.sub(p, path) for p in PLACEHOLDERS] if is_f else [path]
        for candidate in candidates:
            name = _named_route(candidate)
            if name:
                yield token.start[0], token.string, name
                break


def test_a_literal_route_path_is_found():
    found = list(literal_routes('client.get("/consultations/")\nclient.get(f"/places/{place.slug}/")\n'))
    assert [name for _, _, name in found] == ["consultations:list", "localism:place_detail"]
    assert not list(literal_routes('client.get("/no-such-page/")\nre.compile(r"/accounts/profile/$")\n'))


@pytest.mark.parametrize("module", sorted(p.relative_to(TESTS).as_posix() for p in TESTS.rglob("*.py")), ids=str)
def test_tests_name_pages_by_route_not_by_literal_path(module):
    found = [
        f"line {line}: {literal} is {name}; use reverse({name!r}, ...)"
        for line, literal, name in literal_routes((TESTS / module).read_text(encoding="utf-8"))
    ]
    admin = [
        f"line {n}: spells out the admin prefix; use settings.ADMIN_URL or reverse('admin:...')"
        for n, text in enumerate((TESTS / module).read_text(encoding="utf-8").splitlines(), 1)
        if f'"/{settings.ADMIN_URL}' in text or f"'/{settings.ADMIN_URL}" in text
    ]
    assert not found + admin, "\n".join(found + admin)
