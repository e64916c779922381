"""Every transparency list downloads as CSV and as JSON, through one view, under the addresses it always had."""

import pytest
from django.urls import URLResolver, get_resolver, resolve, reverse

from localism import exports

pytestmark = pytest.mark.django_db

ADDRESSES = {
    ("spending_download", ()): "/transparency/spending/download.{fmt}",
    ("contracts_download", ()): "/transparency/contracts/download.{fmt}",
    ("grants_download", ()): "/transparency/grants/360giving.{fmt}",
    ("decisions_download", ()): "/transparency/decisions/download.{fmt}",
    ("notices_download", ()): "/transparency/notices/download.{fmt}",
    ("assets_download", (("which", "listed"),)): "/transparency/assets/listed.{fmt}",
    ("assets_download", (("which", "unsuccessful"),)): "/transparency/assets/unsuccessful.{fmt}",
}
FILENAMES = {
    "/transparency/contracts/download.{fmt}": "contracts",
    "/transparency/grants/360giving.{fmt}": "grants-360giving",
    "/transparency/decisions/download.{fmt}": "decisions",
    "/transparency/notices/download.{fmt}": "notices",
    "/transparency/assets/listed.{fmt}": "assets-of-community-value",
    "/transparency/assets/unsuccessful.{fmt}": "unsuccessful-nominations",
}


def _transparency_route_names() -> set[str]:
    resolver = next(
        p for p in get_resolver().url_patterns if isinstance(p, URLResolver) and p.namespace == "transparency"
    )
    return {pattern.name for pattern in resolver.url_patterns}


def test_every_download_route_is_served_by_the_one_download_view():
    names = {name for name in _transparency_route_names() if name.endswith("_download")}
    assert names == {name for name, _ in ADDRESSES}
    for (name, arguments), address in ADDRESSES.items():
        for fmt in ("csv", "json"):
            url = reverse(f"transparency:{name}", kwargs={"fmt": fmt, **dict(arguments)})
            assert url == address.format(fmt=fmt)
            assert resolve(url).func is exports.download


@pytest.mark.parametrize("address", sorted(FILENAMES))
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_each_list_downloads_under_its_own_file_name(client, address, fmt):
    response = client.get(address.format(fmt=fmt))
    assert response.status_code == 200
    assert response["Content-Type"] == ("text/csv" if fmt == "csv" else "application/json") + "; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{FILENAMES[address]}.{fmt}"'
