import pytest


@pytest.fixture
def owner_client(client, group_owner):
    client.force_login(group_owner)
    return client
