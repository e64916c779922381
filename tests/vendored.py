"""Checks that a vendored copy of a published file is the published file: nobody edits it to pass a test."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from django.conf import settings

# The shared data lies beside the checkout (../shared), in a developer's worktree and in CI's clone alike.
SHARED_DATA = Path(settings.BASE_DIR).resolve().parent / "shared" / "data"


def recorded_sums(folder: Path) -> dict[str, str]:
    """The SHA-256 sums recorded in folder/SHA256SUMS (sha256sum's format), by relative path."""
    sums = {}
    for line in (folder / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split(maxsplit=1)
        sums[name.lstrip("*")] = digest
    return sums


def assert_matches_recorded_sums(folder: Path, under: str = ".") -> None:
    """Every recorded file has its recorded sum, and no unrecorded file lies among them."""
    sums = recorded_sums(folder)
    present = {str(path.relative_to(folder)) for path in (folder / under).rglob("*") if path.is_file()} - {
        "SHA256SUMS",
        "README.md",
    }
    assert present <= set(sums), f"files not in SHA256SUMS: {sorted(present - set(sums))}"
    for name, digest in sums.items():
        actual = hashlib.sha256((folder / name).read_bytes()).hexdigest()
        assert actual == digest, f"{folder.name}/{name} differs from the published file it copies"


def assert_identical_to_shared(folder: Path, shared: Path) -> None:
    """Byte for byte the same as the shared data's copy (skipped where no shared data lies beside the checkout)."""
    if not shared.is_dir():
        pytest.skip(f"{shared} is not beside this checkout: the recorded SHA-256 sums are checked instead")
    for name in recorded_sums(folder):
        assert (folder / name).read_bytes() == (shared / name).read_bytes(), f"{name} differs from {shared / name}"
