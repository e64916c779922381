"""Demo consultations for Norfolk, and the large data set `make bench` measures."""

from __future__ import annotations

import datetime as dt
import random

from devtools.demo import RESIDENT_EMAIL, STAFF_EMAIL, comment, demo_file, register

BENCH_SIZES = {
    # consultations, comments in all, comments on the big one, responses to the big one
    "full": (500, 200_000, 5_000, 10_000),
    "small": (50, 20_000, 500, 1_000),
}
BENCH_SLUG = "bench-community-transport"
BATCH = 5_000
# Bench residents never sign in: Django's mark for an unusable password.
UNUSABLE = "!"  # noqa: S105

TRANSPORT_BODY = """Community transport gets people to hospital appointments, shops, day centres and friends
when there is no bus. Today six different schemes run it, each with its own rules, phone number and fares.

## What we propose

- one county-wide **dial-a-ride** service, booked by phone or online, running 7am to 10pm;
- the same fare everywhere, with free travel for people with a concessionary pass;
- volunteer drivers supported with training, expenses and a named coordinator in each district.

The co-production team (passengers, drivers, the schemes and council staff) designed these proposals
over six workshops. Now we want to hear from everyone."""

DAY_OPS_BODY = """Day opportunities are the places and activities adults with learning disabilities use during
the day: day centres, supported work, college, clubs and time out in the community.

## Why we are asking

The current contracts end next year. Before we commission new services we want to understand what a good
day looks like for the people who use them, and for their families and carers."""


@register("consultations", order=40)
def seed(stdout, scale=None) -> None:
    from django.utils import timezone

    from accounts.models import User
    from consultations import services
    from consultations.models import (
        CoproductionTeam,
        Document,
        Meeting,
        Outcome,
        OutcomeAction,
        OutcomeTheme,
        ParticipationLevel,
        Question,
        Stage,
        SurveyPage,
        TeamMember,
    )
    from localism.models import Place, Topic

    now = timezone.now()
    today = timezone.localdate()
    staff = User.objects.get(email=STAFF_EMAIL)
    resident = User.objects.get(email=RESIDENT_EMAIL)
    county = Place.objects.get(slug="norfolk")
    topic = {t.slug: t for t in Topic.objects.all()}

    questions = [
        {
            "kind": Question.Kind.SINGLE,
            "text": "Have you used community transport in the last year?",
            "is_required": True,
            "options": ["Yes", "No", "Not sure"],
        },
        {
            "kind": Question.Kind.SCALE,
            "text": "How well does community transport meet your needs today?",
            "is_required": True,
            "options": ["Very badly", "Badly", "Neither well nor badly", "Well", "Very well"],
        },
        {
            "kind": Question.Kind.MULTIPLE,
            "text": "When would you need to travel?",
            "options": ["Weekday mornings", "Weekday afternoons", "Evenings", "Weekends"],
        },
        {
            "kind": Question.Kind.RANKING,
            "text": "Rank these priorities for the new service",
            "options": ["Lower fares", "Longer hours", "Reaching more villages", "Easier booking"],
        },
        {"kind": Question.Kind.TEXT, "text": "Which town or village do you live in?"},
        {"kind": Question.Kind.LONG_TEXT, "text": "Is there anything else we should know?"},
    ]
    transport = _consultation(
        places=[county],
        topics=[topic["transport-and-roads"], topic["older-people"], topic["disability-and-accessibility"]],
        questions=questions,
        title="A new community transport service for rural Norfolk",
        slug="community-transport-service",
        summary="One dial-a-ride service for the whole county: tell us what would make it work for you.",
        body=TRANSPORT_BODY,
        commissioning="We plan to commission one provider to run community transport across Norfolk from "
        "April 2027, for 5 years, with a budget of £2.4 million a year. One service should be easier to book, "
        "fairer on fares and better for volunteer drivers than six separate contracts.",
        decision_maker="Cabinet",
        decision_expected_on=today + dt.timedelta(days=120),
        participation_level=ParticipationLevel.CO_PRODUCTION,
        opens_at=now - dt.timedelta(days=14),
        closes_at=now + dt.timedelta(days=42),
        formative_stage="No decision has been made. The team will change the proposals in the light of what "
        "people say.",
        consideration="Every response is read. The co-production team reviews a summary and the themes before "
        "Cabinet decides, and we will publish what we heard and what changed.",
    )
    stages = [
        (Stage.Kind.CO_DESIGN, "Co-design workshops", -120, -20),
        (Stage.Kind.CONSULTATION, "Public consultation", -14, 42),
        (Stage.Kind.DECISION, "Cabinet decision", 90, 120),
        (Stage.Kind.FEEDBACK, "We asked, you said, we did", 130, None),
    ]
    for position, (kind, title, start, end) in enumerate(stages):
        Stage.objects.create(
            consultation=transport,
            kind=kind,
            title=title,
            position=position,
            starts_on=today + dt.timedelta(days=start),
            ends_on=today + dt.timedelta(days=end) if end is not None else None,
        )
    for position, (title, easy_read, file_name) in enumerate(
        [
            ("The proposals in full", False, "community-transport-the-proposals-in-full.pdf"),
            ("The proposals in Easy Read", True, "community-transport-the-proposals-in-easy-read.pdf"),
            ("Equality impact assessment", False, "community-transport-equality-impact-assessment.pdf"),
        ]
    ):
        document = Document(consultation=transport, title=title, is_easy_read=easy_read, position=position)
        document.file.save(f"{transport.slug}-{position}.pdf", demo_file(file_name), save=False)
        document.save()
    team = CoproductionTeam.objects.create(
        consultation=transport,
        purpose="Passengers, volunteer drivers, the current schemes and council staff designing the new service "
        "together. We meet monthly in Dereham or online.",
    )
    for name, kind, organisation, role, brings in [
        ("Margaret", TeamMember.Kind.COMMUNITY, "", "Co-chair", "Uses dial-a-ride to reach the Norfolk and Norwich"),
        ("Dev", TeamMember.Kind.COMMUNITY, "", "Member", "Wheelchair user in a village with no bus"),
        (
            "Aylsham Community Hub",
            TeamMember.Kind.ORGANISATION,
            "Aylsham Community Hub",
            "Member",
            "Runs a car scheme",
        ),
        ("Passenger transport team", TeamMember.Kind.STAFF, "", "Co-chair", "Commissioning and contracts"),
    ]:
        TeamMember.objects.create(
            team=team,
            name=name,
            kind=kind,
            organisation_name=organisation,
            role=role,
            brings=brings,
            is_lead=role == "Co-chair",
        )
    meeting = Meeting.objects.create(
        team=team,
        title="Workshop 3: fares and booking",
        starts_at=now - dt.timedelta(days=40),
        location="Dereham Memorial Hall",
        agenda="1. Welcome and what we heard last time\n2. Fares: three options\n3. Booking by phone and online",
        minutes="We compared three fare options. Passengers said a flat fare is easiest to understand.",
        attendance_count=14,
        adjustments="Hearing loop, Easy Read papers, taxis for two members.",
        is_published=True,
    )
    meeting.decisions.create(
        title="A flat fare across the county",
        options_considered="Fares by distance; fares by zone; one flat fare.",
        decided_by="The whole team, by consensus",
        reasons="Easiest to understand and fairest for people in remote villages.",
    )
    transport = services.consultation_publish(consultation=transport, by=staff)
    first = comment(
        transport, resident, "Evening journeys matter: my evening class finishes at 9pm and there is no way home."
    )
    comment(
        transport,
        staff,
        "Thank you. The proposals run the service until 10pm, and we would like to hear which journeys "
        "people need most.",
        parent=first,
        as_official=True,
    )

    day_ops = _consultation(
        places=[county],
        topics=[topic["adult-social-care"], topic["disability-and-accessibility"]],
        questions=[
            {
                "kind": Question.Kind.RANKING,
                "text": "What matters most in a good day?",
                "options": [
                    "Seeing friends",
                    "Learning new things",
                    "Paid work",
                    "Being active",
                    "Being in my community",
                ],
                "is_required": True,
            },
            {"kind": Question.Kind.LONG_TEXT, "text": "Tell us about a good day you had."},
        ],
        title="Day opportunities for adults with learning disabilities",
        slug="day-opportunities",
        summary="What does a good day look like? Help us shape day services before new contracts start.",
        body=DAY_OPS_BODY,
        commissioning="Day opportunities are commissioned from 40 providers at a cost of £18 million a year. "
        "The contracts end in 2027.",
        decision_maker="Director of Adult Social Services",
        decision_expected_on=today + dt.timedelta(days=150),
        participation_level=ParticipationLevel.CO_DESIGN,
        opens_at=now - dt.timedelta(days=3),
        closes_at=now + dt.timedelta(days=60),
        is_premoderated=True,
        formative_stage="We have not chosen a model yet.",
        consideration="People who use services and their families will review the findings with us.",
    )
    services.consultation_publish(consultation=day_ops, by=staff)

    libraries = _consultation(
        places=[Place.objects.get(slug="great-yarmouth")],
        topics=[topic["libraries-and-culture"]],
        questions=[],  # its branching survey follows
        title="Library opening hours in Great Yarmouth",
        slug="great-yarmouth-library-hours",
        summary="Should the library open later on weekdays and on Sunday afternoons?",
        body="We want to match opening hours to when people use the library.",
        commissioning="No new service is being bought: this is about how we run an existing one.",
        decision_maker="Head of Libraries",
        participation_level=ParticipationLevel.CONSULTATION,
        opens_at=now + dt.timedelta(days=10),
        closes_at=now + dt.timedelta(days=10 + 7 * 8),
    )
    # A survey that branches: people who would use Sunday opening are asked when, the others why not.
    sunday = Question.objects.create(
        consultation=libraries, kind=Question.Kind.SINGLE, text="Would you use Sunday opening?", options=["Yes", "No"]
    )
    for position, (answer, title, kind, text, options) in enumerate(
        [
            ("Yes", "Sunday hours", Question.Kind.MULTIPLE, "When would you come?", ["Morning", "Afternoon"]),
            ("No", "Other times", Question.Kind.LONG_TEXT, "What times would suit you better?", []),
        ],
        1,
    ):
        page = SurveyPage.objects.create(
            consultation=libraries, position=position, title=title, shown_if_question=sunday, shown_if_answer=answer
        )
        Question.objects.create(
            consultation=libraries, page=page, position=position, kind=kind, text=text, options=options
        )
    services.consultation_publish(consultation=libraries, by=staff)

    recycling = _consultation(
        places=[county],
        topics=[topic["environment-and-climate"]],
        questions=[
            {
                "kind": Question.Kind.SINGLE,
                "text": "Which closing day would suit you best?",
                "options": ["Tuesday", "Wednesday", "Thursday"],
            }
        ],
        title="Recycling centre opening days",
        slug="recycling-centre-opening-days",
        summary="We asked which days recycling centres should open. Here is what we heard and did.",
        body="Recycling centres were open six days a week with different closing days.",
        commissioning="The recycling centre contract was renewed in 2026.",
        decision_maker="Cabinet Member for Environment",
        participation_level=ParticipationLevel.CONSULTATION,
        opens_at=now - dt.timedelta(days=200),
        closes_at=now - dt.timedelta(days=110),
        published_at=now - dt.timedelta(days=201),
    )
    days = recycling.questions.get()
    from consultations.models import Answer, Response

    rng = random.Random(4)
    for n in range(60):
        response = Response.objects.create(
            consultation=recycling,
            channel=rng.choice(["online", "online", "online", "paper", "event"]),
            submitted_at=recycling.opens_at + dt.timedelta(days=n),
        )
        Answer.objects.create(response=response, question=days, choices=[rng.choice([0, 0, 1, 2])])
    outcome = Outcome.objects.create(
        consultation=recycling,
        what_we_asked="Which day of the week each recycling centre should close.",
        what_you_said="Most people preferred Tuesday closing, when centres are quietest.",
        decision="All recycling centres now close on Tuesdays and open until 6pm in summer.",
        decided_on=today - dt.timedelta(days=60),
    )
    OutcomeTheme.objects.create(outcome=outcome, theme="Open later in summer evenings", response_count=23)
    OutcomeTheme.objects.create(outcome=outcome, theme="Same closing day everywhere", response_count=17)
    OutcomeAction.objects.create(
        outcome=outcome,
        description="Close all centres on Tuesdays",
        owner="Waste services",
        due_on=today - dt.timedelta(days=30),
        status=OutcomeAction.Status.DONE,
    )
    OutcomeAction.objects.create(
        outcome=outcome,
        description="Summer opening until 6pm",
        owner="Waste services",
        due_on=today + dt.timedelta(days=90),
        status=OutcomeAction.Status.IN_PROGRESS,
    )
    services.outcome_publish(outcome=outcome, by=staff)

    _consultation(
        places=[Place.objects.get(slug="norwich")],
        questions=[{"kind": Question.Kind.SINGLE, "text": "Which day?", "options": ["Mon", "Fri"]}],
        title="Household waste collection days",
        slug="household-waste-collection-days",
        summary="Which day should your bins be collected?",
        body="We asked about collection days across Norwich.",
        commissioning="No new service: a change to how the current contract runs.",
        decision_maker="Cabinet Member for Environment",
        opens_at=now - dt.timedelta(days=60),
        closes_at=now - dt.timedelta(days=2),
        published_at=now - dt.timedelta(days=61),
    )
    _seed_moderation(transport, staff, resident)
    stdout.write(
        "Consultations: 5 (open, pre-moderated, upcoming, closed waiting for the decision, with an outcome), "
        "a co-production team, a hidden comment and a reported one the moderators kept."
    )
    if scale:
        _seed_bench(stdout, scale, staff)


def _consultation(*, places, topics=(), questions=(), **fields):
    """A consultation in its places and topics, with its questions in order (each a dict of a Question's fields)."""
    from consultations.models import Consultation, Question

    consultation = Consultation.objects.create(**fields)
    consultation.places.add(*places)
    consultation.topics.add(*topics)
    for position, question in enumerate(questions):
        Question.objects.create(consultation=consultation, position=position, **question)
    return consultation


def _seed_moderation(consultation, staff, resident) -> None:
    """A comment reported and kept after review, and one hidden by a moderator with its reason."""
    from allauth.account.models import EmailAddress

    from accounts.models import User
    from discussions import services as discussions
    from discussions.models import Comment, Report

    neighbour = User.objects.create_user("pat@example.org", display_name="Pat from Holt")
    EmailAddress.objects.create(user=neighbour, email=neighbour.email, verified=True, primary=True)
    kept = comment(
        consultation, neighbour, "Six schemes is five too many. One number to ring would be a relief for my mum."
    )
    discussions.comment_report(comment=kept, reporter=resident, reason=Report.Reason.OFF_TOPIC)
    discussions.comment_dismiss_reports(comment=kept, moderator=staff)
    hidden = comment(consultation, neighbour, "Ring me on 07700 900123 and I'll tell you what the driver said.")
    discussions.comment_hide(comment=hidden, moderator=staff, reason=Comment.HideReason.PERSONAL_INFORMATION)


def _seed_bench(stdout, scale: str, staff) -> None:
    """500 consultations, 200,000 comments (5,000 on one), 10,000 responses to it (a tenth for "small")."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone

    from accounts.models import User
    from consultations.models import Answer, Consultation, Question, Response
    from discussions.models import Comment
    from localism.models import Place, Topic

    count, comments_total, comments_big, responses_big = BENCH_SIZES[scale]
    now = timezone.now()
    rng = random.Random(42)
    places = list(Place.objects.values_list("pk", flat=True))
    topics = list(Topic.objects.values_list("pk", flat=True))
    with transaction.atomic():
        users = User.objects.bulk_create(
            [
                User(email=f"bench-consult-{n}@example.org", display_name=f"Resident {n}", password=UNUSABLE)
                for n in range(responses_big)
            ],
            batch_size=BATCH,
        )
        opening = [now - dt.timedelta(days=rng.randint(10, 400)) for _ in range(count)]
        consultations = Consultation.objects.bulk_create(
            [
                Consultation(
                    title=f"Bench consultation {n}" if n else "Community transport (bench)",
                    slug=f"bench-{n}" if n else BENCH_SLUG,
                    summary="A consultation in the bench data set.",
                    body="About it.",
                    body_html="<p>About it.</p>",
                    commissioning="Why.",
                    commissioning_html="<p>Why.</p>",
                    decision_maker="Cabinet",
                    opens_at=opens,
                    closes_at=(opens + dt.timedelta(days=rng.randint(28, 120))) if n else now + dt.timedelta(days=30),
                    published_at=now - dt.timedelta(days=500),
                )
                for n, opens in enumerate(opening)
            ],
            batch_size=BATCH,
        )
        place_link = Consultation.places.through
        place_link.objects.bulk_create(
            [place_link(consultation_id=c.pk, place_id=rng.choice(places)) for c in consultations], batch_size=BATCH
        )
        topic_link = Consultation.topics.through
        topic_link.objects.bulk_create(
            [topic_link(consultation_id=c.pk, topic_id=rng.choice(topics)) for c in consultations], batch_size=BATCH
        )
        big = consultations[0]
        questions = Question.objects.bulk_create(
            [
                Question(
                    consultation=big, position=0, kind="single", text="Used it?", options=["Yes", "No", "Not sure"]
                ),
                Question(
                    consultation=big, position=1, kind="scale", text="How well?", options=["1", "2", "3", "4", "5"]
                ),
                Question(
                    consultation=big,
                    position=2,
                    kind="multiple",
                    text="When?",
                    options=["Morning", "Afternoon", "Evening"],
                ),
                Question(
                    consultation=big,
                    position=3,
                    kind="ranking",
                    text="Priorities",
                    options=["Fares", "Hours", "Villages", "Booking"],
                ),
                Question(consultation=big, position=4, kind="long-text", text="Anything else?"),
            ]
        )
        responses = Response.objects.bulk_create(
            [
                Response(
                    consultation=big,
                    respondent=user,
                    channel="online" if n % 10 else "paper",
                    submitted_at=big.opens_at + dt.timedelta(minutes=n),
                    updated_at=big.opens_at + dt.timedelta(minutes=n),
                )
                for n, user in enumerate(users)
            ],
            batch_size=BATCH,
        )
        answers = []
        for response in responses:
            ranking = [0, 1, 2, 3]
            rng.shuffle(ranking)
            answers += [
                Answer(response=response, question=questions[0], choices=[rng.randint(0, 2)]),
                Answer(response=response, question=questions[1], choices=[rng.randint(0, 4)]),
                Answer(
                    response=response, question=questions[2], choices=sorted(rng.sample([0, 1, 2], rng.randint(1, 3)))
                ),
                Answer(response=response, question=questions[3], choices=ranking[: rng.randint(1, 4)]),
                Answer(response=response, question=questions[4], text="More evening journeys, please."),
            ]
            if len(answers) >= BATCH:
                Answer.objects.bulk_create(answers, batch_size=BATCH)
                answers = []
        Answer.objects.bulk_create(answers, batch_size=BATCH)
    content_type = ContentType.objects.get_for_model(Consultation)
    authors = [u.pk for u in users]
    made = 0
    # The big consultation's thread first: three in four top-level, the rest replies to recent ones.
    targets = [big.pk] * comments_big + [
        rng.choice(consultations[1:]).pk for _ in range(comments_total - comments_big)
    ]
    parents: dict[int, list[int]] = {}
    for start in range(0, len(targets), BATCH):
        with transaction.atomic():
            batch = []
            for offset, object_id in enumerate(targets[start : start + BATCH]):
                n = start + offset
                pool = parents.get(object_id, [])
                parent = rng.choice(pool[-50:]) if pool and n % 4 == 0 else None
                batch.append(
                    Comment(
                        content_type=content_type,
                        object_id=object_id,
                        parent_id=parent,
                        author_id=rng.choice(authors),
                        text=f"Bench comment {n}: evening journeys and fares matter to my family.",
                        agreement_count=rng.randint(0, 40),
                        created_at=now - dt.timedelta(minutes=len(targets) - n),
                    )
                )
            created = Comment.objects.bulk_create(batch, batch_size=BATCH)
            for comment in created:
                if comment.parent_id is None:
                    parents.setdefault(comment.object_id, []).append(comment.pk)
            made += len(created)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE discussions_comment c SET reply_count = r.n
            FROM (SELECT parent_id, COUNT(*) AS n FROM discussions_comment
                  WHERE parent_id IS NOT NULL GROUP BY parent_id) r
            WHERE c.id = r.parent_id
            """
        )
        cursor.execute(
            "ANALYZE discussions_comment; ANALYZE consultations_answer; ANALYZE consultations_response; "
            "ANALYZE accounts_user"
        )
    stdout.write(
        f"Consultations bench: {count} consultations, {made:,} comments ({comments_big:,} on one), "
        f"{len(responses):,} responses."
    )
