"""Demo neighbourhood plans: made-up parishes (marked as sample data) with a plan at every stage, including
a consultation open now and a referendum that did not support its plan."""

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
ORDER = ["designated", "pre_submission", "submitted", "examination", "referendum", "made"]


@register("neighbourhood_plans", order=76)
def seed(stdout, scale=None) -> None:
    import datetime
    from decimal import Decimal

    from django.core.files.base import ContentFile
    from django.utils import timezone
    from django.utils.text import slugify

    from accounts.models import User
    from localism.models import Council, Place
    from neighbourhood_plans import services

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
        steps = ORDER.index(stage)
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
        if steps >= 1:
            opens = start + datetime.timedelta(days=20 if steps == 1 else 100)
            plan = services.plan_open_consultation(
                plan=plan, by=staff, opens_on=opens, closes_on=opens + datetime.timedelta(days=56)
            )
            plan_doc = ContentFile(demo_file("sample-neighbourhood-plan.pdf").read(), name="draft-plan.pdf")
            services.plan_document_add(plan=plan, by=staff, title="Draft neighbourhood plan", file=plan_doc)
        if steps >= 2:
            plan = services.plan_submit(plan=plan, by=staff, submitted_on=start + datetime.timedelta(days=250))
        if steps >= 3:
            plan = services.plan_start_examination(
                plan=plan, by=staff, starts_on=start + datetime.timedelta(days=350), examiner="A. Examiner (sample)"
            )
        if steps >= 4:
            plan = services.plan_record_referendum(
                plan=plan,
                by=staff,
                held_on=start + datetime.timedelta(days=550),
                turnout=Decimal("32.4"),
                yes_share=Decimal(yes),
            )
        if steps >= 5:
            services.plan_make(plan=plan, by=staff, made_on=start + datetime.timedelta(days=600))
        made += 1
    stdout.write(f"Neighbourhood plans: {made}, at every stage, for sample parishes.")
