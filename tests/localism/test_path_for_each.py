"""path_for_each reverses a view once for many rows: each path must be the one reverse() gives, whatever digits
the fixed arguments hold, for every view of the portal whose varying argument is a slug, a whole number or a UUID;
path_for (a row's get_absolute_url) is the same for one row."""

import uuid

import pytest
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, SlugConverter, UUIDConverter

from localism.links import path_for, path_for_each

SAMPLES = {
    IntConverter: [1, 42, 987654321],
    SlugConverter: ["a", "round-2020-0", "9876543210"],
    UUIDConverter: [uuid.UUID("00001420-21fb-2d31-2d56-045c41260da0"), uuid.uuid4()],
}


def _named_patterns(resolver=None, namespace="", converters=None):
    """(view name, {argument: converter class}) for every named URL of the portal."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        found = {**(converters or {}), **{k: type(v) for k, v in pattern.pattern.converters.items()}}
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _named_patterns(pattern, inner, found)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", found


def _cases():
    for name, converters in _named_patterns():
        if converters and all(kind in SAMPLES for kind in converters.values()):
            for varying in converters:
                yield pytest.param(name, varying, converters, id=f"{name}-{varying}")


@pytest.mark.parametrize(("name", "varying", "converters"), list(_cases()))
def test_each_path_is_the_one_reverse_gives(name, varying, converters):
    # The fixed arguments hold digits too, and the same value as the varying one where they can.
    fixed = {arg: SAMPLES[kind][-1] for arg, kind in converters.items() if arg != varying}
    path = path_for_each(name, varying, **fixed)

    for value in SAMPLES[converters[varying]]:
        assert path(value) == reverse(name, kwargs={**fixed, varying: value})


def test_the_portals_row_links_are_among_those_checked():
    checked = {(name, varying) for name, varying, _ in (case.values for case in _cases())}

    assert {
        ("budgeting:project_detail", "pk"),
        ("transparency:supplier_detail", "slug"),
        ("directory:listing_detail", "pk"),
    } <= checked


def test_one_rows_path_is_the_one_reverse_gives():
    assert path_for("budgeting:project_detail", slug="cromer-2026", pk=7) == reverse(
        "budgeting:project_detail", kwargs={"slug": "cromer-2026", "pk": 7}
    )
    listing = uuid.uuid4()
    assert path_for("directory:listing_detail", pk=listing) == reverse(
        "directory:listing_detail", kwargs={"pk": listing}
    )


def test_a_value_reverse_would_refuse_is_refused_as_reverse_refuses_it():
    for slug in ("café", "a b", "a/b", ""):
        with pytest.raises(NoReverseMatch):
            path_for("localism:place_detail", slug=slug)
        with pytest.raises(NoReverseMatch):
            path_for_each("localism:place_detail", "slug")(slug)
