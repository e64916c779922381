"""Council-scoped staff keep only their own council's partnerships: the rules (personas × councils) and the
admin (lists, change pages, forged POSTs, the priorities, meetings and papers that belong to a partnership)."""

import pytest
from django.urls import reverse

from localism.models import Council
from partnerships.models import Partnership, Priority
from tests.clients import signed_in
from tests.partnerships.factories import MeetingFactory, PartnershipFactory, PriorityFactory
from tests.permission_matrix import who_may

pytestmark = pytest.mark.django_db


def of(council_slug: str, **fields) -> Partnership:
    return PartnershipFactory(council=Council.objects.get(slug=council_slug), **fields)


@pytest.mark.parametrize(
    ("council", "keepers"),
    [
        ("north-norfolk-district-council", {"county staff", "district officer"}),
        ("breckland-council", {"county staff", "other district officer"}),
        ("cromer-town-council", {"county staff", "parish clerk"}),
    ],
)
def test_only_the_partnerships_own_council_staff_and_the_county_team_keep_it(council_personas, council, keepers):
    partnership = of(council)
    assert who_may(council_personas, "partnerships.keep_partnership", partnership) == keepers
    assert (
        who_may(council_personas, "partnerships.keep_partnership", PriorityFactory(partnership=partnership)) == keepers
    )
    assert (
        who_may(council_personas, "partnerships.keep_partnership", MeetingFactory(partnership=partnership)) == keepers
    )


def test_everyone_sees_a_published_partnership_and_only_its_keepers_an_unpublished_one(council_personas):
    published = of("north-norfolk-district-council")
    draft = of("north-norfolk-district-council", is_published=False)
    assert who_may(council_personas, "partnerships.see_partnership", published) == set(council_personas)
    assert who_may(council_personas, "partnerships.see_partnership", draft) == {"county staff", "district officer"}


def test_a_district_officer_edits_their_own_councils_partnership(district_officer):
    partnership = of("north-norfolk-district-council", name="North Norfolk Partnership")
    client = signed_in(district_officer)
    url = reverse("admin:partnerships_partnership_change", kwargs={"object_id": partnership.pk})
    page = client.get(url)
    assert page.status_code == 200

    form = page.context["adminform"].form
    data = {name: form[name].value() for name in ("name", "slug", "kind", "council", "summary", "about", "website")}
    data.update({"name": "North Norfolk Community Partnership", "is_published": "on", "places": []})
    for prefix in ("members", "priorities", "meetings", "actions"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    response = client.post(url, {k: v for k, v in data.items() if v is not None})

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    partnership.refresh_from_db()
    assert partnership.name == "North Norfolk Community Partnership"


def test_a_district_officer_cannot_open_or_change_another_councils_partnership(district_officer):
    partnership = of("breckland-council", name="Breckland Partnership")
    client = signed_in(district_officer)
    url = reverse("admin:partnerships_partnership_change", kwargs={"object_id": partnership.pk})

    assert client.get(url).status_code in (302, 403, 404)
    response = client.post(url, {"name": "Taken over", "slug": partnership.slug, "summary": "x", "kind": "community"})

    assert response.status_code in (302, 403, 404)
    partnership.refresh_from_db()
    assert partnership.name == "Breckland Partnership"


def test_a_district_officer_lists_only_their_own_councils_partnerships(district_officer):
    of("north-norfolk-district-council", name="North Norfolk Partnership")
    of("breckland-council", name="Breckland Partnership")

    page = signed_in(district_officer).get(reverse("admin:partnerships_partnership_changelist"))

    assert page.status_code == 200
    assert "North Norfolk Partnership" in page.content.decode()
    assert "Breckland Partnership" not in page.content.decode()


def test_a_district_officer_cannot_add_a_partnership_for_another_council(district_officer):
    response = signed_in(district_officer).post(
        reverse("admin:partnerships_partnership_add"),
        {
            "name": "Breckland Partnership",
            "slug": "breckland-partnership",
            "kind": "community",
            "council": Council.objects.get(slug="breckland-council").pk,
            "summary": "Forged.",
            **{
                f"{p}-{n}": "0"
                for p in ("members", "priorities", "meetings", "actions")
                for n in ("TOTAL_FORMS", "INITIAL_FORMS")
            },
        },
    )

    assert response.status_code in (200, 403)  # the form refuses the council it does not offer
    assert not Partnership.objects.filter(slug="breckland-partnership").exists()


def test_a_district_officer_cannot_change_a_priority_of_another_councils_partnership(district_officer):
    priority = PriorityFactory(partnership=of("breckland-council"), title="Breckland's priority")
    client = signed_in(district_officer)
    url = reverse("admin:partnerships_priority_change", kwargs={"object_id": priority.pk})

    assert client.get(url).status_code in (302, 403, 404)
    client.post(url, {"title": "Taken over", "partnership": priority.partnership_id, "position": 0})

    assert Priority.objects.get(pk=priority.pk).title == "Breckland's priority"


def test_a_priority_can_only_be_added_to_the_officers_own_councils_partnerships(district_officer):
    own = of("north-norfolk-district-council", name="Own Partnership")
    other = of("breckland-council", name="Other Partnership")

    page = signed_in(district_officer).get(reverse("admin:partnerships_priority_add"))

    choices = page.context["adminform"].form.fields["partnership"].queryset
    assert list(choices) == [own]
    assert other not in choices
