import pytest
from allauth.mfa.totp.internal.auth import TOTP

from directory.models import Membership, Organisation
from localism.core_content import load_councils, load_reference_data
from localism.models import Council, InformationPage, Place, Responsibility, Topic
from tests.directory.factories import ListingFactory, LocationFactory, MembershipFactory, OrganisationFactory
from tests.factories import DEFAULT_PASSWORD, PostcodeFactory, UserFactory

STAFF_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@pytest.fixture(autouse=True)
def _isolated_cache_and_media(settings, tmp_path):
    """Each test gets an empty cache (rate limits start afresh) and its own media folder."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
    }
    # A per-process cache is what makes each test start afresh; django-ratelimit rightly calls it unfit for
    # a site of several processes (E003). The site's own caches pass that check (tests/localism/test_settings.py).
    settings.SILENCED_SYSTEM_CHECKS = [*settings.SILENCED_SYSTEM_CHECKS, "django_ratelimit.E003"]
    settings.MEDIA_ROOT = tmp_path / "media"
    # The production hasher is slow on purpose; the tests only need a correct one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from django.core.cache import caches

    for alias in settings.CACHES:
        caches[alias].clear()


@pytest.fixture
def reference_data(db):
    """Norfolk's places, the topics and the core information pages, as the migration loads them."""
    load_reference_data(Place, Topic, InformationPage)
    load_councils(Council, Responsibility, Place)


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
def staff_client(moderator):
    """A staff member with two-factor authentication, signed in, in a browser of their own (so a test
    can use `client` for someone else beside it)."""
    from django.test import Client

    staff = Client()
    staff.force_login(moderator)
    return staff


@pytest.fixture
def resident_client(client, resident):
    client.force_login(resident)
    return client


# A community group and its people (the directory, security and other tests use them).
@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Aylsham Dementia Friends")


@pytest.fixture
def group_owner(organisation):
    user = UserFactory(email="owner@example.org", display_name="Olive Owner")
    MembershipFactory(organisation=organisation, user=user, role=Membership.Role.OWNER)
    return user


@pytest.fixture
def group_editor(organisation):
    user = UserFactory(email="editor@example.org", display_name="Eddie Editor")
    MembershipFactory(organisation=organisation, user=user, role=Membership.Role.EDITOR)
    return user


@pytest.fixture
def other_group_owner(db):
    user = UserFactory(email="rival@example.org", display_name="Rita Rival")
    MembershipFactory(organisation=OrganisationFactory(name="Another Group"), user=user)
    return user


@pytest.fixture
def norwich_postcode(db):
    return PostcodeFactory(postcode="NR2 1AB", latitude=52.629423, longitude=1.285973)


@pytest.fixture
def cromer_postcode(reference_data):
    """A postcode in Cromer, North Norfolk: where the demo's nominations and voters live."""
    return PostcodeFactory(postcode="NR27 9AB", latitude=52.9305, longitude=1.3015, district_code="E07000147")


@pytest.fixture
def published_listing(organisation):
    listing = ListingFactory(organisation=organisation, name="Memory Café", summary="A café for people with dementia.")
    LocationFactory(listing=listing)
    return listing


@pytest.fixture
def pending_organisation(db):
    return OrganisationFactory(name="Brand New Group", status=Organisation.Status.PENDING)


# The people every permission matrix asks (tests/permission_matrix.py), by name.
@pytest.fixture
def personas(resident, group_owner, other_group_owner, staff_without_mfa, moderator):
    from django.contrib.auth.models import AnonymousUser

    return {
        "anonymous": AnonymousUser(),
        "resident": resident,
        "owner": group_owner,
        "other group": other_group_owner,
        "staff without MFA": staff_without_mfa,
        "staff": moderator,
    }
