"""Demo content for the directory (realistic Norfolk services) and the bench data set (50,000 listings)."""

from __future__ import annotations

import datetime
import random
import uuid

from django.utils import timezone
from django.utils.text import slugify

from devtools.demo import GROUP_EMAIL, RESIDENT_EMAIL, register

CATEGORIES = {
    "Children and families": ["Baby and toddler groups", "Youth clubs", "Parenting support"],
    "Health and wellbeing": [
        "Mental health support",
        "Exercise and sport",
        "Support for carers",
        "Disability support",
    ],
    "Older people": ["Lunch clubs", "Befriending"],
    "Money, food and housing": ["Debt and benefits advice", "Food banks and community larders"],
    "Learning and work": ["Adult learning", "Volunteering"],
    "Community life": [
        "Community centres",
        "Arts, crafts and music",
        "Women's groups",
        "Men's groups",
        "LGBTQ+ groups",
        "Ethnic minority community groups",
        "Faith groups",
    ],
}

# name, kind, organisation, town, category, summary, (weekday, ordinal or "", opens, closes), ages, free, languages
LISTINGS = [
    (
        "Stay and Play",
        "club",
        "Thetford Family Hub Friends",
        "Thetford",
        "Baby and toddler groups",
        "A friendly play session for babies and toddlers with their parents and carers.",
        [("TU", "", "09:30", "11:30"), ("TH", "", "09:30", "11:30")],
        (0, 5),
        True,
        ["en", "pl", "pt"],
    ),
    (
        "Dereham Youth Club",
        "club",
        "Mid Norfolk Youth Trust",
        "Dereham",
        "Youth clubs",
        "Games, cooking, sport and a safe space to hang out for young people.",
        [("WE", "", "18:30", "20:30"), ("FR", "", "18:30", "21:00")],
        (11, 18),
        True,
        ["en"],
    ),
    (
        "Men's Shed Swaffham",
        "activity",
        "Swaffham Men's Shed",
        "Swaffham",
        "Arts, crafts and music",
        "Woodwork, repairs and company for anyone who likes making and mending.",
        [("MO", "", "10:00", "15:00"), ("TH", "", "10:00", "15:00")],
        (18, None),
        False,
        ["en"],
    ),
    (
        "Memory Café",
        "support_group",
        "Aylsham Dementia Friends",
        "Aylsham",
        "Support for carers",
        "A relaxed café for people living with dementia and the people who care for them.",
        [("TU", "1", "14:00", "16:00")],
        (None, None),
        True,
        ["en"],
    ),
    (
        "Acle Lunch Club",
        "club",
        "Acle Community Association",
        "Acle",
        "Lunch clubs",
        "A two-course hot lunch and good company every week.",
        [("WE", "", "12:00", "14:00")],
        (60, None),
        False,
        ["en"],
    ),
    (
        "Great Yarmouth Food Bank",
        "service",
        "Great Yarmouth Community Trust",
        "Great Yarmouth",
        "Food banks and community larders",
        "Emergency food parcels for people referred by a support worker.",
        [("MO", "", "10:00", "13:00"), ("WE", "", "10:00", "13:00"), ("FR", "", "10:00", "13:00")],
        (None, None),
        True,
        ["en", "lt", "pl"],
    ),
    (
        "Gorleston Parkrun Volunteers",
        "volunteering",
        "Great Yarmouth Community Trust",
        "Gorleston-on-Sea",
        "Volunteering",
        "Help marshal, time and scan at the Saturday 5k: no experience needed.",
        [("SA", "", "08:30", "10:00")],
        (11, None),
        True,
        ["en"],
    ),
    (
        "Money Advice Drop-in",
        "service",
        "West Norfolk Advice Network",
        "King's Lynn",
        "Debt and benefits advice",
        "Free, confidential help with debts, benefits and budgeting.",
        [("TU", "", "10:00", "15:00"), ("TH", "", "13:00", "19:00")],
        (18, None),
        True,
        ["en", "pl", "ro"],
    ),
    (
        "Downham Market Walking Football",
        "activity",
        "Downham Market Walking Football",
        "Downham Market",
        "Exercise and sport",
        "Football at walking pace: gentle exercise, no tackling, all abilities welcome.",
        [("FR", "", "10:00", "11:30")],
        (50, None),
        False,
        ["en"],
    ),
    (
        "Hunstanton Coastal Choir",
        "club",
        "Hunstanton Coastal Choir",
        "Hunstanton",
        "Arts, crafts and music",
        "A community choir singing pop, folk and gospel: no auditions, no need to read music.",
        [("MO", "", "19:00", "21:00")],
        (16, None),
        False,
        ["en"],
    ),
    (
        "Cromer Community Larder",
        "service",
        "North Norfolk Community Larders",
        "Cromer",
        "Food banks and community larders",
        "Pay £4 and choose about £15 of food: open to anyone in the area.",
        [("WE", "", "14:00", "17:00")],
        (None, None),
        False,
        ["en"],
    ),
    (
        "North Walsham Befriending",
        "volunteering",
        "Age Well North Norfolk",
        "North Walsham",
        "Befriending",
        "Visit or phone an older person for a chat each week.",
        [("MO", "", "09:00", "17:00")],
        (18, None),
        True,
        ["en"],
    ),
    (
        "Sheringham Carers' Coffee Morning",
        "support_group",
        "Age Well North Norfolk",
        "Sheringham",
        "Support for carers",
        "A break and a cuppa with other carers, with information from a carers' adviser.",
        [("TH", "-1", "10:00", "12:00")],
        (18, None),
        True,
        ["en"],
    ),
    (
        "Norwich Talking Therapies Drop-in",
        "service",
        "Norfolk Mind Matters",
        "Norwich",
        "Mental health support",
        "Talk to someone about low mood, anxiety or stress: no appointment needed.",
        [("MO", "", "10:00", "16:00"), ("WE", "", "10:00", "16:00"), ("WE", "", "17:30", "19:30")],
        (16, None),
        True,
        ["en", "ar", "pl"],
    ),
    (
        "English Conversation Club",
        "club",
        "Norwich Welcome Network",
        "Norwich",
        "Adult learning",
        "Practise speaking English in a relaxed group, with tea and biscuits.",
        [("SA", "", "10:30", "12:00")],
        (16, None),
        True,
        ["en", "uk", "ar", "fa"],
    ),
    (
        "Wymondham Youth Drama",
        "club",
        "Wymondham Arts Centre",
        "Wymondham",
        "Arts, crafts and music",
        "Drama games, improvisation and a show every summer.",
        [("TU", "", "17:00", "18:30")],
        (8, 14),
        False,
        ["en"],
    ),
    (
        "Diss Parenting Group",
        "support_group",
        "South Norfolk Family Support",
        "Diss",
        "Parenting support",
        "A six-week course for parents of children aged 2 to 11, with a crèche.",
        [("WE", "", "09:30", "11:30")],
        (18, None),
        True,
        ["en"],
    ),
    (
        "Harleston Community Centre",
        "service",
        "Harleston Community Centre",
        "Harleston",
        "Community centres",
        "Rooms to hire, a community café and notice board for what is on in Harleston.",
        [
            ("MO", "", "09:00", "16:00"),
            ("TU", "", "09:00", "16:00"),
            ("WE", "", "09:00", "16:00"),
            ("TH", "", "09:00", "16:00"),
            ("FR", "", "09:00", "16:00"),
        ],
        (None, None),
        True,
        ["en"],
    ),
]

# Groups the equality report suggests inviting when the people they reach are under-represented.
LISTINGS += [
    (
        "Women's Wellbeing Circle",
        "support_group",
        "Norwich Women's Network",
        "Norwich",
        "Women's groups",
        "A friendly evening group where women share support, skills and news of what is on.",
        [("TH", "", "18:30", "20:30")],
        (18, None),
        True,
        ["en"],
    ),
    (
        "Thetford Community Cultures",
        "club",
        "Breckland Many Voices",
        "Thetford",
        "Ethnic minority community groups",
        "Meet neighbours from many countries: conversation, food and help with forms.",
        [("SA", "", "10:00", "13:00")],
        (None, None),
        True,
        ["en", "pl", "pt", "lt"],
    ),
    (
        "Rainbow Coffee Morning",
        "support_group",
        "Norwich Welcome Network",
        "Norwich",
        "LGBTQ+ groups",
        "A relaxed coffee morning for LGBTQ+ people and friends.",
        [("SA", "1", "10:30", "12:30")],
        (16, None),
        True,
        ["en"],
    ),
    (
        "Access for All Forum",
        "support_group",
        "Great Yarmouth Community Trust",
        "Great Yarmouth",
        "Disability support",
        "Disabled people and carers meet to share advice and speak up about access in the borough.",
        [("WE", "2", "14:00", "16:00")],
        (None, None),
        True,
        ["en"],
    ),
]

ORGANISATIONS = {
    "Thetford Family Hub Friends": "community_group",
    "Mid Norfolk Youth Trust": "charity",
    "Swaffham Men's Shed": "community_group",
    "Aylsham Dementia Friends": "community_group",
    "Acle Community Association": "charity",
    "Great Yarmouth Community Trust": "charity",
    "West Norfolk Advice Network": "charity",
    "Downham Market Walking Football": "community_group",
    "Hunstanton Coastal Choir": "community_group",
    "North Norfolk Community Larders": "cic",
    "Age Well North Norfolk": "charity",
    "Norfolk Mind Matters": "charity",
    "Norwich Welcome Network": "community_group",
    "Wymondham Arts Centre": "charity",
    "South Norfolk Family Support": "charity",
    "Harleston Community Centre": "community_group",
    "Norwich Women's Network": "community_group",
    "Breckland Many Voices": "community_group",
}


def _seeded_uuid(rng: random.Random) -> uuid.UUID:
    """An id drawn from the seeded random, so that every run with the same seed makes the same rows."""
    return uuid.UUID(int=rng.getrandbits(128))


def _time(text: str) -> datetime.time:
    hour, minute = text.split(":")
    return datetime.time(int(hour), int(minute))


def seed_taxonomy():
    from directory.models import Taxonomy, TaxonomyTerm

    taxonomy, _ = Taxonomy.objects.get_or_create(
        name="Norfolk directory categories",
        defaults={"description": "The categories of the Norfolk community directory.", "version": "1"},
    )
    terms = {}
    for top, children in CATEGORIES.items():
        parent, _ = TaxonomyTerm.objects.get_or_create(
            slug=slugify(top), defaults={"taxonomy": taxonomy, "name": top, "code": slugify(top)}
        )
        terms[top] = parent
        for child in children:
            terms[child], _ = TaxonomyTerm.objects.get_or_create(
                slug=slugify(child),
                defaults={"taxonomy": taxonomy, "name": child, "parent": parent, "code": slugify(child)},
            )
    return terms


def _nearest_postcode(latitude: float, longitude: float):
    from localism.geo import bounding_box
    from localism.models import Postcode

    box = bounding_box(latitude, longitude, 2.0)
    candidates = Postcode.objects.filter(**box)[:400]
    return min(
        candidates,
        key=lambda p: (p.latitude - latitude) ** 2 + (p.longitude - longitude) ** 2,
        default=None,
    )


@register("directory", order=30)
def seed(stdout, scale=None) -> None:
    from accounts.models import User
    from directory import services
    from directory.models import Listing, Membership, Organisation, Schedule
    from localism.models import Place

    terms = seed_taxonomy()
    group_user = User.objects.filter(email=GROUP_EMAIL).first()
    staff = User.objects.filter(is_staff=True).first()
    organisations = {}
    for name, kind in ORGANISATIONS.items():
        organisation = Organisation.objects.create(
            name=name,
            slug=slugify(name),
            kind=kind,
            charity_number=str(1100000 + len(organisations)) if kind == "charity" else "",
            company_number="12345678" if kind == "cic" else "",
            description=f"{name} is a Norfolk {dict(Organisation.Kind.choices)[kind].lower()} run by local people.",
            email=f"hello@{slugify(name)}.example.org",
            status=Organisation.Status.VERIFIED,
            verified_at=timezone.now(),
        )
        organisations[name] = organisation
    if group_user is not None:
        Membership.objects.create(
            organisation=organisations["Age Well North Norfolk"], user=group_user, role=Membership.Role.OWNER
        )
    places = {place.name: place for place in Place.objects.all()}
    count = 0
    for name, kind, org_name, town, category, summary, periods, ages, free, languages in LISTINGS:
        place = places.get(town)
        postcode = _nearest_postcode(place.latitude, place.longitude) if place else None
        content = services.ListingContent(
            fields={
                "name": name,
                "kind": kind,
                "summary": summary,
                "description": f"{summary}\n\nEveryone is welcome. Contact us if you have questions before you come.",
                "minimum_age": ages[0],
                "maximum_age": ages[1],
                "is_free": free,
                "cost_description": "" if free else "£2 a session; ask us if cost is a problem.",
                "email": f"hello@{slugify(org_name)}.example.org",
                "phone": "01603 000" + f"{count:03d}",
                "languages": languages,
            },
            categories=[terms[category], terms[_parent_of(category)]],
            service_areas=[place] if place else [],
            locations=(
                [
                    {
                        "name": f"{town} Community Hall",
                        "address_1": "1 High Street",
                        "city": town,
                        "postcode": postcode.postcode,
                        "latitude": postcode.latitude,
                        "longitude": postcode.longitude,
                        "accessibility": "Step-free entrance and an accessible toilet.",
                    }
                ]
                if postcode
                else []
            ),
            schedules=[
                {
                    "kind": Schedule.Kind.OPEN,
                    "freq": Schedule.Freq.MONTHLY if ordinal else Schedule.Freq.WEEKLY,
                    "byday": f"{ordinal}{day}",
                    "opens_at": _time(opens),
                    "closes_at": _time(closes),
                }
                for day, ordinal, opens, closes in periods
            ]
            + [{"kind": Schedule.Kind.CLOSED, "closed_on_bank_holidays": True}],
        )
        listing = services.listing_create(organisation=organisations[org_name], content=content, by=group_user)
        services.listing_submit(listing=listing, by=group_user)
        services.listing_approve(listing=listing, by=staff)
        count += 1
    # Something for the staff queue to review.
    waiting = Listing.objects.filter(name="North Walsham Befriending").first()
    if waiting is not None and group_user is not None:
        edit = services.listing_start_edit(listing=waiting, by=group_user)
        content = services.listing_content(edit)
        content.fields["summary"] = "Visit or phone an older person for a chat each week: training given."
        services.listing_update(listing=edit, content=content, by=group_user)
        services.listing_submit(listing=edit, by=group_user)
    stdout.write(f"Directory: {len(organisations)} organisations, {count} listings.")
    if group_user is not None:
        seed_states(stdout, organisations["Age Well North Norfolk"], group_user, staff)
    seed_towns(stdout, terms)
    if scale:
        seed_bench(stdout, scale=scale, terms=list(terms.values()))


def seed_states(stdout, organisation, group_user, staff) -> None:
    """A listing in each state groups and staff meet: rejected with a reason, temporarily closed, hidden as not
    confirmed for over a year; and a problem report waiting for staff beside one they have resolved."""
    from accounts.models import User
    from directory import services
    from directory.models import Listing

    template = Listing.objects.get(name="North Walsham Befriending", edit_of=None)
    content = services.listing_content(template)
    content.fields.update(name="Sheringham Phone Friends", summary="A weekly phone call for anyone on their own.")
    rejected = services.listing_create(organisation=organisation, content=content, by=group_user)
    services.listing_submit(listing=rejected, by=group_user)
    services.listing_reject(
        listing=rejected,
        by=staff,
        reason="This is the same service as North Walsham Befriending: add Sheringham to that listing's areas.",
    )
    Listing.objects.filter(name="Hunstanton Coastal Choir").update(
        temporarily_closed=True, closed_note="No rehearsals until March while the church hall is repaired."
    )
    Listing.objects.filter(name="Downham Market Walking Football").update(
        last_confirmed_at=timezone.now() - datetime.timedelta(days=400), is_hidden_as_stale=True
    )
    resident = User.objects.get(email=RESIDENT_EMAIL)
    services.problem_report_create(
        listing=Listing.objects.get(name="Cromer Community Larder"),
        by=resident,
        what_is_wrong="The larder opens at 1pm now, not 2pm.",
    )
    resolved = services.problem_report_create(
        listing=Listing.objects.get(name="Acle Lunch Club"),
        by=None,
        what_is_wrong="The phone number rings a closed office.",
        reply_email="a.visitor@example.org",
    )
    services.problem_report_resolve(report=resolved, by=staff)
    stdout.write("Directory: a rejected, a temporarily closed and a hidden listing; two problem reports.")


def _parent_of(category: str) -> str:
    for top, children in CATEGORIES.items():
        if category in children or category == top:
            return top
    raise KeyError(category)


# --- Listings in every town --------------------------------------------------------------------
# What most Norfolk towns have: (name pattern, kind, category, summary, [(day, opens, closes)], ages, cost or "",
# organisation pattern, venue pattern). {town} is the town's name, {district} its district's.
TOWN_ACTIVITIES = [
    (
        "{town} Baby and Toddler Group",
        "club",
        "Baby and toddler groups",
        "Songs, messy play and a cuppa for parents and carers with children under five.",
        [("TU", "09:30", "11:30")],
        (0, 5),
        "£1.50 a family",
        "{town} Community Association",
        "{town} Community Centre",
    ),
    (
        "{town} Youth Club",
        "club",
        "Youth clubs",
        "Pool, games, cooking and youth workers to talk to, in a safe space for young people.",
        [("WE", "18:30", "20:30"), ("FR", "18:30", "21:00")],
        (11, 18),
        "",
        "{district} Youth Partnership",
        "{town} Youth and Community Centre",
    ),
    (
        "{town} Lunch Club",
        "club",
        "Lunch clubs",
        "A two-course hot lunch with good company; transport can be arranged.",
        [("TH", "12:00", "14:00")],
        (60, None),
        "£6 for two courses",
        "{town} Community Association",
        "St Mary's Church Hall",
    ),
    (
        "{town} Carers' Café",
        "support_group",
        "Support for carers",
        "An hour off for unpaid carers: tea, cake, a carers' adviser and people who understand.",
        [("MO", "10:00", "12:00")],
        (18, None),
        "",
        "Carers Matter {district}",
        "{town} Library",
    ),
    (
        "{town} Community Larder",
        "service",
        "Food banks and community larders",
        "Choose about £15 of food for a few pounds: open to anyone who lives nearby.",
        [("WE", "14:00", "17:00"), ("SA", "10:00", "12:00")],
        (None, None),
        "£4 a visit",
        "{district} Community Larders",
        "{town} Methodist Church",
    ),
    (
        "Money and Benefits Advice in {town}",
        "service",
        "Debt and benefits advice",
        "Free, confidential help with debts, benefits, energy bills and budgeting.",
        [("TU", "10:00", "15:00")],
        (18, None),
        "",
        "{district} Advice Network",
        "{town} Library",
    ),
    (
        "{town} Walking Group",
        "activity",
        "Exercise and sport",
        "Gentle, led walks of about an hour, finishing at a café: all paces welcome.",
        [("SA", "10:00", "11:30")],
        (16, None),
        "",
        "Walk Well {district}",
        "the Market Place",
    ),
    (
        "{town} Knit and Natter",
        "club",
        "Arts, crafts and music",
        "Bring your knitting, crochet or sewing, or learn with us: wool and needles to borrow.",
        [("TH", "14:00", "16:00")],
        (16, None),
        "£2 a session",
        "{town} Community Association",
        "{town} Library",
    ),
    (
        "Digital Help Drop-in, {town}",
        "service",
        "Adult learning",
        "Help with phones, tablets, email and online forms from patient volunteers.",
        [("FR", "10:00", "12:00")],
        (16, None),
        "",
        "{district} Digital Champions",
        "{town} Library",
    ),
    (
        "{town} Befriending Service",
        "volunteering",
        "Befriending",
        "Volunteer to visit or phone an older neighbour for a chat each week: training given.",
        [("MO", "09:00", "17:00"), ("WE", "09:00", "17:00")],
        (18, None),
        "",
        "Age Well {district}",
        "{town} Community Centre",
    ),
    (
        "{town} Parent Support Group",
        "support_group",
        "Parenting support",
        "Meet other parents, share what works and get advice from a family support worker.",
        [("WE", "09:30", "11:30")],
        (18, None),
        "",
        "{district} Family Support",
        "{town} Family Hub",
    ),
    (
        "{town} Mental Health Peer Support",
        "support_group",
        "Mental health support",
        "A friendly peer group for anyone finding life hard: come as you are.",
        [("TU", "18:00", "19:30")],
        (18, None),
        "",
        "{district} Mind Matters",
        "{town} Community Centre",
    ),
]
# Each town has this many of the activities above (Norwich, the city, has every one, twice over).
ACTIVITIES_PER_TOWN = 9


def _postcodes_near(latitude: float, longitude: float, miles: float, count: int, rng) -> list:
    """`count` real postcodes within about `miles` of a point (from the shipped ONS Postcode Directory)."""
    from localism.geo import bounding_box
    from localism.models import Postcode

    candidates = list(
        Postcode.objects.filter(**bounding_box(latitude, longitude, miles))
        .order_by("postcode")
        .values_list("postcode", "latitude", "longitude")
    )
    return rng.sample(candidates, min(count, len(candidates)))


def seed_towns(stdout, terms: dict) -> int:
    """Listings in every town of every district, each at a real postcode within 2 miles of the town centre.

    Bulk inserts (a few seconds) rather than the review workflow (minutes): the workflow is shown by the
    listings above; these make a 5-mile search from any town find several.
    """
    from directory import services
    from directory.models import Listing, Location, Organisation, Schedule
    from localism.models import Place

    rng = random.Random(20261206)  # noqa: S311 (demo data, not security)
    now = timezone.now()
    towns = list(Place.objects.filter(kind=Place.Kind.TOWN).select_related("parent").order_by("name"))
    towns += list(Place.objects.filter(slug="norwich"))  # the city is a district with no towns
    organisations: dict[str, Organisation] = {o.name: o for o in Organisation.objects.all()}
    listings, locations, schedules, categories, areas, org_places = [], [], [], [], [], set()
    category_through = Listing.categories.through
    area_through = Listing.service_areas.through
    for town in towns:
        district = town.parent if town.kind == Place.Kind.TOWN else town
        count = len(TOWN_ACTIVITIES) * 2 if town.slug == "norwich" else ACTIVITIES_PER_TOWN
        activities = [TOWN_ACTIVITIES[n % len(TOWN_ACTIVITIES)] for n in range(count)]
        if town.slug != "norwich":
            activities = rng.sample(TOWN_ACTIVITIES, count)
        postcodes = _postcodes_near(town.latitude, town.longitude, 2.0, count, rng)
        for n, (activity, (code, latitude, longitude)) in enumerate(zip(activities, postcodes, strict=False)):
            pattern, kind, category, summary, periods, ages, cost, org_pattern, venue = activity
            names = {"town": town.name, "district": district.name}
            org_name = org_pattern.format(**names)
            organisation = organisations.get(org_name)
            if organisation is None:
                organisation = Organisation.objects.create(
                    name=org_name,
                    slug=slugify(org_name),
                    kind="community_group" if "{town}" in org_pattern else "charity",
                    charity_number="" if "{town}" in org_pattern else str(1150000 + len(organisations)),
                    description=f"{org_name} is run by local people for local people.",
                    email=f"hello@{slugify(org_name)}.example.org",
                    status=Organisation.Status.VERIFIED,
                    verified_at=now,
                )
                organisations[org_name] = organisation
            org_places.add((organisation.pk, district.pk))
            name = pattern.format(**names)
            if town.slug == "norwich" and n >= len(TOWN_ACTIVITIES):
                name = f"{name} ({['NR1', 'NR2', 'NR3', 'NR4', 'NR5', 'NR6', 'NR7'][n % 7]})"
            listing = Listing(
                id=_seeded_uuid(rng),
                organisation=organisation,
                name=name,
                kind=kind,
                summary=summary,
                description=f"{summary}\n\nEveryone is welcome: just turn up, or call us first if you have questions.",
                email=organisation.email,
                phone=f"01{rng.randint(362, 603)} {rng.randint(100000, 999999)}",
                minimum_age=ages[0],
                maximum_age=ages[1],
                is_free=not cost,
                cost_description=cost,
                languages=["en"],
                status=Listing.Status.PUBLISHED,
                revision=1,
                published_at=now - datetime.timedelta(days=rng.randint(30, 400)),
                last_confirmed_at=now - datetime.timedelta(days=rng.randint(0, 200)),
            )
            listings.append(listing)
            locations.append(
                Location(
                    id=_seeded_uuid(rng),
                    service_at_location_id=_seeded_uuid(rng),
                    listing=listing,
                    name=venue.format(**names),
                    address_1=f"{rng.randint(1, 80)} {rng.choice(['High Street', 'Church Lane', 'Station Road'])}",
                    city=town.name,
                    postcode=code,
                    latitude=latitude,
                    longitude=longitude,
                    accessibility="Step-free entrance and an accessible toilet.",
                )
            )
            for day, opens, closes in periods:
                schedules.append(
                    Schedule(
                        id=_seeded_uuid(rng),
                        listing=listing,
                        kind=Schedule.Kind.OPEN,
                        freq=Schedule.Freq.WEEKLY,
                        byday=day,
                        opens_at=_time(opens),
                        closes_at=_time(closes),
                    )
                )
            schedules.append(
                Schedule(
                    id=_seeded_uuid(rng),
                    listing=listing,
                    kind=Schedule.Kind.CLOSED,
                    closed_on_bank_holidays=True,
                )
            )
            for term in (terms[category], terms[_parent_of(category)]):
                categories.append(category_through(listing_id=listing.id, taxonomyterm_id=term.pk))
            areas.append(area_through(listing_id=listing.id, place_id=town.pk))
    Listing.objects.bulk_create(listings)
    Location.objects.bulk_create(locations)
    Schedule.objects.bulk_create(schedules)
    category_through.objects.bulk_create(categories)
    area_through.objects.bulk_create(areas)
    Organisation.places.through.objects.bulk_create(
        [Organisation.places.through(organisation_id=o, place_id=p) for o, p in org_places], ignore_conflicts=True
    )
    services.listing_refresh_search(listing_ids=[listing.id for listing in listings])
    stdout.write(f"Directory: {len(listings)} more listings in {len(towns)} towns.")
    return len(listings)


BATCH = 5000
# Organisations and listings of the bench data set, by scale.
BENCH_SIZES = {"small": (200, 5_000), "full": (2_000, 50_000), "large": (8_000, 200_000)}
WORDS = [
    "community",
    "support",
    "friendly",
    "group",
    "club",
    "help",
    "advice",
    "local",
    "weekly",
    "family",
    "young",
    "older",
    "carers",
    "health",
    "music",
    "art",
    "garden",
    "walking",
    "football",
    "craft",
    "cooking",
    "reading",
    "library",
    "coffee",
    "lunch",
    "learning",
    "digital",
    "money",
    "food",
    "housing",
    "wellbeing",
    "swimming",
    "dance",
    "yoga",
    "drama",
    "choir",
    "nature",
    "wildlife",
    "repair",
]


def seed_bench(stdout, *, scale: str, terms: list) -> None:
    """The large data set `make bench` measures, made with bulk inserts."""
    from django.db import connection

    from directory import services
    from directory.models import Listing, Location, Organisation, Schedule
    from localism.models import Place, Postcode

    rng = random.Random(20261122)  # noqa: S311 (bench data, not security)
    organisation_count, listing_count = BENCH_SIZES[scale]
    now = timezone.now()
    organisations = [
        Organisation(
            id=_seeded_uuid(rng),
            name=f"Bench organisation {n}",
            slug=f"bench-organisation-{n}",
            kind="community_group",
            description="An organisation of the bench data set.",
            status=Organisation.Status.VERIFIED,
            verified_at=now,
        )
        for n in range(organisation_count)
    ]
    Organisation.objects.bulk_create(organisations, batch_size=BATCH)
    postcodes = list(Postcode.objects.order_by("?").values_list("postcode", "latitude", "longitude")[:listing_count])
    towns = list(Place.objects.filter(kind=Place.Kind.TOWN).values_list("pk", flat=True))
    kinds = [k for k, _ in Listing.Kind.choices]
    days = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
    category_through = Listing.categories.through
    area_through = Listing.service_areas.through
    for start in range(0, listing_count, BATCH):
        listings, locations, schedules, categories, areas = [], [], [], [], []
        for n in range(start, min(start + BATCH, listing_count)):
            words = rng.sample(WORDS, 6)
            listing = Listing(
                id=_seeded_uuid(rng),
                organisation=organisations[n % organisation_count],
                name=f"{words[0].capitalize()} {words[1]} {words[2]} {n}",
                kind=rng.choice(kinds),
                summary=f"A {words[3]} {words[4]} session for the {words[5]} community.",
                description=" ".join(rng.choices(WORDS, k=40)),
                minimum_age=rng.choice([None, 0, 5, 11, 18, 50]),
                maximum_age=None,
                is_free=rng.random() < 0.6,
                languages=["en"],
                status=Listing.Status.PUBLISHED,
                revision=1,
                published_at=now,
                last_confirmed_at=now - datetime.timedelta(days=rng.randint(0, 300)),
            )
            listings.append(listing)
            code, lat, lng = postcodes[n % len(postcodes)]
            locations.append(
                Location(
                    listing=listing,
                    service_at_location_id=_seeded_uuid(rng),
                    id=_seeded_uuid(rng),
                    name="Village hall",
                    address_1=f"{n % 200 + 1} Church Lane",
                    city="Norfolk",
                    postcode=code,
                    latitude=lat,
                    longitude=lng,
                )
            )
            for day in rng.sample(days, rng.randint(1, 3)):
                schedules.append(
                    Schedule(
                        id=_seeded_uuid(rng),
                        listing=listing,
                        freq=Schedule.Freq.WEEKLY,
                        byday=day,
                        opens_at=datetime.time(rng.randint(8, 15), 0),
                        closes_at=datetime.time(rng.randint(16, 21), 0),
                    )
                )
            for term in rng.sample(terms, 2):
                categories.append(category_through(listing_id=listing.id, taxonomyterm_id=term.pk))
            if towns:
                areas.append(area_through(listing_id=listing.id, place_id=rng.choice(towns)))
        Listing.objects.bulk_create(listings, batch_size=BATCH)
        Location.objects.bulk_create(locations, batch_size=BATCH)
        Schedule.objects.bulk_create(schedules, batch_size=BATCH)
        category_through.objects.bulk_create(categories, batch_size=BATCH)
        area_through.objects.bulk_create(areas, batch_size=BATCH)
    services.listing_refresh_search()
    with connection.cursor() as cursor:
        # Fresh statistics, so that the planner knows the tables are large now.
        for table in (
            "directory_organisation",
            "directory_listing",
            "directory_location",
            "directory_schedule",
            "directory_listing_categories",
            "directory_listing_service_areas",
            "directory_listingsearchentry",
            "directory_searchword",
        ):
            cursor.execute(f"ANALYZE {table}")
    stdout.write(f"Directory bench data: {organisation_count} organisations, {listing_count} listings.")
