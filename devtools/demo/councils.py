"""Council-scoped staff in the demo: a parish clerk and a district officer, each with their own council's work.

What the other seeders published before councils had staff of their own is the county's; Cromer's
community fund is Cromer Town Council's. The clerk has a consultation open for comments (one reported)
and a decision of the town council; the district officer has North Norfolk's nominations to decide.
"""

from __future__ import annotations

from datetime import timedelta

from devtools.demo import (
    COUNCILLOR_EMAIL,
    DEMO_PASSWORD,
    DISTRICT_OFFICER_EMAIL,
    GROUP_EMAIL,
    PARISH_CLERK_EMAIL,
    RESIDENT_EMAIL,
    STAFF_TOTP_SECRET,
    comment,
    nominate,
    register,
)

# What a council's officers may do in the admin; their council limits which rows.
COUNCIL_OFFICER_MODELS = {
    "consultations": [
        "consultation",
        "outcome",
        "outcomeaction",
        "response",
        "coproductionteam",
        "meeting",
        "teamapplication",
        "districtpopulation",
    ],
    "transparency": [
        "decision",
        "decisiondocument",
        "notice",
        "noticedocument",
        "assetnomination",
        "expressionofinterest",
        "challengewindow",
        # Read only (imported data): looked up to name the contracts and payments that delivered a promise.
        "contract",
        "spendingrecord",
    ],
    "budgeting": ["round", "project", "delivery", "deliveryupdate"],
    "participation_codes": ["codebatch"],
    "discussions": ["comment"],
    "petitions": ["petition", "petitionscheme"],
    "partnerships": ["partnership", "member", "priority", "priorityupdate", "meeting", "meetingpaper", "action"],
    "budget_simulator": ["budgetsimulator", "budgetsubmission"],
    "events": ["event"],
}


def council_officers_group():
    """The admin's group for a council's officers: run consultations, rounds and decisions, decide nominations
    and expressions of interest, handle petitions, moderate comments (each limited to their own council by
    `User.council`)."""
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name="Council officers")
    for app, models in COUNCIL_OFFICER_MODELS.items():
        codenames = [f"{action}_{model}" for model in models for action in ("add", "change", "view", "delete")]
        group.permissions.add(*Permission.objects.filter(content_type__app_label=app, codename__in=codenames))
    return group


def council_officer(email: str, display_name: str, council):
    """A member of staff of one council, with two-factor authentication set up and a confirmed email."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.totp.internal.auth import TOTP

    from accounts.models import User

    user = User.objects.create_user(email, DEMO_PASSWORD, display_name=display_name, is_staff=True, council=council)
    user.groups.add(council_officers_group())
    TOTP.activate(user, STAFF_TOTP_SECRET)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


@register("councils", order=80)
def seed(stdout, scale=None) -> None:
    from django.utils import timezone

    from accounts.models import User
    from budgeting.models import Round
    from consultations import services as consultations
    from consultations.models import Consultation
    from discussions import services as discussions
    from discussions.models import Report
    from localism.models import Council, Place
    from transparency.models import Decision

    county = Council.objects.get(slug="norfolk-county-council")
    town = Council.objects.get(slug="cromer-town-council")
    district = Council.objects.get(slug="north-norfolk-district-council")
    for model in (Consultation, Decision, Round):
        model.objects.filter(council=None).update(council=county)
    Round.objects.filter(slug="cromer-community-fund-2026").update(council=town)

    clerk = council_officer(PARISH_CLERK_EMAIL, "Cromer Town Clerk (demo)", town)
    council_officer(DISTRICT_OFFICER_EMAIL, "North Norfolk ACV officer (demo)", district)

    now = timezone.now()
    cromer = Place.objects.get(slug="cromer")
    shelters = Consultation.objects.create(
        council=town,
        title="Seafront shelters: which to repair first",
        slug="cromer-seafront-shelters",
        summary="Cromer Town Council looks after six seafront shelters and can repair two this year. Which first?",
        body="The shelters on the promenade and the cliff top need new roofs and seats. Tell us which you use.",
        commissioning="Repairs to two shelters, paid from the town council's reserves (about £18,000).",
        decision_maker="Full town council",
        decision_expected_on=(now + timedelta(days=45)).date(),
        opens_at=now - timedelta(days=5),
        closes_at=now + timedelta(days=25),
        formative_stage="The town council has not chosen any shelter yet.",
        consideration="Councillors read every response before the full council meeting.",
    )
    shelters.places.set([cromer])
    shelters = consultations.consultation_publish(consultation=shelters, by=clerk)
    Consultation.objects.create(
        council=town,
        title="Cromer in bloom: planting the roundabouts (draft)",
        slug="cromer-in-bloom-draft",
        summary="A draft the clerk is still writing: only Cromer Town Council's staff and the county's team see it.",
        body="Which flowers, and who will water them?",
        commissioning="Planting and watering, with volunteers.",
        decision_maker="Amenities committee",
        opens_at=now + timedelta(days=10),
        closes_at=now + timedelta(days=40),
    )
    resident = User.objects.get(email=RESIDENT_EMAIL)
    comment(shelters, resident, "The cliff-top shelter by the pier: it is the one I wait in.")
    reported = comment(shelters, resident, "Shelters are a waste of money, sell them all.")
    # A town councillor with an account linked to their (sample) record answers officially, signed with their name.
    from allauth.account.models import EmailAddress

    from localism.models import Councillor

    member = User.objects.create_user(COUNCILLOR_EMAIL, DEMO_PASSWORD, display_name="Robin Sample")
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    Councillor.objects.create(
        name="Robin Sample (sample)",
        slug="robin-sample-sample",
        council=town,
        area=Place.objects.filter(slug="cromer-parish-sample").first(),
        party="Independent",
        email="robin.councillor@example.org",
        is_sample=True,
        user=member,
    )
    first = comment(shelters, resident, "Will the shelter by the bandstand get a new roof before the summer?")
    comment(
        shelters,
        member,
        "The roofs are the first job on the list, whichever shelters are chosen: the work starts in April.",
        parent=first,
        as_official=True,
    )
    neighbour = User.objects.get(email="pat@example.org")
    discussions.comment_report(comment=reported, reporter=neighbour, reason=Report.Reason.OFF_TOPIC)
    decision = Decision.objects.create(
        council=town,
        title="Christmas lights on Church Street",
        slug="cromer-christmas-lights-church-street",
        decision_date=(now - timedelta(days=20)).date(),
        decision_maker="Full town council",
        summary="Agreed to pay £2,400 for lights on Church Street this winter, with the traders paying a third.",
    )
    decision.places.set([cromer])

    # North Norfolk's nominations waiting for the district officer: one past its 8-week deadline.
    from transparency.models import AssetNomination

    group_member = User.objects.get(email=GROUP_EMAIL)
    for name, body, days_ago in [
        ("Cromer Bowls Club pavilion", "Cromer Bowls Club", 60),
        ("North Lodge Park café", "Friends of North Lodge Park", 10),
    ]:
        nomination = nominate(
            group_member,
            name=name,
            body=body,
            kind=AssetNomination.BodyKind.UNINCORPORATED,
            area="Cromer",
            members=40,
            address="North Lodge Park, Overstrand Road, Cromer",
            postcode="NR27 9ES",
            description="The building and the ground around it.",
            occupants="The club.",
            owners="North Norfolk District Council",
            community_value="Used every week by the club and by people who come to watch and talk.",
        )
        submitted = now - timedelta(days=days_ago)
        AssetNomination.objects.filter(pk=nomination.pk).update(
            submitted_at=submitted, decision_due=(submitted + timedelta(weeks=8)).date()
        )
    stdout.write(
        "Council staff: a parish clerk (Cromer Town Council: a consultation open with a reported comment, a draft, "
        "a decision and Cromer's community fund) and a district officer (North Norfolk's nominations)."
    )
