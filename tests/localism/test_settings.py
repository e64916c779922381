"""Production settings: a clear start-up error without a secret, and a clean deploy check."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def _database_url() -> str:
    db = settings.DATABASES["default"]
    host = db["HOST"] or "127.0.0.1"
    if host.startswith(reverse("localism:home")):
        return f"postgres://{db['USER']}@/{db['NAME']}?host={host}"
    return f"postgres://{db['USER']}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


def _run(args: list[str], **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    clean.update({"DATABASE_URL": _database_url(), "SECURE_SSL_REDIRECT": "1", "STATIC_MANIFEST": "1"})
    clean.update(env)
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120)


def test_a_missing_secret_key_with_debug_off_stops_start_up_with_a_clear_message():
    result = _run(["manage.py", "check"], DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_deploy_check_is_clean_with_production_settings():
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="portal.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_database_other_than_postgresql_is_refused():
    result = _run(["manage.py", "check"], DEBUG="1", DATABASE_URL="sqlite:///tmp/x.sqlite3")
    assert result.returncode != 0
    assert "PostgreSQL only" in result.stderr


@pytest.mark.django_db
def test_every_response_carries_the_security_headers(client):
    for url in [reverse("localism:home"), "/nowhere/", reverse("account_login")]:
        response = client.get(url, secure=True)
        assert response["Strict-Transport-Security"].startswith("max-age=31536000")
        assert "default-src 'self'" in response["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https_in_production(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get(reverse("localism:home"))
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def _development_key(data_dir: Path) -> str:
    result = _run(
        ["-c", "import django; django.setup(); from django.conf import settings; print(settings.SECRET_KEY)"],
        DEBUG="1",
        DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="localism.settings",
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_a_development_instance_signs_with_a_random_key_of_its_own_kept_outside_the_repository(tmp_path):
    first = _development_key(tmp_path / "one")
    assert len(first) >= 50
    # Kept for the checkout, readable by its owner only, so sessions and emailed links survive a restart.
    key_file = tmp_path / "one" / "secret_key"
    assert key_file.read_text() == first
    assert key_file.stat().st_mode & 0o077 == 0
    assert _development_key(tmp_path / "one") == first
    # Another checkout has another key, and no key is written in the repository.
    assert _development_key(tmp_path / "two") != first
    tracked = subprocess.run(["git", "grep", "-I", "-F", first], cwd=ROOT, capture_output=True, text=True)
    assert tracked.stdout == ""


def test_the_repository_holds_no_signing_key():
    """No literal SECRET_KEY value in any tracked file: every process without one makes a random one."""
    tracked = subprocess.run(
        ["git", "grep", "-n", "-I", "-E", r"SECRET_KEY['\"]?\s*[:=]\s*['\"][^'\"]{8,}['\"]"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert tracked.stdout == ""
