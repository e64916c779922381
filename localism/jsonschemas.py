"""Validating JSON against published JSON Schemas kept in the project (never fetched at run time)."""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterable
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

FORMATS = FormatChecker()


RFC3339_DATE_TIME = re.compile(r"^\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)$")


@FORMATS.checks("date-time", raises=ValueError)
def _is_date_time(value) -> bool:
    """RFC 3339: a date, a time and an offset (a bare date is not a date-time)."""
    if isinstance(value, str) and not RFC3339_DATE_TIME.match(value):
        raise ValueError(value)
    return not isinstance(value, str) or bool(datetime.datetime.fromisoformat(value.upper().replace("Z", "+00:00")))


@FORMATS.checks("uri", raises=ValueError)
def _is_uri(value) -> bool:
    if isinstance(value, str) and not re.match(r"^[a-z][a-z0-9+.-]*://\S+$", value):
        raise ValueError(value)
    return True


def registry_of(files: Iterable[tuple[str, Path]]) -> Registry:
    """A referencing registry of local files, each under the address that other schemas $ref it by."""
    return Registry().with_resources(
        (uri, Resource.from_contents(json.loads(path.read_text()), default_specification=DRAFT202012))
        for uri, path in files
    )


def validator(registry: Registry, ref: str) -> Draft202012Validator:
    """A validator of the schema at ref (an address in the registry, with an optional #fragment)."""
    return Draft202012Validator({"$ref": ref}, registry=registry, format_checker=FORMATS)


def error_messages(validator: Draft202012Validator, instance, limit: int = 10) -> list[str]:
    """Readable errors, each with the JSON path of the value at fault ("$.contents[0].name: ...")."""
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(map(str, e.absolute_path)))
    return [f"{e.json_path}: {e.message}" for e in errors[:limit]]
