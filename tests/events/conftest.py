import pytest

from notifications.models import Notification


@pytest.fixture(autouse=True)
def _councils(reference_data):
    """Events belong to councils: Norfolk's, as the migrations load them."""


def emails_of(kind: str) -> list[str]:
    """Who the outbox holds an email of this kind for ("events.promoted")."""
    return sorted(Notification.objects.filter(event__kind=kind).values_list("recipient__email", flat=True))
