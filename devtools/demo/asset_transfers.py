"""Demo community asset transfers: an application at every stage, from an expression of interest waiting
for the council to a lease signed, one refused; the demo group's own waits for its business case."""

from devtools.demo import GROUP_EMAIL, STAFF_EMAIL, demo_file, register

# (asset, address, town slug, council slug, group, stage reached, approved?)
APPLICATIONS = [
    (
        "Holt Road Scout Hut",
        "Holt Road, Cromer",
        "cromer",
        "north-norfolk-district-council",
        "North Norfolk Community Larders",
        "interest",
        True,
    ),
    (
        "Cromer Old Lifeboat Store",
        "The Gangway, Cromer",
        "cromer",
        "north-norfolk-district-council",
        "Age Well North Norfolk",
        "business_case",
        True,
    ),
    (
        "Swaffham Bowls Pavilion",
        "Brandon Road, Swaffham",
        "swaffham",
        "breckland-council",
        "Swaffham Men's Shed",
        "assessment",
        True,
    ),
    (
        "Acle Recreation Ground Pavilion",
        "Bridewell Lane, Acle",
        "acle",
        "broadland-district-council",
        "Acle Community Association",
        "decision",
        False,
    ),
    (
        "Wymondham Old Library",
        "Market Street, Wymondham",
        "wymondham",
        "norfolk-county-council",
        "Wymondham Arts Centre",
        "decision",
        True,
    ),
    (
        "Thetford Riverside Youth Centre",
        "Riverside Walk, Thetford",
        "thetford",
        "norfolk-county-council",
        "Mid Norfolk Youth Trust",
        "transfer",
        True,
    ),
]


@register("asset_transfers", order=75)
def seed(stdout, scale=None) -> None:
    from django.utils import timezone

    from accounts.models import User
    from asset_transfers import services
    from directory.models import Membership, Organisation
    from localism.models import Council, Place
    from transparency.selectors import decided_asset_nominations

    staff = User.objects.get(email=STAFF_EMAIL)
    group_user = User.objects.filter(email=GROUP_EMAIL).first()
    listed = decided_asset_nominations().filter(status="listed").order_by("pk").first()
    today = timezone.localdate()
    made = 0
    for asset, address, town, council_slug, group, stage, approved in APPLICATIONS:
        organisation = Organisation.objects.filter(name=group).first()
        place = Place.objects.filter(slug=town).first()
        council = Council.objects.filter(slug=council_slug).first()
        if organisation is None or place is None or council is None:
            continue
        applicant = (
            group_user
            if group_user and Membership.objects.filter(organisation=organisation, user=group_user).exists()
            else staff
        )
        application = services.application_submit(
            by=applicant,
            organisation=organisation,
            council=council,
            asset_name=asset,
            address=address,
            place=place,
            proposal=f"{group} would open {asset} to local groups every day, run by volunteers, with a café "
            "paying for its upkeep.",
            community_benefit="A warm, accessible place to meet, with activities for young and older people.",
            tenure_sought="freehold" if stage == "transfer" else "lease",
            community_value=listed if asset == "Cromer Old Lifeboat Store" else None,
        )
        application_move_on(
            application,
            to=stage,
            staff=staff,
            applicant=applicant,
            note="Please send a business case with a five-year budget and a building condition survey.",
            business_case=_file("business-case.pdf"),
            decision={
                "is_approved": approved,
                "reasons": (
                    "The business case shows the building will be well used and kept in good repair."
                    if approved
                    else "The pavilion is needed for the council's own sports provision; we will help the "
                    "association find another building."
                ),
                "decided_on": today,
                "decision_maker": "Cabinet",
            },
            completion={
                "tenure": "freehold",
                "completed_on": today,
                "note": "The transfer completed; the group now owns the building.",
            },
        )
        made += 1
    stdout.write(f"Community asset transfers: {made}, one at each stage.")


def application_move_on(
    application, *, to: str, staff, applicant, note: str, business_case, decision, completion=None
):
    """Moves an expression of interest on through the services, one stage at a time, to the stage `to`.

    The council asks for a business case (`note`), the group sends it (`business_case`, a file), the council
    decides (`decision`: is_approved, reasons, decided_on, decision_maker) and the transfer completes
    (`completion`: tenure, completed_on, note).
    """
    from asset_transfers import services
    from asset_transfers.models import STAGE_ORDER

    steps = STAGE_ORDER.index(to)
    if steps >= 1:
        application = services.application_accept_interest(application=application, by=staff, note=note)
    if steps >= 2:
        services.application_document_add(
            application=application, by=applicant, title="Business case", file=business_case
        )
        application = services.application_submit_business_case(application=application, by=applicant)
    if steps >= 3:
        application = services.application_decide(application=application, by=staff, **decision)
    if steps >= 4:
        application = services.application_complete(application=application, by=staff, **completion)
    return application


def _file(name: str):
    from django.core.files.base import ContentFile

    return ContentFile(demo_file("sample-business-case.pdf").read(), name=name)
