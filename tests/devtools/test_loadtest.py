"""`make loadtest ALONE=N` measures pages with wrk against a real gunicorn: its figures are read back
from wrk's own report, and an answer of 400 or more is an error, not throughput."""

import pytest

from devtools import hello_wsgi
from devtools.benchrun import bench_environment
from devtools.loadtest import Gunicorn, drive_with_wrk
from tests.services import wrk_path


@pytest.fixture(scope="module")
def hello():
    """The bare Django hello the load test compares pages with, served by gunicorn on loopback."""
    env = {key: value for key, value in bench_environment().items() if key != "DJANGO_SETTINGS_MODULE"}
    server = Gunicorn(env, workers=1, app="devtools.hello_wsgi:application")
    server.start()
    yield server
    server.stop()


def test_wrk_counts_the_requests_a_server_answered(hello):
    wrk_path()
    hello_paths = [f"/{route.pattern}" for route in hello_wsgi.urlpatterns]  # the hello's own two pages
    figures = drive_with_wrk(hello.address, hello_paths, seconds=1, clients=2)

    assert figures["requests"] > 50
    assert figures["errors"] == 0
    assert figures["requests_per_second"] == pytest.approx(figures["requests"], rel=0.5)
    assert 0 < figures["median_ms"] <= figures["p95_ms"]


def test_wrk_counts_a_missing_page_as_an_error_not_as_throughput(hello):
    wrk_path()
    # Every other request is for a page the hello does not have (404).
    figures = drive_with_wrk(hello.address, ["/", "/nowhere/"], seconds=1, clients=1)

    assert figures["errors"] == pytest.approx(figures["requests"] / 2, abs=2)
