import datetime
import shutil
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone

from asset_transfers.models import Stage as TransferStage
from asset_transfers.models import TransferApplication
from devtools.demo.asset_transfers import application_move_on
from devtools.demo.councils import council_officers_group
from devtools.demo.neighbourhood_plans import plan_move_on
from directory.models import Membership, Organisation
from localism.core_content import load_councils, load_reference_data
from localism.models import Council, InformationPage, Place, Responsibility, Topic
from neighbourhood_plans.models import NeighbourhoodPlan
from neighbourhood_plans.models import Stage as PlanStage
from neighbourhood_plans.services import plan_designate
from tests import snapshots
from tests.asset_transfers.factories import decision, pdf, submit_application
from tests.budget_simulator.factories import make_simulator
from tests.clients import signed_in
from tests.directory.factories import ListingFactory, LocationFactory, MembershipFactory, OrganisationFactory
from tests.factories import DEFAULT_PASSWORD, PlaceFactory, PostcodeFactory, UserFactory
from tests.smtp import RefusingOnceServer
from tests.transparency.factories import ChallengeWindowFactory

STAFF_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """The tests marked `long` first, after pytest-django has put the transactional ones (the browser's) behind the
    others: xdist hands the tests out in this order, and a long test handed out last keeps the run going while the
    other workers have nothing left to do."""
    items.sort(key=lambda item: item.get_closest_marker("long") is None)


def pytest_collection_finish(session):
    """The tests of one xdist_group run on one worker (one private PostgreSQL migrated once, the delivery tests
    at scale one at a time) only if pytest keeps the group xdist adds to their ids: pytest 9.2 drops it."""
    if not getattr(session.config.option, "loadgroup", False):  # set on each xdist worker of --dist loadgroup
        return
    lost = [item.nodeid for item in session.items if item.get_closest_marker("xdist_group") and "@" not in item.nodeid]
    if lost:
        raise pytest.UsageError(
            f"pytest-xdist's groups are ignored by this pytest (e.g. {lost[0]}): see requirements-test.txt"
        )


def isolated_settings(media_root: Path) -> dict:
    """What each test runs with: empty caches of its own process (rate limits start afresh), its own media folder."""
    return {
        "CACHES": {
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
            "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
        },
        # A per-process cache is what makes each test start afresh; django-ratelimit rightly calls it unfit for
        # a site of several processes (E003). The site's own caches pass that check (tests/localism/test_settings.py).
        "SILENCED_SYSTEM_CHECKS": [*django_settings.SILENCED_SYSTEM_CHECKS, "django_ratelimit.E003"],
        "MEDIA_ROOT": media_root,
        # The production hasher is slow on purpose; the tests only need a correct one.
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
    }


@pytest.fixture(autouse=True)
def _isolated_cache_and_media(settings, tmp_path):
    """Each test gets an empty cache (rate limits start afresh) and its own media folder."""
    for name, value in isolated_settings(tmp_path / "media").items():
        setattr(settings, name, value)
    from django.core.cache import caches

    for alias in settings.CACHES:
        caches[alias].clear()


@pytest.fixture(autouse=True)
def _one_rate_limit_window(monkeypatch):
    """Rate limits count in fixed windows: the clock django-ratelimit reads is held for the test, so that no
    window ends half-way through a test's requests, however slowly a busy machine sends them."""
    import django_ratelimit.core

    hold_clock(monkeypatch, django_ratelimit.core)


def hold_clock(monkeypatch, module) -> float:
    """Hold the clock a library reads (its module's `time.time()`) at now for the test; returns that moment."""
    now = time.time()
    monkeypatch.setattr(module, "time", SimpleNamespace(time=lambda: now))
    return now


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database as migrated, which each transactional test ends by restoring (tests/snapshots.py)."""
    with django_db_blocker.unblock():
        snapshots.end_transactional_tests_by_restoring(snapshots.Snapshot.take())


@pytest.fixture(scope="session")
def migrated_postgres():
    """A private PostgreSQL's data folder, migrated once per test worker, for the tests to start copies of
    (tests/private_portal.py). Outside pytest's temporary root: run as root, PostgreSQL runs as another user, who
    must reach it."""
    from tests.private_portal import migrated_cluster

    folder = Path(tempfile.mkdtemp(prefix="localism-migrated-"))
    folder.chmod(0o755)
    try:
        yield migrated_cluster(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def reference_data(db):
    """Norfolk's places, the topics and the core information pages, as the migration loads them.

    Every test starts from the database as migrated (tests/snapshots.py), so they are there already unless the
    test's own setup removed them.
    """
    if not Council.objects.exists():
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

    return signed_in(moderator)


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
    return _member(organisation, Membership.Role.OWNER, "owner@example.org", "Olive Owner")


@pytest.fixture
def group_editor(organisation):
    return _member(organisation, Membership.Role.EDITOR, "editor@example.org", "Eddie Editor")


@pytest.fixture
def owner_client(group_owner):
    """The group's owner, signed in, in a browser of their own (beside `client`, for someone else)."""
    return signed_in(group_owner)


@pytest.fixture
def other_group_owner(db):
    return _member(OrganisationFactory(name="Another Group"), Membership.Role.OWNER, "rival@example.org", "Rita Rival")


def _member(organisation, role, email: str, display_name: str):
    """A new person with a role in the group."""
    membership = MembershipFactory(
        organisation=organisation, role=role, user__email=email, user__display_name=display_name
    )
    return membership.user


@pytest.fixture
def norwich_postcode(db):
    return PostcodeFactory()


@pytest.fixture
def cromer_postcode(reference_data):
    """A postcode in Cromer, North Norfolk: where the demo's nominations and voters live."""
    return PostcodeFactory(in_cromer=True)


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


# Council staff: the county's portal team and officers of one council (tests/test_council_permission_matrix.py),
# with the admin's group the demo gives council officers.
def make_council_staff(email: str, council_slug: str | None):
    """A member of staff with two-factor authentication, of one council (None: the county's team)."""
    user = UserFactory(email=email, display_name=email.split("@")[0].replace(".", " ").title(), is_staff=True)
    user.council = Council.objects.get(slug=council_slug) if council_slug else None
    user.save()
    user.groups.add(council_officers_group())
    TOTP.activate(user, STAFF_TOTP_SECRET)
    return user


@pytest.fixture
def county_staff(reference_data):
    return make_council_staff("county.officer@example.org", None)


@pytest.fixture
def district_officer(reference_data):
    """An officer of North Norfolk District Council (Cromer's district)."""
    return make_council_staff("district.officer@example.org", "north-norfolk-district-council")


@pytest.fixture
def other_district_officer(reference_data):
    return make_council_staff("breckland.officer@example.org", "breckland-council")


@pytest.fixture
def parish_clerk(reference_data):
    """The clerk of Cromer Town Council."""
    return make_council_staff("cromer.clerk@example.org", "cromer-town-council")


@pytest.fixture
def other_parish_clerk(reference_data):
    return make_council_staff("holt.clerk@example.org", "holt-town-council")


@pytest.fixture
def council_personas(
    county_staff, district_officer, other_district_officer, parish_clerk, other_parish_clerk, group_owner, resident
):
    """Who the council-scoped rules are asked of: staff at each tier, and people who are not staff."""
    from tests.factories import CouncillorFactory

    # A Cromer town councillor whose portal account is linked to their record.
    councillor = UserFactory(email="councillor@example.org", display_name="Cllr Example")
    CouncillorFactory(name="Chris Example", council=Council.objects.get(slug="cromer-town-council"), user=councillor)
    return {
        "county staff": county_staff,
        "district officer": district_officer,
        "other district officer": other_district_officer,
        "parish clerk": parish_clerk,
        "other parish clerk": other_parish_clerk,
        "councillor": councillor,
        "group member": group_owner,
        "resident": resident,
    }


@pytest.fixture
def simulator(db):
    """An open budget simulator: £1,000,000 to find from libraries, home care and council tax (make_simulator)."""
    return make_simulator()


@pytest.fixture
def open_window(db):
    """A Right to Challenge window for branch libraries, open now (the transparency and security tests use it)."""
    return ChallengeWindowFactory(title="Libraries 2026", services="Branch libraries")


@pytest.fixture
def refusing_once_smtp(settings):
    """Email goes to an SMTP server that refuses the first message and accepts it when it comes again: the
    messages it was given, in order."""
    settings.EMAIL_BACKEND = "tests.smtp.RefusingOnceServer"
    RefusingOnceServer.messages = []
    return RefusingOnceServer.messages


@pytest.fixture
def make_application(organisation, group_owner, reference_data, moderator):
    """A community asset transfer application by the owner's group for a hall in Cromer, moved on to the stage
    asked for by the services themselves."""

    def make(stage: str = TransferStage.INTEREST, *, is_approved: bool = True, name: str = "Runton Road Hall"):
        application = submit_application(
            by=group_owner,
            organisation=organisation,
            council=Council.objects.get(slug="north-norfolk-district-council"),
            place=Place.objects.get(slug="cromer"),
            asset_name=name,
        )
        application_move_on(
            application,
            to=stage,
            staff=moderator,
            applicant=group_owner,
            note="Send a plan.",
            business_case=pdf(),
            decision=decision(is_approved=is_approved),
        )
        return TransferApplication.objects.get(pk=application.pk)

    return make


@pytest.fixture
def make_plan(reference_data, moderator):
    """A parish's neighbourhood plan in a district, moved on to the stage asked for through the services."""

    def make(
        stage: str = PlanStage.DESIGNATED, *, parish: str = "Aldborough", district: str = "north-norfolk", yes=80
    ):
        district_place = Place.objects.get(slug=district)
        area = PlaceFactory(name=parish, kind=Place.Kind.PARISH, parent=district_place)
        council = Council.objects.district_council_of(district_place).get()
        start = timezone.localdate() - datetime.timedelta(days=400)
        plan = plan_designate(
            by=moderator,
            area=area,
            council=council,
            name=f"{parish} Neighbourhood Plan",
            qualifying_body=f"{parish} Parish Council",
            designated_on=start,
        )
        plan_move_on(
            plan,
            to=stage,
            by=moderator,
            start=start,
            days=(30, 80, 100, 150, 300, 330),
            referendum=(Decimal("31.5"), Decimal(yes)),
            consultation_url=reverse("consultations:detail", kwargs={"slug": "draft-plan"}),
        )
        return NeighbourhoodPlan.objects.get(pk=plan.pk)

    return make
