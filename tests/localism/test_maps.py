"""What every map shares: the tile host and credit are settings, the tile host is let into the CSP, and
Leaflet is the published package's files."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from localism.env import tile_sources
from tests.directory.factories import ListingFactory, LocationFactory
from tests.vendored import assert_matches_recorded_sums

ROOT = Path(settings.BASE_DIR)
LEAFLET = ROOT / "static" / "vendor" / "leaflet-1.9.4"


def test_leaflet_is_the_published_package_with_its_licence():
    assert_matches_recorded_sums(LEAFLET)
    assert "BSD 2-Clause" in (LEAFLET / "LICENSE").read_text()
    assert "Leaflet 1.9.4" in (LEAFLET / "leaflet.js").read_text()[:200]


@pytest.mark.parametrize(
    ("template", "sources"),
    [
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", ["https://tile.openstreetmap.org"]),
        ("https://{s}.tiles.example.org/light/{z}/{x}/{y}.png?key=abc", ["https://*.tiles.example.org"]),
        ("http://127.0.0.1:8080/{z}/{x}/{y}.png", ["http://127.0.0.1:8080"]),
    ],
)
def test_the_tile_host_is_what_the_csp_lets_in(template, sources):
    assert tile_sources(template) == sources


@pytest.mark.parametrize("template", ["", "tiles/{z}/{x}/{y}.png", "javascript:alert(1)", "https://{z}.example/{x}"])
def test_a_tile_url_that_is_not_a_web_address_is_refused(template):
    with pytest.raises(ImproperlyConfigured, match="MAP_TILE_URL"):
        tile_sources(template)


@pytest.mark.django_db
def test_pages_let_the_tile_host_into_img_src_and_nothing_else(client):
    response = client.get(reverse("localism:home"))
    policy = dict(
        directive.strip().split(" ", 1) for directive in response["Content-Security-Policy"].split(";") if directive
    )
    assert policy["img-src"].split() == ["'self'", "data:", "https://tile.openstreetmap.org"]
    assert policy["script-src"] == "'self'"
    assert policy["connect-src"] == "'self'"


def test_tiles_and_credit_come_from_the_environment():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.MAP_TILE_URL); print(settings.MAP_ATTRIBUTION); "
        "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "DEBUG": "1",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
        "DJANGO_SETTINGS_MODULE": "localism.settings",
        "MAP_TILE_URL": "https://{s}.tiles.example.org/{z}/{x}/{y}.png",
        "MAP_ATTRIBUTION": "Tiles by Example",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "https://{s}.tiles.example.org/{z}/{x}/{y}.png",
        "Tiles by Example",
        "[\"'self'\", 'data:', 'https://*.tiles.example.org']",
    ]


@pytest.mark.django_db
def test_a_map_carries_the_tile_settings_and_stays_hidden_until_its_script_runs(client, settings):
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.MAP_ATTRIBUTION = 'Tiles &copy; <a href="https://example.org">Example</a>'
    listing = ListingFactory(name="Lunch club")
    LocationFactory(listing=listing)

    html = client.get(listing.get_absolute_url()).content.decode()

    assert 'data-tile-url="https://tiles.example.org/{z}/{x}/{y}.png"' in html
    credit = "Tiles &amp;copy; &lt;a href=&quot;https://example.org&quot;&gt;Example&lt;/a&gt;"
    assert f'data-attribution="{credit}"' in html
    assert '<div class="localism-map-wrapper" data-localism-map-wrapper hidden>' in html
    assert '<script id="listing-map-points" type="application/json">' in html
