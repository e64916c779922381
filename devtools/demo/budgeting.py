from datetime import timedelta
from decimal import Decimal

from devtools.demo import GROUP_EMAIL, RESIDENT_EMAIL, STAFF_EMAIL, register

BENCH_ROUND_SLUG = "bench-norwich-fund"
BENCH_BALLOTS = {"full": 50_000, "small": 5_000}

PROJECTS = [
    (
        "Benches and planters on the seafront",
        "Six benches made by local woodworkers and planters of "
        "coastal flowers along the promenade, looked after by volunteers.",
        4500,
        "cromer",
        "Cromer Town Team",
    ),
    (
        "Free swimming lessons for children",
        "Twenty weeks of lessons for children from families on low incomes, at the leisure centre.",
        3800,
        "cromer",
        "Cromer Swimming Club",
    ),
    (
        "Community fridge at the church hall",
        "A fridge where shops and residents share surplus food, open five days a week.",
        2200,
        "cromer",
        "Cromer Community Larder",
    ),
    (
        "Defibrillator on the pier",
        "A public-access defibrillator with training sessions for pier staff and residents.",
        1800,
        "cromer",
        "Cromer Lifeboat Friends",
    ),
    (
        "Youth music workshops",
        "Weekly workshops for young people aged 11 to 18, with a concert in the summer.",
        3500,
        "cromer",
        "North Norfolk Youth Music",
    ),
]


@register("budgeting", order=60)
def seed(stdout, scale=None) -> None:
    from django.utils import timezone

    from accounts.models import User
    from budgeting.models import Project, Round
    from localism.models import Place
    from participation_codes.services import batch_create, printed

    now = timezone.now()
    cromer = Place.objects.get(slug="cromer")
    group = User.objects.get(email=GROUP_EMAIL)
    budget_round = Round.objects.create(
        title="Cromer community fund 2026",
        slug="cromer-community-fund-2026",
        summary="Cromer residents decide how £10,000 from the council's community budget is spent this year.",
        pot=Decimal("10000"),
        max_project_cost=Decimal("5000"),
        method=Round.Method.KNAPSACK,
        proposals_open=now - timedelta(days=60),
        checking_starts=now - timedelta(days=30),
        voting_opens=now - timedelta(days=2),
        voting_closes=now + timedelta(days=19),
    )
    budget_round.places.set([cromer])
    for title, description, cost, place_slug, organisation in PROJECTS:
        Project.objects.create(
            round=budget_round,
            title=title,
            description=description,
            cost=Decimal(cost),
            place=Place.objects.get(slug=place_slug),
            organisation=_group(organisation, group),
            proposer=group,
            status=Project.Status.ACCEPTED,
            checked_at=now - timedelta(days=10),
        )

    staff = User.objects.get(email=STAFF_EMAIL)
    _, codes = batch_create(target=budget_round, size=20, label="Handed out at the Cromer carnival", by=staff)
    stdout.write(
        "Budgeting: the Cromer community fund, voting open, with 5 projects and 20 one-time codes "
        f"(vote with {printed(codes[0])} at {budget_round.get_absolute_url()}vote/code/)."
    )
    seed_rounds_in_every_stage(stdout, group)

    if scale:
        seed_bench(stdout, scale, organisation=_group("Norwich Neighbourhood Projects", group), proposer=group)


def seed_bench(stdout, scale, *, organisation, proposer) -> None:
    """A closed Norwich round of 40 projects and 50,000 ballots (5,000 at the small scale), mixed as a count
    meets them: most cast online by signed-in residents, a fifth with one-time codes (each code used) and a
    tenth entered by staff from paper ballots, numbered."""
    from django.utils import timezone

    from budgeting.models import Ballot, BallotChoice, Project, Round
    from localism.models import Place
    from participation_codes.models import ParticipationCode
    from participation_codes.services import BATCH_MAX, batch_create

    now = timezone.now()
    norwich = Place.objects.get(slug="norwich")
    bench_round = Round.objects.create(
        title="Norwich neighbourhood fund (bench)",
        slug=BENCH_ROUND_SLUG,
        summary="A large round for the benchmark.",
        pot=Decimal("200000"),
        max_project_cost=Decimal("20000"),
        proposals_open=now - timedelta(days=90),
        checking_starts=now - timedelta(days=60),
        voting_opens=now - timedelta(days=30),
        voting_closes=now - timedelta(days=1),
    )
    bench_round.places.set([norwich])
    projects = Project.objects.bulk_create(
        [
            Project(
                round=bench_round,
                title=f"Neighbourhood project {n}",
                description="For the benchmark.",
                cost=Decimal(2000 + (n * 397) % 18000),
                place=norwich,
                organisation=organisation,
                proposer=proposer,
                status=Project.Status.ACCEPTED,
                created_at=now - timedelta(days=80, minutes=n),
            )
            for n in range(40)
        ]
    )
    count = BENCH_BALLOTS[scale]
    # Codes as staff make them (only their hashes are kept), all used: one code ballot each.
    for start in range(0, count // 5, BATCH_MAX):
        size = min(BATCH_MAX, count // 5 - start)
        batch_create(target=bench_round, size=size, label="Posted to Norwich households (bench)", by=None)
    ParticipationCode.objects.filter(batch__object_id=bench_round.pk).update(used_at=now - timedelta(days=2))

    def channel(n: int) -> dict:
        if n % 10 < 2:
            return {"channel": Ballot.Channel.CODE}
        if n % 10 == 2:
            return {"channel": Ballot.Channel.PAPER, "paper_number": f"{n:06d}"}
        return {}

    ballots = Ballot.objects.bulk_create(
        [Ballot(round=bench_round, voter_key=f"bench-{n:06d}", **channel(n)) for n in range(count)], batch_size=5000
    )
    choices = (
        BallotChoice(ballot=ballot, project=projects[(i * 7 + k * 11) % 40], channel=ballot.channel)
        for i, ballot in enumerate(ballots)
        for k in range(1 + i % 6)
    )
    BallotChoice.objects.bulk_create(choices, batch_size=10000)
    stdout.write(
        f"Budgeting: a round of 40 projects with {count} ballots (online, with codes, on paper) for the bench."
    )


def seed_rounds_in_every_stage(stdout, group) -> None:
    """Norwich rounds from upcoming to results published (the Cromer round is in voting): a proposal waiting
    to be checked, one declined with a reason, and the results of a counted round."""
    from django.utils import timezone

    from accounts.models import User
    from budgeting import services
    from budgeting.models import Project, Round
    from localism.models import Place

    now = timezone.now()
    norwich = Place.objects.get(slug="norwich")
    staff = User.objects.get(email=STAFF_EMAIL)
    resident = User.objects.get(email=RESIDENT_EMAIL)
    organisation = _group("Age Well North Norfolk", group)

    def round_(stage: str, opened_days_ago: int) -> Round:
        start = now - timedelta(days=opened_days_ago)
        budget_round = Round.objects.create(
            title=f"Norwich neighbourhood fund: {stage}",
            slug=f"norwich-{stage}",
            summary="Norwich residents decide how £8,000 is spent on their neighbourhoods.",
            pot=Decimal("8000"),
            max_project_cost=Decimal("4000"),
            proposals_open=start,
            checking_starts=start + timedelta(days=30),
            voting_opens=start + timedelta(days=40),
            voting_closes=start + timedelta(days=60),
        )
        budget_round.places.set([norwich])
        return budget_round

    def project(budget_round: Round, title: str, status: str = Project.Status.ACCEPTED) -> Project:
        return Project.objects.create(
            round=budget_round,
            title=title,
            description=f"{title}, run by local volunteers.",
            cost=Decimal("2500"),
            place=norwich,
            organisation=organisation,
            proposer=group,
            status=status,
        )

    round_("upcoming", -10)
    project(round_("proposals", 5), "Planters on Magdalen Street", Project.Status.SUBMITTED)
    project(round_("checking", 35), "Repair cafe at the library", Project.Status.SUBMITTED)
    voting = round_("voting", 45)
    project(voting, "Bird boxes in Eaton Park")
    project(voting, "Lunch club minibus")
    round_("counting", 65)
    results = round_("results", 70)
    funded = project(results, "Benches on Riverside Walk")
    project(results, "Skate park lighting")
    declined = project(results, "A new bandstand", Project.Status.SUBMITTED)
    services.project_check(project=declined, by=staff, accept=False, reason="It costs more than the pot.")
    services.ballot_cast(round=results, user=resident, project_ids=[funded.pk])
    services.paper_ballot_enter(round=results, number="0001", project_ids=[funded.pk], by=staff)
    services.round_publish_results(round=results, by=staff)
    stdout.write("Budgeting: Norwich rounds in every stage, from upcoming to results published.")


def _group(name: str, member):
    """A verified group in the directory, with the demo group member in it."""
    from django.utils.text import slugify

    from directory.models import Membership, Organisation

    organisation, _ = Organisation.objects.get_or_create(
        slug=slugify(name),
        defaults={
            "name": name,
            "kind": Organisation.Kind.COMMUNITY_GROUP,
            "status": Organisation.Status.VERIFIED,
            "description": f"{name} is run by local volunteers.",
        },
    )
    Membership.objects.get_or_create(organisation=organisation, user=member, defaults={"role": Membership.Role.OWNER})
    return organisation
