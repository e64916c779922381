"""Demo content for transparency, and the bench's 1,000,000 spending records (loaded with COPY)."""

from __future__ import annotations

import datetime
import io
import random
import time

from django.db import connection
from django.utils import timezone
from django.utils.text import slugify

from devtools.demo import GROUP_EMAIL, STAFF_EMAIL, nominate, register

BENCH_SPENDING = {"full": 1_000_000, "small": 100_000}


@register("transparency", order=50)
def seed(stdout, scale=None) -> None:
    from accounts.models import User
    from devtools import sample_data
    from localism.models import Council, Place, Topic
    from localism.services import dataset_import
    from transparency import services
    from transparency.models import AssetNomination, ChallengeWindow, Dataset, Decision, SpendingRecord

    staff = User.objects.get(email=STAFF_EMAIL)
    group_member = User.objects.get(email=GROUP_EMAIL)

    for dataset, name, data in (
        (Dataset.SPENDING, "spending-2025-q2-q3.csv", sample_data.earlier_quarters_csv()),
        (Dataset.CONTRACTS, "contracts.csv", sample_data.contracts_csv()),
        (Dataset.GRANTS, "grants.csv", sample_data.grants_csv()),
    ):
        result = dataset_import(dataset=dataset, file_name=name, data=data, by=staff)
        if not result.succeeded:
            raise RuntimeError(f"The demo {name} did not import: {result.batch.errors[:3]}")
    # Attribute some spending to districts, so place pages show it.
    districts = list(Place.objects.districts().values_list("pk", flat=True))
    if districts:
        for index, pk in enumerate(SpendingRecord.objects.values_list("pk", flat=True)[:600]):
            SpendingRecord.objects.filter(pk=pk).update(place_id=districts[index % len(districts)])

    places = {place.slug: place for place in Place.objects.all()}
    topics = {topic.name: topic for topic in Topic.objects.all()}
    decisions = [
        (
            "Library opening hours from April 2026",
            datetime.date(2026, 2, 10),
            "Cabinet",
            "Cabinet agreed new opening hours for 47 libraries after the consultation, keeping Saturday "
            "afternoons open in market towns and adding two late evenings in Norwich.\n\n"
            "**Why:** most of the 3,200 people who responded asked for evening opening.",
            "library-opening-hours",
            ["norwich", "great-yarmouth", "kings-lynn"],
            ["Libraries and culture"],
        ),
        (
            "Community transport grants for rural North Norfolk",
            datetime.date(2026, 1, 20),
            "Executive Director of Community and Environmental Services",
            "Awarded £640,000 over three years to community transport schemes covering villages without a daily bus.",
            "",
            ["north-norfolk", "cromer"],
            ["Transport"],
        ),
        (
            "Winter gritting routes 2025 to 2026",
            datetime.date(2025, 10, 1),
            "Cabinet Member for Highways, Infrastructure and Transport",
            "Approved the priority gritting network of 2,100 miles, adding routes to three village schools.",
            "",
            ["breckland", "south-norfolk"],
            ["Transport"],
        ),
    ]
    for title, date, maker, summary, consultation, place_slugs, topic_names in decisions:
        decision = Decision.objects.create(
            title=title,
            slug=slugify(title)[:200],
            decision_date=date,
            decision_maker=maker,
            summary=summary,
            consultation_slug=consultation,
            consultation_url=f"/consultations/{consultation}/" if consultation else "",
            consultation_title="Library opening hours consultation" if consultation else "",
        )
        decision.places.set([places[slug] for slug in place_slugs if slug in places])
        decision.topics.set([topics[name] for name in topic_names if name in topics])

    _seed_notices(places)

    assets = [
        (
            "The Red Lion",
            "12 Church Street, Cromer",
            "NR27 9ES",
            "The pub building, its car park and garden, as marked on the plan with the nomination.",
            "The last pub in the town centre; it hosts the darts league, the folk club and the lifeboat crew's "
            "fundraising.",
            "Cromer Town Council",
            AssetNomination.BodyKind.PARISH_COUNCIL,
            "listed",
        ),
        (
            "Mundesley Village Hall",
            "Cromer Road, Mundesley",
            "NR11 8BE",
            "The hall and the playing field behind it.",
            "Used every day by the playgroup, the lunch club for older people and the youth club.",
            "Friends of Mundesley Hall",
            AssetNomination.BodyKind.CHARITY,
            "listed",
        ),
        (
            "Former Post Office, Swaffham",
            "5 Market Place, Swaffham",
            "PE37 7AB",
            "The ground floor shop and the yard.",
            "Was the post office until 2019.",
            "Swaffham Community Group",
            AssetNomination.BodyKind.UNINCORPORATED,
            "not_listed",
        ),
        (
            "Dereham Allotments",
            "Hall Road, Dereham",
            "NR19 2AB",
            "Forty allotment plots and the track to them.",
            "Forty households grow food here; the school keeps a plot for its gardening club.",
            "Dereham Allotment Society",
            AssetNomination.BodyKind.COMMUNITY_BENEFIT_SOCIETY,
            "submitted",
        ),
    ]
    for name, address, postcode, description, value, body, kind, outcome in assets:
        nomination = nominate(
            group_member,
            name=name,
            body=body,
            kind=kind,
            area="this area",
            address=address,
            postcode=postcode,
            description=description,
            occupants="The current tenant.",
            owners="Not known",
            community_value=value,
        )
        if outcome == "submitted":
            continue
        services.nomination_decide(
            nomination=nomination,
            is_listed=outcome == "listed",
            reasons=(
                "The main use furthers the social wellbeing of the community and can continue."
                if outcome == "listed"
                else "The building has not been used for community purposes in the recent past, and there is no "
                "realistic prospect of such use within 5 years."
            ),
            decided_on=timezone.localdate(),
            by=staff,
        )
        if name == "The Red Lion":
            services.disposal_notice_record(
                nomination=nomination, notified_on=timezone.localdate(), notes="Owner intends to sell.", by=staff
            )
    today = timezone.localdate()
    ChallengeWindow.objects.create(
        title="Youth services, 2025",
        services="Youth clubs and detached youth work run by the county.",
        opens_on=today - datetime.timedelta(days=400),
        closes_on=today - datetime.timedelta(days=300),
    )
    window = ChallengeWindow.objects.create(
        title="Library and community services, 2026",
        council=Council.objects.get(tier=Council.Tier.COUNTY),
        services="Branch libraries, mobile libraries and community information points.",
        opens_on=today - datetime.timedelta(days=30),
        closes_on=today + datetime.timedelta(days=60),
    )
    expression = services.challenge_submit(
        window=window,
        by=group_member,
        body_name="Holt Community Library Trust",
        body_kind="charitable_trust",
        service="Holt branch library",
        area="Holt and the surrounding villages",
        financial_resources="Reserves of £40,000 and a pledge from the town council.",
        capability="Volunteers who already run the library's reading groups; a retired librarian as chair.",
        outcomes_for_users="Longer opening hours, including Saturdays.",
        outcomes_for_wellbeing="A warm, staffed space for older people and young families.",
    )
    services.challenge_decide(
        expression=expression,
        status="modified",
        reasons="Accepted on condition that the library stays part of the county's catalogue and loans network.",
        decided_on=today,
        by=staff,
    )
    stdout.write(
        "Transparency: spending, contracts and grants imported; 3 decisions, 4 asset nominations, "
        "Right to Challenge windows open and closed. "
        "Sample files to import in the admin are in devtools/sample_files/."
    )
    if scale in BENCH_SPENDING:
        seed_bench_spending(stdout, BENCH_SPENDING[scale])


def _seed_notices(places) -> None:
    """Public notices from three tiers: a town council meeting, the district's accounts, a county road closure."""
    from localism.dates import earliest_meeting_day
    from localism.models import Council
    from transparency.models import Notice

    today = timezone.localdate()
    published = today - datetime.timedelta(days=1)
    meeting_day = earliest_meeting_day(published) + datetime.timedelta(days=2)
    councils = {council.slug: council for council in Council.objects.all()}
    notices = [
        (
            "cromer-town-council",
            Notice.Kind.MEETING,
            "Meeting of the full town council",
            "The full council meets to consider the items on the agenda below. Members of the public may attend "
            "and speak in the public participation session at the start of the meeting.\n\n"
            "**Agenda:** apologies; declarations of interest; minutes of the last meeting; the North Lodge Park "
            "play area; the Christmas lights; payments for approval.",
            timezone.make_aware(datetime.datetime.combine(meeting_day, datetime.time(19, 0))),
            "The Parish Hall, Church Street, Cromer",
            ["cromer"],
        ),
        (
            "north-norfolk-district-council",
            Notice.Kind.ACCOUNTS,
            "Notice of the public's rights to inspect the accounts",
            "Any person interested may inspect and copy the accounts for the year and the documents relating to "
            "them, for 30 working days, by arrangement with the Chief Financial Officer.",
            None,
            "",
            ["north-norfolk"],
        ),
        (
            "norfolk-county-council",
            Notice.Kind.ROADS,
            "Temporary road closure: Holt Road, Cromer",
            "Holt Road will be closed between the Roughton Road junction and Cromer Hall for resurfacing, for up "
            "to five days. The signed diversion is by the A148 and the B1436.",
            None,
            "",
            ["cromer"],
        ),
    ]
    for council_slug, kind, title, body, meeting_at, venue, place_slugs in notices:
        if council_slug not in councils:
            continue
        notice = Notice.objects.create(
            council=councils[council_slug],
            kind=kind,
            title=title,
            slug=slugify(f"{title} {published:%Y %m %d}")[:250],
            body=body,
            published_on=published,
            display_until=today + datetime.timedelta(days=30),
            meeting_at=meeting_at,
            venue=venue,
        )
        notice.places.set([places[slug] for slug in place_slugs if slug in places])


def seed_bench_spending(stdout, count: int, *, seed_value: int = 1) -> None:
    """COPY `count` spending records straight into the table (indexes rebuilt after, which is faster)."""
    from devtools import sample_data
    from localism.models import Place
    from transparency import services
    from transparency.models import SpendingRecord

    started = time.monotonic()
    rng = random.Random(seed_value)
    table = SpendingRecord._meta.db_table
    districts = list(Place.objects.districts().values_list("pk", flat=True)) or [None]
    suppliers = [
        (f"{prefix} {name}", kind, number)
        for prefix in ("", "North", "South", "East", "West", "Central", "Coastal", "Rural", "City", "County")
        for name, kind, number in sample_data.SUPPLIERS
    ]
    suppliers = [(name.strip(), kind, number) for name, kind, number in suppliers]
    from transparency.imports import SPENDING_FIELDS, supplier_slug

    slugs = {name: supplier_slug(name) for name, _, _ in suppliers}
    today = timezone.localdate()
    first_day = today - datetime.timedelta(days=3 * 365)
    columns = [SpendingRecord._meta.get_field(name).column for name in SPENDING_FIELDS]
    with connection.cursor() as cursor:
        cursor.execute(
            # Plain indexes only: those backing a constraint (primary key, unique key) stay.
            "SELECT indexname, indexdef FROM pg_indexes i WHERE tablename = %s "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
            [table],
        )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        batch = 100_000
        for offset in range(0, count, batch):
            buffer = io.StringIO()
            for index in range(offset, min(offset + batch, count)):
                area, unit, expense_types = rng.choice(sample_data.SERVICE_AREAS)
                supplier, kind, number = rng.choice(suppliers)
                amount = max(500.0, min(500 * rng.lognormvariate(1.6, 1.2), 400_000))
                if rng.random() < 0.03:
                    amount = -amount
                day = first_day + datetime.timedelta(days=rng.randrange(3 * 365))
                place = districts[index % len(districts)] if index % 3 == 0 else None
                buffer.write(
                    f"bench-{index}\tNorfolk County Council\t{unit}\t{supplier}\t{slugs[supplier]}\t\t"
                    f"{kind}\t{number}\t"
                    f"{day.isoformat()}\t{amount:.2f}\t0.00\t{rng.choice(expense_types)}\t{9_000_000 + index}\t"
                    f"{rng.choice(expense_types)}\t{area}\t\t{'t' if index % 20 == 0 else 'f'}\t"
                    f"{place if place is not None else chr(92) + 'N'}\n"
                )
            buffer.seek(0)
            cursor.copy_expert(f'COPY "{table}" ({", ".join(columns)}) FROM STDIN', buffer)
        # Check the deferred foreign keys now: an index cannot be built with their checks pending.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for _, definition in indexes:
            cursor.execute(definition)
        cursor.execute(f'ANALYZE "{table}"')
    services.spending_facets_refresh()
    stdout.write(f"Bench: {count:,} spending records in {time.monotonic() - started:.0f} s.")
