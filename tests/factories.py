import datetime

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import User
from localism.models import Council, Councillor, InformationPage, Place, Postcode, Resource, Surgery, Topic

DEFAULT_PASSWORD = "a-long-test-password-42"
# The sign-up form as a newcomer fills it in.
SIGN_UP = {
    "email": "new.person@example.org",
    "display_name": "New Person",
    "password1": "correct-horse-battery-9",
    "password2": "correct-horse-battery-9",
}


def council(slug: str) -> Council:
    """A council of the reference data, by its slug."""
    return Council.objects.get(slug=slug)


def council_named(slug: str):
    """A factory declaration: the council of the reference data with this slug."""
    return factory.LazyFunction(lambda: council(slug))


def slug_of(field: str):
    """A factory declaration: the slug of another of the object's fields (its name or title)."""
    return factory.LazyAttribute(lambda o: slugify(getattr(o, field)))


def days_from_now(days: float):
    """A factory declaration: the moment this many days after the object is made (negative: before)."""
    return factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=days))


def days_from_today(days: int):
    """A factory declaration: the date this many days after the object is made (negative: before)."""
    return factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=days))


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Placeton {n}")
    slug = slug_of("name")
    kind = Place.Kind.TOWN
    latitude = 52.63
    longitude = 1.29


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = slug_of("name")


class PostcodeFactory(factory.django.DjangoModelFactory):
    """NR2 1AB, in Norwich, unless told otherwise; in_cromer=True for NR27 9AB."""

    class Meta:
        model = Postcode
        django_get_or_create = ["postcode"]

    postcode = "NR2 1AB"
    latitude = 52.629423
    longitude = 1.285973
    district_code = "E07000148"

    class Params:
        # NR27 9AB, in Cromer (North Norfolk): where the demo's nominations and voters live.
        in_cromer = factory.Trait(postcode="NR27 9AB", latitude=52.9305, longitude=1.3015, district_code="E07000147")


class InformationPageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InformationPage
        django_get_or_create = ["slug"]

    title = factory.Sequence(lambda n: f"Information page {n}")
    slug = slug_of("title")
    summary = "What this page is about."
    body = "## A heading\n\nSome text with a [link](https://example.org)."


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    title = factory.Sequence(lambda n: f"Guide number {n}")
    slug = slug_of("title")
    summary = "A guide for community groups."
    file = factory.django.FileField(filename="guide.pdf", data=b"%PDF-1.4\n% test document\n")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        """Verified by default; UserFactory(verified=False) for someone who never confirmed."""
        self.save()
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class CouncillorFactory(factory.django.DjangoModelFactory):
    """A councillor of a council that must exist (pass council=, e.g. from the reference data)."""

    class Meta:
        model = Councillor

    name = factory.Sequence(lambda n: f"Councillor {n}")
    slug = slug_of("name")
    party = "Independent"
    email = factory.LazyAttribute(lambda o: f"{o.slug}@example.org")


class SurgeryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Surgery

    starts_at = days_from_now(7)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=1))
    venue = "Cromer Library"
