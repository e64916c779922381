"""Open data downloads: CSV safe against spreadsheet formula injection, and JSON."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, StreamingHttpResponse

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value) -> str:
    """A cell a spreadsheet will show as text: values that could start a formula get a leading quote.

    Plain numbers (including negative amounts) are left alone so that they stay numbers.
    """
    if value is None:
        return ""
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    if text.startswith(_FORMULA_START):
        try:
            float(text)
            return text
        except ValueError:
            return "'" + text
    return text


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> StreamingHttpResponse:
    """Stream rows as a CSV download (UTF-8 with a byte-order mark, for spreadsheet programs)."""
    writer = csv.writer(_Echo())

    def lines():
        # The header too: a column can be named by people (a survey question's text).
        yield "\ufeff" + writer.writerow([csv_safe(value) for value in header])
        for row in rows:
            yield writer.writerow([csv_safe(value) for value in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def json_response(filename: str, payload, *, download: bool = True) -> HttpResponse:
    response = HttpResponse(
        json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
    if download:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
