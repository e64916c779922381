"""Demo budget simulators: the county's budget consultation open now (balance £12 million across six
services, or raise council tax), and last year's, closed, with budgets from sample residents and the
council's final budget decision linked to what they chose."""

import datetime as dt

from devtools.demo import DEMO_PASSWORD, STAFF_EMAIL, register

SERVICES = [
    # (name, current budget, step, cuts (one step down first), increases)
    (
        "Libraries",
        16_000_000,
        500_000,
        ["2 fewer mobile library stops a week", "Libraries open 4 fewer hours a week", "3 branch libraries close"],
        ["Sunday opening at 5 main libraries"],
    ),
    (
        "Adult social care",
        290_000_000,
        2_000_000,
        ["120 fewer home care packages", "240 fewer home care packages"],
        ["50 more home care packages", "100 more home care packages", "150 more home care packages"],
    ),
    (
        "Roads and pavements",
        38_000_000,
        1_000_000,
        ["15 fewer miles of road resurfaced", "30 fewer miles resurfaced", "Potholes take 4 weeks, not 1"],
        ["15 more miles of road resurfaced"],
    ),
    (
        "Children's centres and early help",
        24_000_000,
        1_000_000,
        ["4 children's centres become part-time", "8 children's centres become part-time"],
        ["300 more families get early help"],
    ),
    (
        "Recycling centres",
        20_000_000,
        500_000,
        ["Recycling centres close 1 day a week", "Recycling centres close 2 days a week", "2 recycling centres close"],
        [],
    ),
    (
        "Community transport and buses",
        12_000_000,
        500_000,
        ["5 rural bus routes run less often", "10 rural bus routes run less often"],
        ["2 new dial-a-ride areas"],
    ),
]
# (steps per service, council tax steps, district slug) for the closed exercise's sample budgets
BUDGETS = [
    ([-1, -2, 0, 0, -1, 0], 3, "north-norfolk"),
    ([-2, -1, -1, 0, -1, 0], 3, "north-norfolk"),
    ([0, -2, -1, -1, -2, 0], 3, "broadland"),
    ([-1, 0, -2, 0, -1, -1], 4, "norwich"),
    ([-1, -1, -1, 0, 0, -1], 4, "norwich"),
    ([-3, 0, 0, 0, -3, 0], 4, "breckland"),
    ([0, -1, -1, -1, -1, -1], 3, "south-norfolk"),
    ([-1, -2, -1, 0, 0, 0], 3, None),
]


@register("budget_simulator", order=85)
def seed(stdout, scale=None) -> None:
    from allauth.account.models import EmailAddress
    from django.utils import timezone

    from accounts.models import User
    from budget_simulator import services
    from budget_simulator.models import BudgetSimulator, ServiceArea
    from consultations.models import Consultation
    from localism.models import Council, Place, Postcode

    now, today = timezone.now(), timezone.localdate()
    staff = User.objects.get(email=STAFF_EMAIL)
    council = Council.objects.filter(tier=Council.Tier.COUNTY).first()
    county = Place.objects.filter(kind=Place.Kind.COUNTY).first()

    def exercise(slug, title, opens, closes) -> BudgetSimulator:
        consultation = Consultation.objects.create(
            title=title,
            slug=slug,
            summary="Help us set next year's budget: choose where the council should save money, and whether "
            "council tax should rise.",
            body="The council must find **£12 million** of savings next year. Try balancing the budget yourself: "
            "every choice shows what it would mean for people and services.",
            commissioning="No new service: the council's budget for the whole county.",
            council=council,
            decision_maker="Full Council",
            decision_expected_on=today + dt.timedelta(days=90),
            opens_at=opens,
            closes_at=closes,
            published_at=opens,
            published_by=staff,
        )
        if county:
            consultation.places.add(county)
        simulator = BudgetSimulator.objects.create(
            consultation=consultation,
            title="Balance the budget",
            introduction="Demand for adult social care and children's services keeps rising faster than the "
            "money the council receives. Each 1% on council tax raises about £5 million.",
            saving_required=12_000_000,
            council_tax_step_pounds=2_500_000,
            council_tax_band_d_pence=873,
            council_tax_max_steps=4,
        )
        for position, (name, budget, step, cuts, increases) in enumerate(SERVICES):
            ServiceArea.objects.create(
                simulator=simulator,
                position=position,
                name=name,
                current_budget=budget,
                step_pounds=step,
                cuts=cuts,
                increases=increases,
            )
        return simulator

    exercise(
        "budget-2027-28",
        "Norfolk's budget for 2027 to 2028",
        now - dt.timedelta(days=10),
        now + dt.timedelta(days=35),
    )
    last_year = exercise(
        "budget-2026-27",
        "Norfolk's budget for 2026 to 2027",
        now - dt.timedelta(days=120),
        now - dt.timedelta(days=60),
    )
    # Budgets are taken while the consultation is open: open it for a moment to add last year's.
    closes_at = last_year.consultation.closes_at
    Consultation.objects.filter(pk=last_year.consultation_id).update(closes_at=now + dt.timedelta(hours=1))
    last_year.consultation.refresh_from_db()
    service_list = list(last_year.services.all())
    postcodes = {p.district_code: p.postcode for p in Postcode.objects.all()}
    for number, (steps, tax, district_slug) in enumerate(BUDGETS, 1):
        person = User.objects.create_user(
            f"budget.sample{number}@example.org", DEMO_PASSWORD, display_name=f"Sample resident {number}"
        )
        EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
        district = Place.objects.filter(slug=district_slug).first() if district_slug else None
        services.budget_submit(
            simulator=last_year,
            respondent=person,
            steps={s.pk: n for s, n in zip(service_list, steps, strict=True)},
            council_tax_steps=tax,
            postcode=postcodes.get(district.ons_code, "") if district else "",
        )
    Consultation.objects.filter(pk=last_year.consultation_id).update(closes_at=closes_at)
    last_year.consultation.refresh_from_db()
    services.simulator_record_decision(
        simulator=last_year,
        by=staff,
        decided_on=(now - dt.timedelta(days=30)).date(),
        decision_maker="Full Council",
        summary="Council tax rises by 2.99%. Libraries keep their opening hours; recycling centres close one day "
        "a week; adult social care savings come from new ways of working, not fewer care packages.",
    )
    stdout.write(
        f"Budget simulators: 2 (one open, one closed with {len(BUDGETS)} sample budgets and its budget decision)."
    )
