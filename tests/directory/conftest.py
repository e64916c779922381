import datetime

import pytest

from directory.models import Listing, TaxonomyTerm
from directory.services import listing_refresh_search
from tests.directory.factories import (
    CostOptionFactory,
    ListingFactory,
    LocationFactory,
    OrganisationFactory,
    ScheduleFactory,
    TaxonomyFactory,
    TaxonomyTermFactory,
)
from tests.factories import PlaceFactory, PostcodeFactory


@pytest.fixture
def pending_listing(organisation, group_owner):
    listing = ListingFactory(
        organisation=organisation, name="Lunch club", status=Listing.Status.PENDING, published_at=None
    )
    LocationFactory(listing=listing)
    return listing


@pytest.fixture
def oruk_directory(db):
    """For the ORUK API and feed import: full listings that every filter finds (four of them: a first,
    middle and last page at one a page), sparse ones that leave every optional value out, and
    taxonomies with and without a URI."""
    PostcodeFactory()
    sport = TaxonomyTermFactory(name="Sport")
    for n in range(3):
        TaxonomyTermFactory(name=f"Sport {n}", parent=sport, taxonomy=sport.taxonomy)
    for n in range(3):
        TaxonomyFactory(name=f"Register {n}", uri="https://example.org/register" if n else "", version="")
    kinds = list(TaxonomyTerm.objects.filter(parent=sport))
    norwich = PlaceFactory(name="Norwich")
    for n in range(4):
        organisation = OrganisationFactory(
            name=f"Football group {n}",
            website="https://example.org/" if n % 2 else "",
            email="group@example.org" if n % 2 else "",
            charity_number="1051642" if n == 1 else "",
        )
        listing = ListingFactory(
            organisation=organisation,
            name=f"Walking football {n}",
            minimum_age=50,
            maximum_age=90,
            eligibility="Over 50s" if n % 2 else "",
            languages=["en", "pl"] if n % 2 else [],
            phone="01603 000000" if n % 2 else "",
            email="hello@example.org" if n % 2 else "",
            contact_name="Pat" if n % 2 else "",
            url="https://example.org/walking" if n % 2 else "",
            temporarily_closed=n == 3,
            closed_note="Closed while the pitch is relaid" if n == 3 else "",
            categories=[kinds[n % 3]],
        )
        if n % 2:
            listing.service_areas.set([norwich])
        LocationFactory(listing=listing, name="" if n % 2 else "Pavilion", accessibility="Step-free" if n % 2 else "")
        ScheduleFactory(listing=listing, byday="FR", opens_at=datetime.time(10), closes_at=datetime.time(11, 30))
        ScheduleFactory(
            listing=listing,
            kind="closed",
            freq="",
            byday="",
            opens_at=None,
            closes_at=None,
            closed_on_bank_holidays=bool(n % 2),
        )
        CostOptionFactory(listing=listing, amount="2.50" if n % 2 else None, amount_description="")
    for n in range(3):
        sparse = ListingFactory(name=f"Drop-in {n}", last_confirmed_at=None)
        LocationFactory(listing=sparse, latitude=52.931, longitude=1.301)
        ScheduleFactory(listing=sparse, freq="", byday="", opens_at=None, closes_at=None, description="By arrangement")
    listing_refresh_search()  # and the days each listing is open, as the services keep them
    return sport
