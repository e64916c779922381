from datetime import timedelta
from decimal import Decimal

from devtools.demo import GROUP_EMAIL, register

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
    from budgeting.models import Ballot, BallotChoice, Project, Round
    from localism.models import Place

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

    stdout.write("Budgeting: the Cromer community fund, voting open, with 5 projects.")

    if scale:
        norwich = Place.objects.get(slug="norwich")
        bench_group = _group("Norwich Neighbourhood Projects", group)
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
                    organisation=bench_group,
                    proposer=group,
                    status=Project.Status.ACCEPTED,
                    created_at=now - timedelta(days=80, minutes=n),
                )
                for n in range(40)
            ]
        )
        count = BENCH_BALLOTS[scale]
        ballots = Ballot.objects.bulk_create(
            [Ballot(round=bench_round, voter_key=f"bench-{n:06d}") for n in range(count)], batch_size=5000
        )
        choices = (
            BallotChoice(ballot=ballot, project=projects[(i * 7 + k * 11) % 40])
            for i, ballot in enumerate(ballots)
            for k in range(1 + i % 6)
        )
        BallotChoice.objects.bulk_create(choices, batch_size=10000)
        stdout.write(f"Budgeting: a round of 40 projects with {count} ballots for the bench.")


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
