import datetime
import uuid

import factory
from django.utils import timezone

from directory.models import Listing, Location, Membership, Organisation, Schedule, Taxonomy, TaxonomyTerm
from directory.services import listing_refresh_search
from tests.factories import slug_of


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Community Group {n}")
    slug = slug_of("name")
    kind = Organisation.Kind.COMMUNITY_GROUP
    description = "A group run by local volunteers."
    status = Organisation.Status.VERIFIED


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory("tests.factories.UserFactory")
    role = Membership.Role.OWNER


class TaxonomyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Taxonomy
        django_get_or_create = ["name"]

    name = "Test categories"
    description = "Categories for tests."


class TaxonomyTermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TaxonomyTerm

    taxonomy = factory.SubFactory(TaxonomyFactory)
    name = factory.Sequence(lambda n: f"Category {n}")
    slug = slug_of("name")


class ListingFactory(factory.django.DjangoModelFactory):
    """A published listing of a verified organisation (set status/organisation for other states)."""

    class Meta:
        model = Listing
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Listing {n}")
    kind = Listing.Kind.CLUB
    summary = "A friendly weekly session."
    description = "Everyone is welcome."
    status = Listing.Status.PUBLISHED
    revision = 1
    published_at = factory.LazyFunction(timezone.now)
    last_confirmed_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create and extracted:
            self.categories.set(extracted)

    @factory.post_generation
    def index(self, create, extracted, **kwargs):
        """Keep search up to date as the services do."""
        if create:
            listing_refresh_search(listing_ids=[self.pk])


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    listing = factory.SubFactory(ListingFactory)
    name = "Village Hall"
    address_1 = "1 Church Lane"
    city = "Norwich"
    postcode = "NR2 1AB"
    latitude = 52.629423
    longitude = 1.285973
    service_at_location_id = factory.LazyFunction(uuid.uuid4)


class ScheduleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Schedule

    listing = factory.SubFactory(ListingFactory)
    kind = Schedule.Kind.OPEN
    freq = Schedule.Freq.WEEKLY
    byday = "MO"
    opens_at = datetime.time(10, 0)
    closes_at = datetime.time(12, 0)


class CostOptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "directory.CostOption"

    listing = factory.SubFactory(ListingFactory)
    option = "Per session"
    amount = "2.50"
