"""The shared content: places, topics, pages, postcodes, the resource library and place contacts."""

from django.utils import timezone

from devtools.demo import demo_file, register

RESOURCES = [
    (
        "guide-to-involving-people",
        "A guide to involving people when services are commissioned",
        ["Health and wellbeing", "Adult social care", "Volunteering"],
    ),
    ("community-rights-guide", "Nominating an asset of community value: a step-by-step guide", ["Volunteering"]),
]


@register("localism", order=10)
def seed(stdout, scale=None) -> None:
    from django.core.management import call_command

    from localism.core_content import load_councils, load_reference_data, read_page
    from localism.models import Council, InformationPage, Place, Resource, Responsibility, Topic

    load_reference_data(Place, Topic, InformationPage)
    # A flushed test database has lost what the migrations loaded: the councils come back with the places.
    load_councils(Council, Responsibility, Place)
    call_command("import_postcodes", stdout=stdout)
    for slug, _title, topic_names in RESOURCES:
        title, summary, _body = read_page(slug)
        resource = Resource(slug=slug, title=title, summary=summary, published_at=timezone.now())
        resource.file.save(f"{slug}.pdf", demo_file(f"{slug}.pdf"), save=False)
        resource.save()
        resource.topics.set(Topic.objects.filter(name__in=topic_names))
    stdout.write(f"Resource library: {len(RESOURCES)} documents.")
    seed_contacts(stdout)


# Parish-level duties a town council looks after, one line each for its contact.
TOWN_COUNCIL_DUTIES = [
    "Parks, allotments, events and the Christmas lights",
    "Play areas, the cemetery, bus shelters and the town's markets",
    "Allotments, footway lighting, the recreation ground and local grants",
]


def seed_contacts(stdout) -> None:
    """Someone to contact on every place page: the county's team, each district's locality team, and each
    town's own council (or, where a town has none, the district's neighbourhood officer)."""
    from localism import reference_data
    from localism.models import Place, PlaceContact

    county = Place.objects.get(kind=Place.Kind.COUNTY)
    contacts = [
        PlaceContact(
            place=county,
            name="Community engagement team (demo)",
            role=PlaceContact.Role.OFFICER,
            responsibility="Consultations, community rights and this portal",
            email="engagement@example.org",
            phone="01603 000100",
        )
    ]
    for district in Place.objects.filter(kind=Place.Kind.DISTRICT).order_by("name"):
        contacts.append(
            PlaceContact(
                place=district,
                name=f"Locality team for {district.name} (demo)",
                role=PlaceContact.Role.OFFICER,
                responsibility="Community groups, local funding and getting involved",
                email=f"locality.{district.slug}@example.org",
            )
        )
    town_councils = {slug: name for name, slug in reference_data.TOWN_COUNCILS}
    for n, town in enumerate(Place.objects.filter(kind=Place.Kind.TOWN).select_related("parent").order_by("name")):
        council = town_councils.get(town.slug)
        if council:
            contact = PlaceContact(
                place=town,
                name=f"{council} (demo)",
                role=PlaceContact.Role.PARISH_COUNCIL,
                responsibility=TOWN_COUNCIL_DUTIES[n % len(TOWN_COUNCIL_DUTIES)],
                email=f"clerk@{town.slug}-tc.example.org",
                phone=f"01{362 + n} 000{n:03d}",
            )
        else:
            contact = PlaceContact(
                place=town,
                name=f"Neighbourhood officer for {town.name} (demo)",
                role=PlaceContact.Role.OFFICER,
                responsibility=f"{town.parent.name}'s officer for the town, which has no town council",
                email=f"neighbourhoods.{town.slug}@example.org",
            )
        contacts.append(contact)
    PlaceContact.objects.bulk_create(contacts)
    stdout.write(f"Place contacts: {len(contacts)}.")


# Sample electoral areas: the shipped postcode file carries districts only, so the demo links one postcode
# sector of Cromer to made-up areas, each marked as sample data wherever it is shown.
SAMPLE_SECTOR = "NR27 9"
SAMPLE_AREAS = [
    ("Cromer division (sample)", "cromer-division-sample", "division"),
    ("Cromer Town ward (sample)", "cromer-town-ward-sample", "ward"),
    ("Cromer parish (sample)", "cromer-parish-sample", "parish"),
]


@register("localism-areas", order=11)
def seed_sample_areas(stdout, scale=None) -> None:
    from localism.models import Council, Place, PostcodeAssignment

    north_norfolk = Place.objects.get(slug="north-norfolk")
    cromer = Place.objects.get(slug="cromer")
    for name, slug, kind in SAMPLE_AREAS:
        area, _ = Place.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "parent": north_norfolk,
                "is_sample": True,
                "latitude": cromer.latitude,
                "longitude": cromer.longitude,
                "summary": "Sample data for the demonstration: not an official boundary.",
            },
        )
        PostcodeAssignment.objects.get_or_create(place=area, prefix=SAMPLE_SECTOR)
        if kind == "parish":
            town_council = Council.objects.filter(slug="cromer-town-council").first()
            if town_council is not None:
                town_council.places.add(area)
    stdout.write(f"Sample electoral areas: {len(SAMPLE_AREAS)}, for postcodes in {SAMPLE_SECTOR}.")
    _seed_sample_councillors()


# Made-up councillors for the sample areas (not real people), each marked as sample data.
SAMPLE_COUNCILLORS = [
    ("Alex Sample (sample)", "norfolk-county-council", "cromer-division-sample", "Independent"),
    ("Sam Example (sample)", "north-norfolk-district-council", "cromer-town-ward-sample", "Demo Party"),
    ("Jo Placeholder (sample)", "north-norfolk-district-council", "cromer-town-ward-sample", ""),
]


def _seed_sample_councillors() -> None:
    import datetime

    from django.utils.text import slugify

    from localism.models import Council, Councillor, Place, Surgery

    first_saturday = timezone.localdate() + datetime.timedelta(days=(5 - timezone.localdate().weekday()) % 7 or 7)
    for n, (name, council_slug, area_slug, party) in enumerate(SAMPLE_COUNCILLORS):
        council = Council.objects.filter(slug=council_slug).first()
        if council is None:
            continue
        councillor, made = Councillor.objects.get_or_create(
            slug=slugify(name),
            defaults={
                "name": name,
                "council": council,
                "area": Place.objects.get(slug=area_slug),
                "party": party,
                "email": f"{slugify(name.split()[0])}.councillor@example.org",
                "phone": "01263 000000",
                "interests_url": "https://example.org/register-of-interests",
                "is_sample": True,
            },
        )
        if made:
            for week in range(3):
                day = first_saturday + datetime.timedelta(weeks=week * 2 + n % 2)
                starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
                Surgery.objects.create(
                    councillor=councillor,
                    starts_at=starts,
                    ends_at=starts + datetime.timedelta(hours=1, minutes=30),
                    venue="Cromer Library, Prince of Wales Road (sample)",
                    notes="No appointment needed.",
                )
