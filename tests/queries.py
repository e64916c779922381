"""How many database queries a page costs, for the tests that it costs no more with more rows behind it."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_of(client, url: str, data: dict | None = None) -> int:
    """The number of queries a GET of the page runs (with these parameters); the page must answer 200."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, data)
    assert response.status_code == 200
    return len(queries)
