import factory

from petitions.models import Petition
from tests.factories import UserFactory, council_named, days_from_now


class PetitionFactory(factory.django.DjangoModelFactory):
    """An open petition to Norfolk County Council (its scheme is loaded by the `scheme` fixture)."""

    class Meta:
        model = Petition

    title = factory.Sequence(lambda n: f"Keep the library open on Saturdays {n}")
    action = "Keep Cromer library open on Saturday afternoons."
    background = "Families who work in the week use it then."
    council = council_named("norfolk-county-council")
    creator = factory.SubFactory(UserFactory)
    status = Petition.Status.OPEN
    opened_at = days_from_now(-1)
    closes_at = days_from_now(7 * 12)


def petition_form(council, **fields) -> dict:
    """The form a resident fills in to start (or change) a petition: a safer crossing on Holt Road, for 12 weeks,
    unless told otherwise."""
    return {
        "council": council.pk,
        "title": "Safer crossing on Holt Road",
        "action": "Put a zebra crossing outside the primary school.",
        "background": "Children cross a busy road.",
        "runs_for_weeks": "12",
        **fields,
    }
