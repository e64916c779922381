"""Open data downloads: CSV safe against spreadsheet formula injection, and JSON.

`ListDownload` describes one public list (its columns, its filters, how each format names its values);
each app registers its lists from its hooks.py (`register_download`), and the one `download` view serves
any of them as CSV or JSON, streamed as it is read from the database, at the addresses the apps' urls give.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from localism.registry import Registry

LICENCE = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"

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


def licence_meta(title: str) -> dict:
    """What a JSON download says about itself: its title, publisher, licence and when it was made."""
    return {
        "title": title,
        "publisher": settings.COUNCIL_NAME,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "generated_at": timezone.now().isoformat(timespec="seconds"),
    }


def licence_meta_with_filters(title: str) -> Callable[[HttpRequest], dict]:
    """A ListDownload's `json_meta` that also names the filters (the GET parameters) the rows were chosen by."""
    return lambda request: {**licence_meta(title), "filters": request.GET.dict()}


def json_stream_response(filename: str, meta: dict, key: str, rows: Iterable[dict]) -> StreamingHttpResponse:
    """A JSON document written as it is read from the database: constant memory whatever the size."""
    encoder = DjangoJSONEncoder(ensure_ascii=False)

    def chunks() -> Iterator[str]:
        head = json.dumps(meta, cls=DjangoJSONEncoder, ensure_ascii=False)
        yield head[:-1] + f', "{key}": ['
        first = True
        buffer = []
        for row in rows:
            buffer.append(("" if first else ",") + "\n" + encoder.encode(row))
            first = False
            if len(buffer) >= 500:
                yield "".join(buffer)
                buffer = []
        yield "".join(buffer) + "\n]}\n"

    response = StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _same(value):
    return value


@dataclass(frozen=True)
class ListDownload:
    """One public list as open data: its columns, its rows (through the list's own filters) and its names."""

    filename: str  # without the extension; "{today}" becomes today's date
    columns: tuple[tuple[str, str], ...]  # (field, CSV column title)
    filterset: Callable[[HttpRequest], FormFilter]  # the list page's filters over the rows the public sees
    page: Callable[[HttpRequest], HttpResponse]  # the list page, which explains a filter that is wrong
    json_key: str
    json_meta: Callable[[HttpRequest], dict]
    order_by: tuple[str, ...] = ()
    chunk_size: int = 2000
    rows: Callable[[Iterable[tuple]], Iterable[tuple]] = _same  # values worked out from the row, for both formats
    csv_row: Callable[[tuple], Sequence] = _same
    json_keys: tuple[str, ...] = ()  # the JSON names of the values, when they are not the fields'
    json_record: Callable[[dict], dict] = _same
    # For values that plain columns cannot give (related rows, addresses): the rows as tuples, in the order
    # of `columns`, from the filtered records and the request (instead of reading the columns' values).
    records: Callable[[object, HttpRequest], Iterable[tuple]] | None = None


@dataclass(frozen=True)
class FormFilter:
    """A list filtered by a plain form (its filters as GET parameters): the bound form, and the rows it leaves,
    as a ListDownload's `filterset` gives them."""

    form: object
    qs: object


def labelled_rows(
    columns: tuple[tuple[str, str], ...], *, labels: dict[str, Iterable[tuple[str, str]]], link: tuple[str, str]
) -> Callable[[Iterable[tuple]], Iterable[tuple]]:
    """A ListDownload's `rows` for a list of records with pages: the columns named in `labels` as people read
    their choices, and the last column (the page's slug or reference) as the page's public address; `link` is
    the page's URL name and the name of its argument."""
    from localism.links import absolute_reverse

    fields = [name for name, _ in columns]
    names = {fields.index(field): dict(choices) for field, choices in labels.items()}
    url_name, argument = link

    def rows(values: Iterable[tuple]) -> Iterator[tuple]:
        for row in values:
            cells = (names[i].get(value, value) if i in names else value for i, value in enumerate(row[:-1]))
            yield (*cells, absolute_reverse(url_name, **{argument: row[-1]}))

    return rows


def _annotated(filterset: Callable[[HttpRequest], object], annotate: dict[str, object]) -> Callable:
    def filtered(request: HttpRequest) -> FormFilter:
        listed = filterset(request)
        return FormFilter(listed.form, listed.qs.annotate(**annotate))

    return filtered


def page_list_download(
    title: str,
    *,
    filename: str,
    json_key: str,
    columns: tuple[tuple[str, str], ...],
    filterset: Callable[[HttpRequest], object],
    page: Callable[[HttpRequest], HttpResponse],
    labels: dict[str, Iterable[tuple[str, str]]],
    link: tuple[str, str],
    json_keys: tuple[str, ...] = (),
    annotate: dict[str, object] | None = None,
) -> ListDownload:
    """A public list of records with pages as open data, titled `title` under the licence: the values as
    `labelled_rows` gives them; in JSON named as their fields, the page's address as "url", unless `json_keys`
    names them. `annotate` adds the columns the list page's rows do not have (values of related rows)."""
    return ListDownload(
        filename=filename,
        columns=columns,
        filterset=_annotated(filterset, annotate) if annotate else filterset,
        page=page,
        json_key=json_key,
        json_meta=lambda request: licence_meta(title),
        rows=labelled_rows(columns, labels=labels, link=link),
        json_keys=json_keys or (*(name for name, _ in columns[:-1]), "url"),
    )


DOWNLOADS: Registry[ListDownload] = Registry("list downloads")


def register_download(name: str, download: ListDownload) -> None:
    """A public list's open data, served by `download` at the addresses that name it in the app's urls."""
    DOWNLOADS.add(name, download)


def register_downloads(app: str, downloads: dict[str, ListDownload]) -> None:
    """An app's lists, each named "<app>.<name>"."""
    for name, download in downloads.items():
        register_download(f"{app}.{name}", download)


@require_GET
def download(request: HttpRequest, name: str, fmt: str, which: str = "") -> HttpResponse:
    """Any public list as CSV or JSON (`which` tells apart the lists that share an address pattern)."""
    entry = DOWNLOADS.get(f"{name}-{which}" if which else name)
    if entry is None or fmt not in ("csv", "json"):
        raise Http404("No such download")
    return list_download(request, entry, fmt)


def list_download(request: HttpRequest, download: ListDownload, fmt: str) -> HttpResponse:
    """The list as CSV or JSON, with the filters of the request (a wrong filter shows the list page)."""
    filterset = download.filterset(request)
    if filterset.form.errors:
        return download.page(request)
    fields = [name for name, _ in download.columns]
    records = filterset.qs.order_by(*download.order_by) if download.order_by else filterset.qs
    if download.records is not None:
        rows = download.rows(download.records(records, request))
    else:
        rows = download.rows(records.values_list(*fields).iterator(chunk_size=download.chunk_size))
    filename = download.filename.format(today=timezone.localdate().isoformat())
    if fmt == "csv":
        header = [label for _, label in download.columns]
        return csv_response(f"{filename}.csv", header, (download.csv_row(row) for row in rows))
    keys = download.json_keys or fields
    return json_stream_response(
        f"{filename}.json",
        download.json_meta(request),
        download.json_key,
        (download.json_record(dict(zip(keys, row, strict=True))) for row in rows),
    )


def download_path(regex: str, download_name: str, url_name: str, **fixed):
    """A list's CSV and JSON address (the regex captures `fmt`, and `which` where lists share it, unless they
    are `fixed`), served by the one download view."""
    from django.urls import re_path

    return re_path(regex, download, {"name": download_name, **fixed}, name=url_name)
