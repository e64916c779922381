"""Demo partnerships: a community partnership for North Norfolk and the county's voluntary sector assembly
(marked as sample data), with members in every sector, priorities linked to a consultation, a budgeting
round, a contract and payments, meetings with papers and minutes, and an action log."""

from devtools.demo import STAFF_EMAIL, demo_file, register

# (sector, organisation kind to pick from the directory or None, person's name, role, sex, age band)
MEMBERS = [
    ("public", None, "Alex Sample", "Chair", "female", "45-54"),
    ("public", None, "Sam Example", "", "male", "55-64"),
    ("public", None, "Lee Sample", "", "male", "45-54"),
    ("business", None, "Jo Sample", "", "female", "35-44"),
    ("business", None, "Max Example", "", "male", "45-54"),
    ("voluntary", "charity", "Kim Sample", "Vice-chair", "female", "65-74"),
    ("voluntary", "community_group", "", "", "female", "25-34"),
    ("voluntary", "charity", "", "", "male", "55-64"),
    ("voluntary", None, "Pat Example", "", "male", "65-74"),
    ("residents", None, "Chris Sample", "", "female", "16-24"),
    ("residents", None, "Robin Example", "", "female", "75-plus"),
    ("residents", None, "Ash Example", "", "", ""),
]

# A priority's progress reports: (days ago, status, what happened).
PROGRESS = [
    (120, "not_started", "Agreed as a priority."),
    (20, "on_track", "The consultation has closed and the new service is commissioned."),
]


@register("partnerships", order=77)
def seed(stdout, scale=None) -> None:
    import datetime

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from accounts.models import User
    from budgeting.models import Round
    from consultations.models import Consultation
    from directory.models import Organisation
    from localism.models import Council, Place
    from partnerships.models import Action, Meeting, MeetingPaper, Member, Partnership, Priority, PriorityUpdate
    from transparency.models import Contract, SpendingRecord

    staff = User.objects.get(email=STAFF_EMAIL)
    today = timezone.localdate()
    now = timezone.now()
    north_norfolk = Partnership.objects.create(
        name="North Norfolk Community Partnership (sample)",
        slug="north-norfolk-community-partnership",
        kind=Partnership.Kind.COMMUNITY,
        council=Council.objects.get(slug="north-norfolk-district-council"),
        summary="Public services, local businesses, charities and residents of North Norfolk agreeing what matters "
        "most locally (sample data for the demonstration).",
        about="The successor of the Local Strategic Partnership. It meets four times a year in public; anyone may "
        "come and listen.",
        is_published=True,
    )
    north_norfolk.places.add(Place.objects.get(slug="north-norfolk"))
    assembly = Partnership.objects.create(
        name="Norfolk Voluntary Sector Assembly (sample)",
        slug="norfolk-voluntary-sector-assembly",
        kind=Partnership.Kind.ASSEMBLY,
        council=Council.objects.get(slug="norfolk-county-council"),
        summary="Charities, community groups and social enterprises speaking together to the councils (sample).",
        is_published=True,
    )
    assembly.places.add(Place.objects.get(slug="norfolk"))

    organisations = {}
    for kind in ("charity", "community_group"):
        organisations[kind] = list(Organisation.objects.filter(kind=kind, status="verified").order_by("name")[:3])
    for index, (sector, kind, name, role, sex, age) in enumerate(MEMBERS):
        choices = organisations.get(kind) or [None]
        organisation = choices[index % len(choices)] if kind else None
        if kind and organisation is None:
            continue
        Member.objects.create(
            partnership=north_norfolk,
            sector=sector,
            organisation=organisation,
            name=name,
            name_is_public=bool(role),
            role=role,
            joined_on=today - datetime.timedelta(days=400),
            sex=sex,
            age_band=age,
        )
    for organisation in organisations["charity"] + organisations["community_group"]:
        Member.objects.create(partnership=assembly, sector="voluntary", organisation=organisation)

    transport = Priority.objects.create(
        partnership=north_norfolk,
        title="Getting to services without a car",
        description="Community transport for villages without a daily bus.",
        position=1,
    )
    transport.consultations.set(Consultation.objects.filter(slug="community-transport-service"))
    transport.contracts.set(Contract.objects.order_by("start_date", "pk")[:1])
    transport.payments.set(SpendingRecord.objects.order_by("payment_date", "pk")[:3])
    for days_ago, status, note in PROGRESS:
        PriorityUpdate.objects.create(
            priority=transport,
            reported_on=today - datetime.timedelta(days=days_ago),
            status=status,
            note=note,
            added_by=staff,
        )
    places_to_meet = Priority.objects.create(
        partnership=north_norfolk,
        title="Warm, welcoming places to meet",
        description="Community buildings open in the day and the evening.",
        position=2,
    )
    places_to_meet.budgeting_rounds.set(Round.objects.visible().order_by("pk")[:1])

    past = Meeting.objects.create(
        partnership=north_norfolk,
        title="Partnership board",
        starts_at=now - datetime.timedelta(days=30),
        location="Council offices, Holt Road, Cromer",
        agenda="1. Welcome\n2. Progress on the priorities\n3. Any other business",
        minutes="The board heard progress on community transport and agreed the actions below.",
    )
    report = ContentFile(demo_file("sample-neighbourhood-plan.pdf").read(), name="progress-report.pdf")
    MeetingPaper.objects.create(meeting=past, title="Progress report", file=report, uploaded_by=staff)
    Meeting.objects.create(
        partnership=north_norfolk,
        title="Partnership board",
        starts_at=now + datetime.timedelta(days=60),
        location="Online (Teams)",
    )
    for description, owner, due_in_days, status, priority in (
        ("Map the villages without a daily bus", "Community transport group", 30, "planned", transport),
        ("List community buildings with daytime space", "Voluntary sector members", -5, "in-progress", places_to_meet),
    ):
        Action.objects.create(
            partnership=north_norfolk,
            description=description,
            owner=owner,
            due_on=today + datetime.timedelta(days=due_in_days),
            status=status,
            priority=priority,
            agreed_at=past,
        )
    stdout.write(
        "Partnerships: 2 (a community partnership and the voluntary sector assembly), with members, "
        "priorities linked to spending, meetings and an action log."
    )
