"""Typed readers for settings that come from the environment."""

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on", "y", "t"}
_FALSE = {"0", "false", "no", "off", "n", "f", ""}


def yes_or_no(text: str) -> bool | None:
    """What a setting or a spreadsheet cell says: True for 1/yes/true/on, False for 0/no/false/off or nothing,
    None when it says neither."""
    lowered = text.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    return None


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    answer = yes_or_no(value)
    if answer is None:
        raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}.")
    return answer


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from exc


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def local_secret_key(path: Path) -> str:
    """A random signing key made once for this checkout and kept in path (DATA_DIR is never committed).

    A developer's instance then signs with a key nobody else has, and keeps it across restarts
    so that sessions and emailed links stay valid.
    """
    try:
        key = path.read_text().strip()
    except FileNotFoundError:
        key = ""
    if len(key) >= 50:
        return key
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    # Created readable by its owner only; a concurrent first start keeps whichever key won.
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip() or key
    with os.fdopen(descriptor, "w") as handle:
        handle.write(key)
    return key


def tile_sources(url_template: str) -> list[str]:
    """The CSP source that lets the browser load tiles from url_template ('{s}' subdomains become '*')."""
    parts = urlsplit(url_template)
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise ImproperlyConfigured(
            "MAP_TILE_URL must be an http(s) URL template like https://tile.example/{z}/{x}/{y}.png, "
            f"not {url_template!r}."
        )
    host = parts.netloc.replace("{s}", "*")
    if "{" in host:
        raise ImproperlyConfigured("MAP_TILE_URL may use only {s} in its host name.")
    return [f"{parts.scheme}://{host}"]
