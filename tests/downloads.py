"""Reading a file the site gives as a download (a CSV or JSON list, a document, a person's data), streamed or not.

The site's CSV files start with a UTF-8 byte-order mark so that spreadsheet programs read them as UTF-8; the text
read here leaves it out, as a spreadsheet would. A test about the mark itself looks at downloaded_bytes.
"""

import csv
import io
import json


def downloaded_bytes(response) -> bytes:
    """The file as it was sent, byte for byte."""
    if not response.streaming:
        return response.content
    body = b"".join(response.streaming_content)
    # A stream can be read only once: put the file back, so that reading the response again finds it whole.
    response.streaming_content = [body]
    return body


def downloaded_text(response) -> str:
    """The file as text, without the byte-order mark."""
    return downloaded_bytes(response).decode("utf-8-sig")


def downloaded_csv_rows(response) -> list[list[str]]:
    """The CSV file's rows, its header first."""
    return list(csv.reader(io.StringIO(downloaded_text(response), newline="")))


def downloaded_csv_dicts(response) -> list[dict[str, str]]:
    """The CSV file's rows after its header, each by the header's names."""
    return list(csv.DictReader(io.StringIO(downloaded_text(response), newline="")))


def downloaded_json(response):
    """The JSON file, read."""
    return json.loads(downloaded_bytes(response))
