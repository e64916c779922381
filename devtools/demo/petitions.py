"""Demo petitions under Norfolk County Council's scheme: one open and signed across the county, one
answered, one debated at full council with its decision, and the resident's own waiting to be checked."""

from devtools.demo import RESIDENT_EMAIL, STAFF_EMAIL, register

SIGNERS = 24
BENCH_PETITION_TITLE = "Keep every mobile library stop (bench)"
BENCH_SIGNATURES = {"full": 100_000, "small": 10_000}
BENCH_PETITIONS = {"full": 2_000, "small": 200}


@register("petitions", order=70)
def seed(stdout, scale=None) -> None:
    import datetime

    from allauth.account.models import EmailAddress
    from django.utils import timezone

    from accounts.models import User
    from localism.core_content import load_councils
    from localism.models import Council, Place, Postcode, Responsibility
    from petitions import services
    from petitions.models import ExcludedMatter, PetitionScheme
    from petitions.schemes import load_schemes
    from transparency.models import Decision

    load_councils(Council, Responsibility, Place)
    load_schemes(PetitionScheme, ExcludedMatter, Council, Responsibility)
    norfolk = Council.objects.get(slug="norfolk-county-council")
    staff = User.objects.get(email=STAFF_EMAIL)
    resident = User.objects.get(email=RESIDENT_EMAIL)
    today = timezone.localdate()
    postcodes = [
        Postcode.objects.filter(district_code=district.ons_code).order_by("postcode").first()
        for district in Place.objects.districts().order_by("name")
    ]
    postcodes = [p.postcode for p in postcodes if p is not None]

    def opened(title: str, action: str, background: str, subject: str | None = None):
        petition = services.petition_start(
            by=resident,
            draft=services.PetitionDraft(
                council=norfolk,
                title=title,
                action=action,
                background=background,
                subject=Responsibility.objects.filter(slug=subject).first() if subject else None,
            ),
        )
        services.petition_submit(petition=petition, by=resident)
        return services.petition_open(petition=petition, by=staff)

    library = opened(
        "Keep Cromer library open on Saturday afternoons",
        "Keep Cromer library open until 4pm on Saturdays.",
        "Families and people who work in the week can only use the library at the weekend.",
        "libraries",
    )
    for index in range(SIGNERS):
        signer = User.objects.create(email=f"signer{index}@example.org", display_name=f"Signer {index} (demo)")
        EmailAddress.objects.create(user=signer, email=signer.email, verified=True, primary=True)
        services.petition_sign(
            petition=library,
            user=signer,
            postcode=postcodes[index % len(postcodes)],
            connection=("live", "work", "study")[index % 3],
        )
    services.paper_sheet_add(
        petition=library,
        district=Place.objects.get(slug="north-norfolk"),
        signatures=38,
        sheet_date=today - datetime.timedelta(days=1),
        note="Cromer market",
        by=staff,
    )
    services.petition_acknowledge(
        petition=library,
        by=staff,
        message="Thank you. The libraries team will report on Saturday opening to the Infrastructure and "
        "Development Committee.",
    )

    buses = opened(
        "Restore the evening bus between Holt and Norwich",
        "Restore the last evening bus from Norwich to Holt.",
        "Without it, people who work late in Norwich cannot get home.",
        "public-transport",
    )
    services.paper_sheet_add(
        petition=buses,
        district=Place.objects.get(slug="north-norfolk"),
        signatures=212,
        sheet_date=today,
        note="Holt library",
        by=staff,
    )
    services.petition_close(petition=buses, by=staff)
    services.petition_respond(
        petition=buses,
        by=staff,
        response="We will ask the operator to cost an evening journey and report back in three months.",
    )

    crossings = opened(
        "A safe crossing outside Wymondham High Academy",
        "Install a zebra crossing on the road outside Wymondham High Academy.",
        "Hundreds of pupils cross a busy road every morning.",
        "highways",
    )
    for sheet, count in enumerate((2000, 2000, 612)):
        services.paper_sheet_add(
            petition=crossings,
            district=Place.objects.get(slug="south-norfolk"),
            signatures=count,
            sheet_date=today - datetime.timedelta(days=3 - sheet),
            note="School gate collections",
            by=staff,
        )
    services.petition_close(petition=crossings, by=staff)
    services.petition_respond(
        petition=crossings, by=staff, response="The petition will be debated at the next meeting of full council."
    )
    services.petition_record_debate(
        petition=crossings,
        by=staff,
        debated_on=today,
        summary="Council agreed to fund a crossing from this year's road safety budget.",
        decision=Decision.objects.published().order_by("-decision_date").first(),
        meeting_url="https://www.norfolk.gov.uk/what-we-do-and-how-we-work/councillors-meetings-decisions-and-elections",
    )

    waiting = services.petition_start(
        by=resident,
        draft=services.PetitionDraft(
            council=norfolk,
            title="More benches along the Marriott's Way",
            action="Put a bench every mile along the Marriott's Way.",
            background="Older walkers need somewhere to rest.",
        ),
    )
    services.petition_submit(petition=waiting, by=resident)
    stdout.write("Petitions: 4 (open, answered, debated, and one being checked).")
    if scale:
        seed_bench(stdout, scale, opened=opened, postcodes=postcodes)


def seed_bench(stdout, scale, *, opened, postcodes) -> None:
    """One petition signed 100,000 times across the districts (a tenth at the small scale), and 2,000 more
    open ones for the county list."""
    import datetime

    from django.db.models import Count
    from django.utils import timezone

    from localism.models import Place
    from petitions.models import DistrictCount, Petition, Signature

    petition = opened(BENCH_PETITION_TITLE, "Keep every stop of the mobile library.", "For the benchmark.")
    districts = list(Place.objects.districts().order_by("name"))
    count = BENCH_SIGNATURES[scale]
    start = timezone.now() - datetime.timedelta(days=20)
    Signature.objects.bulk_create(
        (
            Signature(
                petition=petition,
                postcode=postcodes[n % len(postcodes)],
                district=districts[n % len(districts)],
                connection=("live", "work", "study")[n % 3],
                created_at=start + datetime.timedelta(seconds=n * 10),
            )
            for n in range(count)
        ),
        batch_size=10_000,
    )
    by_district = Signature.objects.filter(petition=petition).values("district").annotate(n=Count("id"))
    DistrictCount.objects.bulk_create(
        [DistrictCount(petition=petition, district_id=row["district"], online=row["n"]) for row in by_district]
    )
    Petition.objects.filter(pk=petition.pk).update(signature_count=count)
    Petition.objects.bulk_create(
        [
            Petition(
                creator_id=petition.creator_id,
                council_id=petition.council_id,
                title=f"Bench petition {n}",
                action="For the benchmark.",
                status=Petition.Status.OPEN,
                opened_at=start + datetime.timedelta(minutes=n),
                closes_at=timezone.now() + datetime.timedelta(weeks=8),
                signature_count=n % 500,
            )
            for n in range(BENCH_PETITIONS[scale])
        ],
        batch_size=1_000,
    )
    stdout.write(f"Petitions: one with {count:,} signatures and {BENCH_PETITIONS[scale]:,} more for the bench.")
