"""Demo neighbourhood plans: made-up parishes (marked as sample data) with a plan at every stage, including
a consultation open now and a referendum that did not support its plan."""

import datetime

from devtools.demo import STAFF_EMAIL, demo_file, register

# (parish, district slug, stage reached, share voting yes)
PLANS = [
    ("Cromer parish (sample)", "north-norfolk", "made", "88.6"),
    ("Aldborough (sample)", "north-norfolk", "designated", None),
    ("Reepham (sample)", "broadland", "pre_submission", None),
    ("Ashill (sample)", "breckland", "submitted", None),
    ("Brancaster (sample)", "kings-lynn-and-west-norfolk", "examination", None),
    ("Ditchingham (sample)", "south-norfolk", "referendum", "91.2"),
    ("Filby (sample)", "great-yarmouth", "referendum", "46.3"),
]


def plan_move_on(plan, *, to: str, by, start: datetime.date, days: tuple[int, ...], referendum: tuple, **options):
    """Moves a designated plan on through the services, one stage at a time, to the stage `to`.

    `days` after `start`: the consultation opens and closes, the plan is submitted, examined, put to the
    referendum and made; `referendum` is (turnout, share voting yes). `options` may name the consultation's
    web page (consultation_url), the examiner, and `documents`: {stage: (title, file)} published on reaching it.
    """
    from neighbourhood_plans import services
    from neighbourhood_plans.models import STAGE_ORDER

    opens, closes, submitted, examined, held, made = (start + datetime.timedelta(days=d) for d in days)
    turnout, yes_share = referendum
    steps = [
        lambda plan: services.plan_open_consultation(
            plan=plan, by=by, opens_on=opens, closes_on=closes, consultation_url=options.get("consultation_url", "")
        ),
        lambda plan: services.plan_submit(plan=plan, by=by, submitted_on=submitted),
        lambda plan: services.plan_start_examination(
            plan=plan, by=by, starts_on=examined, examiner=options.get("examiner", "A. Examiner")
        ),
        lambda plan: services.plan_record_referendum(
            plan=plan, by=by, held_on=held, turnout=turnout, yes_share=yes_share
        ),
        lambda plan: services.plan_make(plan=plan, by=by, made_on=made),
    ]
    documents = options.get("documents", {})
    for stage, step in zip(STAGE_ORDER[1 : STAGE_ORDER.index(to) + 1], steps, strict=False):
        plan = step(plan)
        if stage in documents:
            title, file = documents[stage]
            services.plan_document_add(plan=plan, by=by, title=title, file=file)
    return plan


@register("neighbourhood_plans", order=76)
def seed(stdout, scale=None) -> None:
    from decimal import Decimal

    from django.core.files.base import ContentFile
    from django.utils import timezone
    from django.utils.text import slugify

    from accounts.models import User
    from localism.models import Council, Place
    from neighbourhood_plans import services
    from neighbourhood_plans.models import STAGE_ORDER

    staff = User.objects.get(email=STAFF_EMAIL)
    today = timezone.localdate()
    made = 0
    for parish, district_slug, stage, yes in PLANS:
        district = Place.objects.filter(slug=district_slug, kind=Place.Kind.DISTRICT).first()
        council = Council.objects.district_council_of(district).first() if district else None
        if council is None:
            continue
        area, _ = Place.objects.get_or_create(
            slug=slugify(parish),
            defaults={
                "name": parish,
                "kind": Place.Kind.PARISH,
                "parent": district,
                "is_sample": True,
                "latitude": district.latitude,
                "longitude": district.longitude,
                "summary": "Sample data for the demonstration: not an official boundary.",
            },
        )
        name = parish.replace(" parish", "").replace(" (sample)", "")
        steps = STAGE_ORDER.index(stage)
        # Dates run back from today so that the plan in consultation is open now.
        start = today - datetime.timedelta(days=700 if steps >= 2 else 30 if steps == 1 else 90)
        plan = services.plan_designate(
            by=staff,
            area=area,
            council=council,
            name=f"{name} Neighbourhood Plan (sample)",
            qualifying_body=f"{name} Parish Council (sample)",
            designated_on=start,
            summary=f"A made-up plan for the demonstration: homes for local people, green spaces to protect and "
            f"the character of {name}.",
        )
        plan_doc = ContentFile(demo_file("sample-neighbourhood-plan.pdf").read(), name="neighbourhood-plan.pdf")
        services.plan_document_add(plan=plan, by=staff, title="Area designation decision", file=plan_doc)
        opens = 20 if steps == 1 else 100
        draft = ContentFile(demo_file("sample-neighbourhood-plan.pdf").read(), name="draft-plan.pdf")
        plan_move_on(
            plan,
            to=stage,
            by=staff,
            start=start,
            days=(opens, opens + 56, 250, 350, 550, 600),
            referendum=(Decimal("32.4"), Decimal(yes or 0)),
            examiner="A. Examiner (sample)",
            documents={"pre_submission": ("Draft neighbourhood plan", draft)},
        )
        made += 1
    stdout.write(f"Neighbourhood plans: {made}, at every stage, for sample parishes.")
