"""Finding the real services the integration and browser tests need.

Where one is missing the test is skipped with the reason, unless REQUIRE_SERVICES=1
(as in CI), where a missing service fails the run instead.
"""

from __future__ import annotations

import os
import shutil
import socket
from urllib.parse import urlparse

import pytest

# Chromium's headless shell first (Debian's chromium-headless-shell, the build Playwright itself runs headless): the
# same Blink and V8 as the browser without its windows, which opens a test's page in two thirds of the time.
CHROMIUM_PATHS = ("/usr/bin/chromium-headless-shell", "/usr/bin/chromium", "/usr/bin/chromium-browser")


def _require(reason: str) -> None:
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(f"REQUIRE_SERVICES=1 but {reason}", pytrace=False)
    pytest.skip(f"SKIPPED LOUDLY: {reason}")


def redis_url() -> str:
    """A Redis URL for the tests (TEST_REDIS_URL, else 127.0.0.1:6379 database 9); skips if none answers."""
    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/9")
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 6379), timeout=1):
            pass
    except OSError:
        _require(f"no Redis answers at {url}; start redis-server or set TEST_REDIS_URL")
    return url


def chromium_path() -> str:
    for path in (os.environ.get("CHROMIUM_PATH", ""), *CHROMIUM_PATHS):
        if path and shutil.which(path):
            return path
    _require("Chromium is not installed (apt-get install chromium-headless-shell), so the browser tests cannot run")
    return ""


def wrk_path() -> str:
    """Debian's wrk, the load test's client for pages asked for alone; skips (or fails in CI) without it."""
    path = shutil.which("wrk")
    if not path:
        _require("wrk is not installed (apt-get install wrk), so the load test's client cannot be tried")
    return path or ""
