"""Council-scoped staff in the admin: each sees and changes only their own council's content.

Acting on another council's object is refused (not found, or forbidden) and nothing changes.
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from budgeting.models import Round
from consultations.models import Consultation
from discussions.models import Comment
from tests.admin_forms import assert_choice_refused
from tests.budgeting.factories import RoundFactory
from tests.clients import signed_in
from tests.consultations.factories import ConsultationFactory, consultation_admin_form
from tests.discussions.factories import CommentFactory
from tests.factories import council
from tests.transparency.factories import (
    AssetNominationFactory,
    ChallengeWindowFactory,
    DecisionFactory,
    ExpressionOfInterestFactory,
    decide_nomination,
)
from transparency.models import AssetNomination, ChallengeWindow, Decision, ExpressionOfInterest

pytestmark = pytest.mark.django_db


@pytest.fixture
def breckland_nomination():
    return AssetNominationFactory(
        postcode="IP24 1AA", address="1 King Street, Thetford", council=council("breckland-council")
    )


def decide(client, nomination):
    return client.post(
        reverse("admin:transparency_assetnomination_decide", kwargs={"pk": nomination.pk}),
        {"outcome": "listed", "decided_on": timezone.localdate().strftime("%d/%m/%Y"), "reasons": ""},
    )


def test_a_district_officer_decides_a_nomination_for_their_own_district(district_officer):
    nomination = AssetNominationFactory()  # North Norfolk's

    response = decide(signed_in(district_officer), nomination)

    nomination.refresh_from_db()
    assert response.status_code == 302
    assert nomination.status == AssetNomination.Status.LISTED
    assert nomination.decided_by == district_officer


def test_a_district_officer_cannot_decide_another_districts_nomination(district_officer, breckland_nomination):
    response = decide(signed_in(district_officer), breckland_nomination)

    breckland_nomination.refresh_from_db()
    assert response.status_code == 404
    assert breckland_nomination.status == AssetNomination.Status.SUBMITTED
    assert breckland_nomination.decided_by is None


def test_a_district_officer_lists_only_their_own_districts_nominations(district_officer, breckland_nomination):
    own = AssetNominationFactory(asset_name="The Red Lion, Cromer")
    client = signed_in(district_officer)

    listing = client.get(reverse("admin:transparency_assetnomination_changelist")).content.decode()
    other_page = client.get(reverse("admin:transparency_assetnomination_change", args=[breckland_nomination.pk]))

    assert own.asset_name in listing
    assert breckland_nomination.asset_name not in listing
    assert other_page.status_code == 302  # the admin's "does not exist" redirect
    assert other_page.url == reverse("admin:index")


def test_the_service_refuses_a_decision_for_another_council(other_district_officer):
    nomination = AssetNominationFactory()  # North Norfolk's, not Breckland's

    with pytest.raises(PermissionDenied):
        decide_nomination(nomination, by=other_district_officer)

    nomination.refresh_from_db()
    assert nomination.status == AssetNomination.Status.SUBMITTED


def test_an_expression_of_interest_is_decided_only_by_its_councils_staff(district_officer, other_district_officer):
    north_norfolk = council("north-norfolk-district-council")
    expression = ExpressionOfInterestFactory(
        window=ChallengeWindowFactory(council=north_norfolk), council=north_norfolk
    )
    url = reverse("admin:transparency_expressionofinterest_decide", kwargs={"pk": expression.pk})
    data = {"status": "accepted", "reasons": "A strong plan.", "decided_on": timezone.localdate().strftime("%d/%m/%Y")}

    refused = signed_in(other_district_officer).post(url, data)
    expression.refresh_from_db()
    assert refused.status_code == 404
    assert expression.status == ExpressionOfInterest.Status.SUBMITTED

    accepted = signed_in(district_officer).post(url, data)
    expression.refresh_from_db()
    assert accepted.status_code == 302
    assert expression.status == ExpressionOfInterest.Status.ACCEPTED


def test_a_district_officer_opens_challenge_windows_only_for_their_council(district_officer):
    client = signed_in(district_officer)
    today = timezone.localdate()
    data = {
        "title": "Leisure centres",
        "services": "Leisure centres",
        "opens_on": today.strftime("%d/%m/%Y"),
        "closes_on": (today + datetime.timedelta(days=30)).strftime("%d/%m/%Y"),
        "council": council("breckland-council").pk,
    }

    response = client.post(reverse("admin:transparency_challengewindow_add"), data)

    assert_choice_refused(response)
    assert not ChallengeWindow.objects.filter(title="Leisure centres").exists()


def test_the_consultation_form_offers_a_parish_clerk_their_own_council_alone(parish_clerk):
    page = signed_in(parish_clerk).get(reverse("admin:consultations_consultation_add")).content.decode()

    assert "Cromer Town Council" in page
    assert "Holt Town Council" not in page
    assert "Norfolk County Council" not in page


def test_a_parish_clerk_cannot_name_another_council_on_a_consultation(parish_clerk):
    data = consultation_admin_form(
        title="Holt market place",
        slug="holt-market-place",
        council=council("holt-town-council").pk,
        decision_maker="Full council",
    )

    response = signed_in(parish_clerk).post(reverse("admin:consultations_consultation_add"), data)

    assert_choice_refused(response)
    assert not Consultation.objects.filter(slug="holt-market-place").exists()


def test_a_parish_clerk_cannot_publish_another_parishs_consultation(parish_clerk):
    holt = ConsultationFactory(council=council("holt-town-council"), draft=True)

    response = signed_in(parish_clerk).post(
        reverse("admin:consultations_publish", kwargs={"pk": holt.pk}), {"confirm": "on"}
    )

    holt.refresh_from_db()
    assert response.status_code == 404
    assert holt.published_at is None


def test_a_parish_clerk_cannot_change_another_parishs_decision(parish_clerk):
    holt = DecisionFactory(council=council("holt-town-council"), title="Holt allotments")
    url = reverse("admin:transparency_decision_change", args=[holt.pk])

    response = signed_in(parish_clerk).post(url, {"title": "Changed", "slug": holt.slug})

    holt.refresh_from_db()
    assert response.status_code == 302
    assert response.url == reverse("admin:index")
    assert holt.title == "Holt allotments"
    assert Decision.objects.count() == 1


def test_a_parish_clerk_lists_only_their_own_budgeting_rounds(parish_clerk):
    own = RoundFactory(council=council("cromer-town-council"), title="Cromer community chest")
    other = RoundFactory(council=council("holt-town-council"), title="Holt community chest")

    page = signed_in(parish_clerk).get(reverse("admin:budgeting_round_changelist")).content.decode()

    assert own.title in page
    assert other.title not in page


def test_a_parish_clerk_cannot_publish_another_parishs_round_results(parish_clerk):
    other = RoundFactory(
        council=council("holt-town-council"),
        voting_opens=timezone.now() - datetime.timedelta(days=10),
        voting_closes=timezone.now() - datetime.timedelta(days=1),
    )

    signed_in(parish_clerk).post(
        reverse("admin:budgeting_round_changelist"), {"action": "publish_results", "_selected_action": [other.pk]}
    )

    assert Round.objects.get(pk=other.pk).results_published_at is None


def test_a_parish_clerk_moderates_comments_on_their_own_councils_consultations_alone(parish_clerk):
    own = CommentFactory(target=ConsultationFactory(council=council("cromer-town-council")), text="Cromer comment")
    other = CommentFactory(target=ConsultationFactory(council=council("holt-town-council")), text="Holt comment")
    client = signed_in(parish_clerk)

    queue = client.get(reverse("admin:discussions_comment_changelist")).content.decode()
    client.post(
        reverse("admin:discussions_comment_changelist"),
        {"action": "hide_spam", "_selected_action": [own.pk, other.pk]},
    )

    assert "Cromer comment" in queue
    assert "Holt comment" not in queue
    assert Comment.objects.get(pk=own.pk).status == Comment.Status.HIDDEN
    assert Comment.objects.get(pk=other.pk).status == Comment.Status.PUBLISHED


def test_staff_of_a_council_cannot_give_themselves_another_council(parish_clerk, staff_client):
    from django.contrib.auth.models import Permission

    # Even with the admin's right to change accounts, the staff fields are the county team's to set.
    parish_clerk.user_permissions.add(*Permission.objects.filter(codename__in=["change_user", "view_user"]))
    url = reverse("admin:accounts_user_change", args=[parish_clerk.pk])

    page = signed_in(parish_clerk).get(url).content.decode()

    assert 'name="council"' not in page
    assert 'name="council"' in staff_client.get(url).content.decode()


def test_a_parish_clerk_cannot_close_another_councils_petition(parish_clerk):
    from petitions.models import Petition
    from tests.petitions.factories import PetitionFactory

    own = PetitionFactory(council=council("cromer-town-council"), title="Cromer: more benches")
    county = PetitionFactory(title="Norfolk: more buses")
    client = signed_in(parish_clerk)

    listing = client.get(reverse("admin:petitions_petition_changelist")).content.decode()
    client.post(
        reverse("admin:petitions_petition_changelist"), {"action": "close", "_selected_action": [own.pk, county.pk]}
    )

    assert own.title in listing
    assert county.title not in listing
    assert Petition.objects.get(pk=own.pk).status == Petition.Status.CLOSED
    assert Petition.objects.get(pk=county.pk).status == Petition.Status.OPEN


def comment_on(consultation, user, text: str):
    client = signed_in(user)
    url = reverse("discussions:comment_create", kwargs={"key": "consultation", "pk": consultation.pk})
    client.post(url, {"text": text, "as_official": "on"})
    return Comment.objects.get(text=text), client


def test_a_councillor_answers_officially_on_their_councils_consultation_signed_with_their_name(council_personas):
    cromer = ConsultationFactory(council=council("cromer-town-council"))

    reply, client = comment_on(cromer, council_personas["councillor"], "The town council will repair the roof.")

    page = client.get(cromer.get_absolute_url()).content.decode()
    assert reply.is_official
    assert reply.official_as == "Councillor Chris Example, Cromer Town Council"
    assert "Councillor Chris Example, Cromer Town Council" in page
    assert "Official council reply" in page


def test_a_councillors_reply_on_another_councils_consultation_is_their_own(council_personas):
    holt = ConsultationFactory(council=council("holt-town-council"))

    reply, _ = comment_on(holt, council_personas["councillor"], "I live nearby.")

    assert not reply.is_official
    assert reply.official_as == ""


def test_a_parish_clerks_official_reply_is_signed_by_their_council(parish_clerk):
    cromer = ConsultationFactory(council=council("cromer-town-council"))

    reply, _ = comment_on(cromer, parish_clerk, "Thank you: we will read every response.")

    assert reply.is_official
    assert reply.author_name == "Cromer Town Council"
