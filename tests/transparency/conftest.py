from pathlib import Path

import pytest

from transparency.sample_data import SAMPLE_DIR

SAMPLE_FILES = Path(SAMPLE_DIR)


@pytest.fixture
def sample_file():
    """The bytes of one of the shipped sample files (transparency/sample_files/)."""

    def read(name: str) -> bytes:
        return (SAMPLE_FILES / name).read_bytes()

    return read


@pytest.fixture
def staff_client(client, moderator):
    """A staff member with two-factor authentication, signed in (can use the staff admin)."""
    client.force_login(moderator)
    return client
