"""The Open Referral UK profile's published schemas and OpenAPI document, as vendored in directory/oruk/.

The published documents name each other by their addresses in the profile's repository; the registry
maps those addresses to the vendored files, so nothing is fetched at run time.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing.jsonschema import DRAFT202012

from localism.jsonschemas import registry_of, validator

VENDORED = Path(__file__).parent / "oruk"
SCHEMA_DIR = VENDORED / "schema"
PUBLISHED_BASE = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"
OPENAPI_URI = PUBLISHED_BASE + "openapi.json"


@cache
def registry():
    published = registry_of(
        (PUBLISHED_BASE + path.relative_to(SCHEMA_DIR).as_posix(), path) for path in sorted(SCHEMA_DIR.rglob("*.json"))
    )
    return published.with_contents([(EXTENDED_URI, extended_openapi())], default_specification=DRAFT202012)


@cache
def published_openapi() -> dict:
    return json.loads((SCHEMA_DIR / "openapi.json").read_text())


@cache
def schema_validator(name: str) -> Draft202012Validator:
    """A validator for one published schema, by its path under schema/ ("compiled/service.json")."""
    if not (SCHEMA_DIR / name).is_file():
        raise KeyError(name)
    return validator(registry(), PUBLISHED_BASE + name)


def _pointer(*parts: str) -> str:
    return "/".join(part.replace("~", "~0").replace("/", "~1") for part in parts)


@cache
def response_validator(path: str) -> Draft202012Validator:
    """A validator for the 200 response of a path ("/services"): as the published OpenAPI document
    describes it, or for a path of our own, as our extension of the document does."""
    if path in published_openapi()["paths"]:
        document = OPENAPI_URI
    elif path in extended_openapi()["paths"]:
        document = EXTENDED_URI
    else:
        raise KeyError(path)
    fragment = _pointer("", "paths", path, "get", "responses", "200", "content", "application/json", "schema")
    return validator(registry(), f"{document}#{fragment}")


# --- The OpenAPI document served at /api/oruk/openapi.json --------------------------------------
# The published document, unchanged, plus what this API adds. Every addition is an "x-localism…"
# key, or an object marked "x-localism-extension": true (our server, our extra paths), so a reader
# can tell the profile from our extensions, and a test can strip them and find the published document.

EXTENSION_MARK = "x-localism-extension"
EXTENDED_URI = "urn:localism:oruk-openapi"


def _page_of(item_schema: str) -> dict:
    return {
        "properties": {"contents": {"type": "array", "items": {"$ref": PUBLISHED_BASE + item_schema}}},
        "allOf": [{"$ref": "#/components/schemas/Page"}],
    }


def _operation(operation_id: str, summary: str, schema: dict, parameters: list[dict]) -> dict:
    return {
        "get": {
            "summary": summary,
            "description": summary,
            "operationId": operation_id,
            "parameters": parameters,
            "responses": {"200": {"description": summary, "content": {"application/json": {"schema": schema}}}},
        },
        EXTENSION_MARK: True,
    }


def _id_parameter(what: str) -> dict:
    return {
        "in": "path",
        "name": "id",
        "required": True,
        "description": f"The id of the {what}.",
        "schema": {"type": "string"},
    }


def _query(name: str, description: str) -> dict:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": {"type": "string"}}


ERROR_SCHEMA = {
    "type": "object",
    "required": ["code", "message"],
    "properties": {
        "code": {
            "type": "integer",
            "description": "The HTTP status: 400 for a wrong parameter, 404 for an unknown id.",
        },
        "message": {"type": "string", "description": "What is wrong, in plain words."},
        "parameter": {"type": "string", "description": "The query parameter at fault (400 only)."},
    },
}


@cache
def extended_openapi() -> dict:
    """The published document with our extensions (without servers, which depend on the request)."""
    document = json.loads(json.dumps(published_openapi()))
    paging = [{"$ref": "#/components/parameters/page"}, {"$ref": "#/components/parameters/per_page"}]
    paths = document["paths"]
    organization_list = _operation(
        "getPaginatedListOfOrganizations",
        "Paginated listing of organizations.",
        _page_of("compiled/organization_list.json"),
        paging,
    )
    organization = _operation(
        "getOrganizationById",
        "Full information on an organization.",
        {"$ref": PUBLISHED_BASE + "compiled/organization.json"},
        [],
    )
    organization["parameters"] = [_id_parameter("organization")]
    paths["/organizations"] = organization_list
    paths["/organizations/{id}"] = organization
    paths["/taxonomy_terms"]["get"]["x-localism-parameters"] = [
        _query("taxonomy_id", "Only the terms of this taxonomy."),
        _query("parent_id", "Only the terms directly below this term."),
    ]
    paths["/service_at_locations/{id}"]["x-localism-response-schema"] = {
        "$ref": PUBLISHED_BASE + "compiled/service_at_location.json",
        "description": (
            "The published document names compiled/service.json for this response; this API answers with "
            "the service at location it names (its service and location nested), "
            "as compiled/service_at_location.json describes."
        ),
    }
    document["x-localism"] = {
        "description": (
            "Services, clubs and activities in Norfolk, in the Open Referral UK 3.0 profile. "
            "Open Government Licence v3.0. Read-only; every list is paged (per_page at most 100)."
        ),
        "license": {
            "name": "Open Government Licence v3.0",
            "url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
        },
        "errors": {
            "description": "A wrong parameter answers 400 and an unknown id 404, each with this JSON body.",
            "schema": ERROR_SCHEMA,
        },
    }
    return document


def openapi_document(server_url: str) -> dict:
    """What /api/oruk/openapi.json serves: the extended document, with this API's address as its server."""
    document = json.loads(json.dumps(extended_openapi()))
    document["servers"] = [{"url": server_url, "description": "This API", EXTENSION_MARK: True}]
    return document
