"""Reading the Open Referral UK API in tests, and validating what it answers against the published schemas."""

import json

from django.utils import timezone
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


def service(**overrides) -> dict:
    """A small valid ORUK service, with its organisation nested."""
    data = {
        "id": "7b1c3f0e-2d4a-4c5b-9e6f-0a1b2c3d4e5f",
        "name": "Men's shed",
        "description": "A workshop for making, mending and a chat.",
        "status": "active",
        "assured_date": timezone.localdate().isoformat(),
        "organization": {
            "id": "0f9e8d7c-6b5a-4c3d-8e1f-2a3b4c5d6e7f",
            "name": "Dereham Men's Shed",
            "description": "A charity run by its members.",
        },
        "service_at_locations": [
            {
                "id": "11111111-2222-4333-8444-555555555555",
                "location": {
                    "id": "66666666-7777-4888-8999-000000000000",
                    "location_type": "physical",
                    "latitude": 52.68,
                    "longitude": 0.94,
                    "addresses": [
                        {
                            "id": "99999999-8888-4777-8666-555555555555",
                            "address_1": "Unit 4, Station Road",
                            "city": "Dereham",
                            "state_province": "Norfolk",
                            "postal_code": "NR19 1AA",
                            "country": "GB",
                            "address_type": "physical",
                        }
                    ],
                },
            }
        ],
        "schedules": [
            {
                "id": "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee",
                "freq": "WEEKLY",
                "byday": "TU,TH",
                "opens_at": "09:30:00",
                "closes_at": "12:00:00",
            }
        ],
    }
    return data | overrides
