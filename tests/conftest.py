import pytest
from allauth.mfa.totp.internal.auth import TOTP

from localism.core_content import load_reference_data
from localism.models import InformationPage, Place, Topic
from tests.factories import DEFAULT_PASSWORD, UserFactory

STAFF_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@pytest.fixture(autouse=True)
def _isolated_cache_and_media(settings, tmp_path):
    """Each test gets an empty cache (rate limits start afresh) and its own media folder."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    # The production hasher is slow on purpose; the tests only need a correct one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def reference_data(db):
    """Norfolk's places, the topics and the core information pages, as the migration loads them."""
    load_reference_data(Place, Topic, InformationPage)


@pytest.fixture
def password():
    return DEFAULT_PASSWORD


@pytest.fixture
def resident(db):
    return UserFactory(email="resident@example.org", display_name="Sam Resident")


@pytest.fixture
def other_resident(db):
    return UserFactory(email="other@example.org", display_name="Alex Other")


@pytest.fixture
def staff_without_mfa(db):
    return UserFactory(email="officer@example.org", display_name="Officer", is_staff=True, is_superuser=True)


@pytest.fixture
def moderator(db):
    """A staff member who has set up two-factor authentication."""
    user = UserFactory(email="moderator@example.org", display_name="Moderator", is_staff=True, is_superuser=True)
    TOTP.activate(user, STAFF_TOTP_SECRET)
    return user


@pytest.fixture
def resident_client(client, resident):
    client.force_login(resident)
    return client
