"""Demo events with sign-up: the next co-production workshop (organised by the team's community co-chair, who
has a demo login), a drop-in on an open consultation (full, with a waiting list) and a sample councillor's
surgery, with the demo resident signed up to the drop-in."""

from devtools.demo import DEMO_PASSWORD, RESIDENT_EMAIL, TEAM_LEAD_EMAIL, register


@register("events", order=85)
def seed(stdout, scale=None) -> None:
    import datetime as dt

    from allauth.account.models import EmailAddress
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from accounts.models import User
    from consultations.models import Consultation, Meeting, TeamMember
    from events.models import Event
    from events.services import registration_sign_up
    from localism.models import Surgery

    if Event.objects.exists():
        return
    now = timezone.now().replace(minute=0, second=0, microsecond=0)

    def event(kind, host, council, title, starts, venue, capacity, description=""):
        return Event.objects.create(
            kind=kind,
            content_type=ContentType.objects.get_for_model(host),
            object_id=host.pk,
            council=council,
            title=title,
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=2),
            venue=venue,
            capacity=capacity,
            description=description,
            is_published=True,
        )

    made = []
    past = Meeting.objects.public().select_related("team__consultation__council").first()
    if past is not None:
        meeting = Meeting.objects.create(
            team=past.team,
            title="Workshop 4: timetables",
            starts_at=now + dt.timedelta(days=12, hours=2),
            location="Dereham Memorial Hall",
            agenda="1. Welcome\n2. Evening journeys\n3. What we will test next",
            is_published=True,
        )
        made.append(
            event(
                Event.Kind.MEETING,
                meeting,
                past.team.consultation.council,
                meeting.title,
                meeting.starts_at,
                meeting.location,
                12,
                "Open to anyone who uses or would use community transport. Taxis can be arranged.",
            )
        )
        # The community co-chair leads the team with an account: the workshop's sign-ups are theirs to organise.
        lead = User.objects.create_user(TEAM_LEAD_EMAIL, DEMO_PASSWORD, display_name="Margaret")
        EmailAddress.objects.create(user=lead, email=lead.email, verified=True, primary=True)
        past.team.members.filter(is_lead=True, kind=TeamMember.Kind.COMMUNITY).update(user=lead)
    consultation = Consultation.objects.open().select_related("council").order_by("closes_at").first()
    if consultation is not None:
        drop_in = event(
            Event.Kind.DROP_IN,
            consultation,
            consultation.council,
            f"Drop-in: {consultation.title}",
            now + dt.timedelta(days=5, hours=3),
            "Norwich Millennium Library, The Forum",
            3,
            "Come and talk to the team and fill in the survey on paper or with help.",
        )
        made.append(drop_in)
        resident = User.objects.get(email=RESIDENT_EMAIL)
        registration_sign_up(event=drop_in, user=resident, access_needs="Step-free access, please.")
        for n in range(4):
            person, _ = User.objects.get_or_create(
                email=f"dropin{n + 1}@example.org", defaults={"display_name": f"Drop-in visitor {n + 1}"}
            )
            EmailAddress.objects.get_or_create(user=person, email=person.email, defaults={"verified": True})
            registration_sign_up(event=drop_in, user=person)
    surgery = Surgery.objects.upcoming().select_related("councillor__council").first()
    if surgery is not None:
        made.append(
            event(
                Event.Kind.SURGERY,
                surgery,
                surgery.councillor.council,
                f"Surgery with {surgery.councillor.name}",
                surgery.starts_at,
                surgery.venue,
                6,
                "Book a 15-minute slot, or just come along.",
            )
        )
    stdout.write(f"Events: {len(made)} with sign-up, one full with a waiting list")
