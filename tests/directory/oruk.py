"""Reading the Open Referral UK API in tests, and validating what it answers against the published schemas."""

import json

from jsonschema import Draft202012Validator

from directory.oruk_schemas import ERROR_SCHEMA, response_validator, schema_validator
from localism.jsonschemas import error_messages


def validate(payload, path: str) -> None:
    """Valid as the published OpenAPI document (or our marked extension of it) describes the path's response."""
    if path == "/service_at_locations/{id}":
        checker = schema_validator("compiled/service_at_location.json")  # see x-localism-response-schema
    elif path == "error":
        checker = Draft202012Validator(ERROR_SCHEMA)
    else:
        checker = response_validator(path)
    assert error_messages(checker, payload) == []


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content[:500]
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)
