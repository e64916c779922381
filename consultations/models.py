"""Consultations and co-production: from the first workshop to "we asked, you said, we did"."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from accounts.fields import person_link
from localism.actions import TrackedAction
from localism.fields import council_link
from localism.links import path_for
from localism.markdown import render_markdown
from localism.models import Place, Topic
from localism.uploads import DescribedFile, validate_document
from transparency.delivery import DeliveredBy

TEXT_ANSWER_MAX_LENGTH = 5000


class ParticipationLevel(models.TextChoices):
    """The ladder of participation, from the bottom rung up."""

    INFORMING = "informing", "Informing"
    CONSULTATION = "consultation", "Consultation"
    ENGAGEMENT = "engagement", "Engagement"
    CO_DESIGN = "co-design", "Co-design"
    CO_PRODUCTION = "co-production", "Co-production"


class ConsultationQuerySet(models.QuerySet):
    def published(self) -> ConsultationQuerySet:
        return self.filter(published_at__isnull=False, published_at__lte=timezone.now())

    def open(self) -> ConsultationQuerySet:
        now = timezone.now()
        return self.published().filter(opens_at__lte=now, closes_at__gt=now)

    def upcoming(self) -> ConsultationQuerySet:
        return self.published().filter(opens_at__gt=timezone.now())

    def closed(self) -> ConsultationQuerySet:
        return self.published().filter(closes_at__lte=timezone.now())

    def still_to_close(self) -> ConsultationQuerySet:
        """Drafts and published consultations that have not closed: those staff still plan events for."""
        return self.filter(closes_at__gt=timezone.now())

    def with_outcome(self) -> ConsultationQuerySet:
        return self.published().filter(outcome__published_at__isnull=False)

    def in_place(self, place: Place) -> ConsultationQuerySet:
        """Tied to the place, to an area inside it, or to an area that contains it (the county covers everyone)."""
        return self.filter(place.content_filter("places", covering=True)).distinct()

    def for_cards(self) -> ConsultationQuerySet:
        """Only the columns a consultation's card reads (templates/jinja2/consultations/_cards.html). Its status
        is the annotated one where the queryset has it (with_status), else worked out from its outcome's."""
        if "status_code" in self.query.annotations:
            return self.only(*_CARD_COLUMNS)
        return self.select_related("outcome").only(*_CARD_COLUMNS, "outcome__published_at")

    def with_status(self) -> ConsultationQuerySet:
        now = timezone.now()

        def code(status: str) -> models.Value:
            # One field for them all: a Value left to work out its type makes a CharField of its own.
            return models.Value(status, output_field=_STATUS_CODE)

        return self.annotate(
            status_code=models.Case(
                models.When(published_at__isnull=True, then=code("draft")),
                models.When(published_at__gt=now, then=code("draft")),
                models.When(outcome__published_at__isnull=False, then=code("outcome")),
                models.When(opens_at__gt=now, then=code("upcoming")),
                models.When(closes_at__gt=now, then=code("open")),
                default=code("closed"),
                output_field=_STATUS_CODE,
            )
        )


# What a card shows of a consultation (ConsultationQuerySet.for_cards), and what its status is worked out from.
_CARD_COLUMNS = ("title", "slug", "summary", "opens_at", "closes_at", "published_at")

# The type of the annotated status (ConsultationQuerySet.with_status).
_STATUS_CODE = models.CharField()


class Consultation(models.Model):
    """A service being commissioned with the community, and the public consultation about it."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        UPCOMING = "upcoming", "Opening soon"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"
        OUTCOME = "outcome", "Outcome published"

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    summary = models.CharField(max_length=400, help_text="One or two sentences shown in lists.")
    body = models.TextField("about this consultation", help_text="Markdown.")
    body_html = models.TextField(editable=False, default="")
    commissioning = models.TextField(
        "what is being commissioned and why", help_text="Markdown: the service, its budget and the reasons."
    )
    commissioning_html = models.TextField(editable=False, default="")
    council = council_link(
        "consultations",
        help_text="The council that is asking and will decide; its own staff run the consultation.",
    )
    decision_maker = models.CharField(max_length=200, help_text="Who decides, e.g. 'Cabinet' or a named director.")
    decision_expected_on = models.DateField("expected decision date", null=True, blank=True)
    participation_level = models.CharField(
        max_length=16, choices=ParticipationLevel.choices, default=ParticipationLevel.CONSULTATION
    )
    places = models.ManyToManyField(Place, blank=True, related_name="consultations")
    topics = models.ManyToManyField(Topic, blank=True, related_name="consultations")
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    is_premoderated = models.BooleanField(
        "pre-moderate comments", default=False, help_text="Comments wait for a moderator before they are published."
    )
    # The Gunning principles, confirmed by staff when they publish.
    formative_stage = models.TextField(
        "why proposals are still at a formative stage", blank=True, help_text="Gunning principle 1."
    )
    consideration = models.TextField("how responses will be considered", blank=True, help_text="Gunning principle 4.")
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_by = person_link(editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="consultation_closes_after_opening"
            )
        ]
        indexes = [
            models.Index(fields=["published_at", "opens_at", "closes_at"], name="consultation_dates"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body)
        self.commissioning_html = render_markdown(self.commissioning)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return path_for("consultations:detail", slug=self.slug)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None and self.published_at <= timezone.now()

    def status_at(self, moment) -> str:
        if not self.published_at or self.published_at > moment:
            return self.Status.DRAFT
        if self.has_published_outcome:
            return self.Status.OUTCOME
        if moment < self.opens_at:
            return self.Status.UPCOMING
        if moment < self.closes_at:
            return self.Status.OPEN
        return self.Status.CLOSED

    @property
    def status(self) -> str:
        code = getattr(self, "status_code", None)
        return code or self.status_at(timezone.now())

    @property
    def status_label(self) -> str:
        return self.Status(self.status).label

    @property
    def is_open(self) -> bool:
        now = timezone.now()
        return self.is_published and self.opens_at <= now < self.closes_at

    @property
    def has_closed(self) -> bool:
        return timezone.now() >= self.closes_at

    @property
    def has_published_outcome(self) -> bool:
        outcome = getattr(self, "_outcome_cache", None)
        if outcome is None:
            try:
                outcome = self.outcome
            except Outcome.DoesNotExist:
                return False
        return outcome.published_at is not None

    @property
    def days_left(self) -> int:
        """Days from today to the closing day, as dates in the site's time zone (0 on the closing day itself): a
        consultation closing at 9am tomorrow has one day left, not "closes today"."""
        return max(0, (timezone.localdate(self.closes_at) - timezone.localdate()).days)

    @property
    def open_weeks(self) -> float:
        return (self.closes_at - self.opens_at).total_seconds() / (7 * 24 * 3600)


class Stage(models.Model):
    """A step on the consultation's timeline (co-design, public consultation, decision, feedback)."""

    class Kind(models.TextChoices):
        CO_DESIGN = "co-design", "Co-design"
        CONSULTATION = "consultation", "Public consultation"
        DECISION = "decision", "Decision"
        FEEDBACK = "feedback", "Feedback"
        DELIVERY = "delivery", "Delivery"

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="stages")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    title = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="stage_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def is_current_on(self, day) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


def document_upload_to(instance, filename: str) -> str:
    return f"consultations/{timezone.now():%Y/%m}/{filename}"


class Document(DescribedFile):
    """A paper people can download: the proposal, an Easy Read version, an impact assessment."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(upload_to=document_upload_to, validators=[validate_document])
    is_easy_read = models.BooleanField("Easy Read version", default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def get_absolute_url(self) -> str:
        return reverse("consultations:document", kwargs={"slug": self.consultation.slug, "pk": self.pk})


class ShownIf(models.Model):
    """A branching rule: shown only when the answer to an earlier question is, or includes, one option."""

    # Labelled for staff in the admin's forms (consultations.admin.ShownIfForm).
    shown_if_question = models.ForeignKey("Question", models.SET_NULL, null=True, blank=True, related_name="+")
    shown_if_answer = models.CharField(max_length=200, blank=True)

    class Meta:
        abstract = True

    @property
    def has_condition(self) -> bool:
        return self.shown_if_question_id is not None


class SurveyPage(ShownIf):
    """A page of a survey that branches: its questions are asked together, after the pages before it."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="survey_pages")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=120, help_text="The page's heading, e.g. 'Your journeys'.")
    intro = models.CharField(max_length=500, blank=True, help_text="A sentence shown under the heading.")

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class Question(ShownIf):
    """One survey question; editable until the first response arrives."""

    class Kind(models.TextChoices):
        TEXT = "text", "Short text"
        LONG_TEXT = "long-text", "Long text"
        SINGLE = "single", "Single choice"
        MULTIPLE = "multiple", "Multiple choice"
        SCALE = "scale", "Scale of 1 to 5"
        RANKING = "ranking", "Ranking of priorities"

    CHOICE_KINDS = (Kind.SINGLE, Kind.MULTIPLE, Kind.SCALE, Kind.RANKING)

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="questions")
    # Questions on no page are asked first.
    page = models.ForeignKey(SurveyPage, models.SET_NULL, null=True, blank=True, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    text = models.CharField(max_length=300)
    help_text = models.CharField(max_length=500, blank=True)
    is_required = models.BooleanField(default=False)
    options = ArrayField(
        models.CharField(max_length=200),
        default=list,
        blank=True,
        help_text="One per line. A scale question has 5 labels, from 1 to 5.",
    )

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text

    @property
    def has_options(self) -> bool:
        return self.kind in self.CHOICE_KINDS

    def answer_in_words(self, text: str, choices) -> str:
        """An answer as a person reads it: the text, or the options chosen (a ranking numbered in its order)."""
        if not self.has_options:
            return text
        labels = [self.options[i] for i in choices if i < len(self.options)]
        if self.kind == self.Kind.RANKING:
            return "; ".join(f"{n}. {label}" for n, label in enumerate(labels, 1))
        return "; ".join(labels)


class Response(models.Model):
    """One person's answers to one consultation (online, or entered by staff from paper, phone or an event)."""

    council_path = "consultation__council"

    class Channel(models.TextChoices):
        ONLINE = "online", "Online"
        PAPER = "paper", "Paper form"
        PHONE = "phone", "Phone"
        EVENT = "event", "At an event"
        EMAIL = "email", "Email or letter"
        CODE = "code", "Online, with a one-time code"

    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="responses")
    respondent = person_link("consultation_responses")
    channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.ONLINE)
    entered_by = person_link()
    respondent_name = models.CharField(
        max_length=120, blank=True, help_text="For an offline response: the name the person gave, if any."
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    revision = models.PositiveIntegerField(default=1)
    # The questions the survey's branching skipped for this person: "not asked", unlike a question left empty.
    not_asked = ArrayField(models.PositiveIntegerField(), default=list, blank=True, editable=False)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "respondent"],
                condition=Q(respondent__isnull=False),
                name="response_one_per_person",
            )
        ]
        indexes = [models.Index(fields=["consultation", "channel"], name="response_channel")]

    def __str__(self) -> str:
        return f"Response {self.pk} to {self.consultation_id}"


class Answer(models.Model):
    """The answer to one question: text, or the chosen options in order (ranking: most important first)."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    text = models.TextField(blank=True, max_length=TEXT_ANSWER_MAX_LENGTH)
    choices = ArrayField(models.PositiveSmallIntegerField(), default=list, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="answer_once_per_question")]
        indexes = [models.Index(fields=["question"], name="answer_question")]

    def __str__(self) -> str:
        return f"Answer to {self.question_id}"


class ResponseDraft(models.Model):
    """Answers a person saved to come back to before the consultation closes; never counted in the results."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="drafts")
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consultation_drafts"
    )
    # {"<question id>": {"text": "...", "choices": [..]}}, only for questions the person was asked.
    answers = models.JSONField(default=dict, blank=True)
    # The pages answered in full (a page's id, 0 for the questions on no page).
    pages_done = ArrayField(models.PositiveIntegerField(), default=list, blank=True)
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["consultation", "respondent"], name="response_draft_one_per_person")
        ]

    def __str__(self) -> str:
        return f"Draft response to {self.consultation_id}"


class EqualityAnswers(models.Model):
    """One person's answers to the equality questions (consultations.equality), each optional: the fields that a
    consultation's monitoring record and a person's saved answers share."""

    PREFER_NOT = "prefer-not"

    age_band = models.CharField(max_length=12, blank=True)
    sex = models.CharField(max_length=12, blank=True)
    gender_identity_same = models.CharField(max_length=12, blank=True)
    sexual_orientation = models.CharField(max_length=24, blank=True)
    ethnic_group = models.CharField(max_length=40, blank=True)
    religion = models.CharField(max_length=24, blank=True)
    disability = models.CharField(max_length=12, blank=True)
    disability_impact = models.CharField(max_length=12, blank=True)
    marital_status = models.CharField(max_length=24, blank=True)
    pregnancy = models.CharField(max_length=12, blank=True)
    caring = models.CharField(max_length=16, blank=True)

    ANSWER_FIELDS = (
        "age_band",
        "sex",
        "gender_identity_same",
        "sexual_orientation",
        "ethnic_group",
        "religion",
        "disability",
        "disability_impact",
        "marital_status",
        "pregnancy",
        "caring",
    )

    class Meta:
        abstract = True

    def answers(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in self.ANSWER_FIELDS}


class EqualityMonitoring(EqualityAnswers):
    """Optional equality monitoring, kept apart from answers and identity: no link to a person or a response.

    Categories follow the ONS/GSS harmonised standards for England. Only the consultation is kept,
    so that figures can be reported per consultation, and only in aggregate.
    """

    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="equality_monitoring")
    # The day only: a timestamp could be matched to a response.
    submitted_on = models.DateField(default=timezone.localdate)

    class Meta:
        verbose_name_plural = "equality monitoring"

    def __str__(self) -> str:
        return f"Equality monitoring for {self.consultation_id}"


class SavedEqualityAnswers(EqualityAnswers):
    """A person's own equality answers, kept in their profile to reuse in each consultation if they choose.

    Kept apart: never joined to a response, never in the staff admin, never shown to anyone but the person
    (in their profile and their data download); reusing them stores a fresh anonymous EqualityMonitoring.
    """

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_equality_answers"
    )
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "saved equality answers"

    def __str__(self) -> str:
        return "Saved equality answers"


class EqualityQuestionsAsked(models.Model):
    """That a person has been asked a consultation's equality questions (and answered or skipped them): they are
    asked once per consultation, after its survey or its budget simulator, whichever comes first.

    Holds no answer and no time, so it cannot be matched to an EqualityMonitoring record.
    """

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    answered = models.BooleanField(help_text="False: the person chose to skip the questions.")

    class Meta:
        verbose_name_plural = "equality questions asked"
        constraints = [
            models.UniqueConstraint(fields=["consultation", "person"], name="equality_asked_once_per_consultation")
        ]

    def __str__(self) -> str:
        return f"Equality questions asked for {self.consultation_id}"


class DistrictPopulation(models.Model):
    """The make-up of a district's population (for example from Census 2021), by the categories of the equality
    questions: what the equality report compares respondents with. Kept by the district's council."""

    # Whose figures they are (accounts.permissions.council_id_of): the district's council, set from the district.
    council_path = "council"

    district = models.OneToOneField(
        Place,
        on_delete=models.PROTECT,
        related_name="population",
        limit_choices_to={"kind": Place.Kind.DISTRICT},
    )
    council = council_link("+", editable=False)
    residents = models.PositiveIntegerField(
        "usual residents", help_text="The district's population: weights the district in a larger area's figures."
    )
    source = models.CharField(
        max_length=200, help_text="Where the figures come from, e.g. 'Census 2021, ONS (TS007A, TS021, TS038)'."
    )
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["district__name"]
        verbose_name = "district population"

    def __str__(self) -> str:
        return f"Population of {self.district}"


class PopulationShare(models.Model):
    """The share of a district's population in one category of one equality question, in per cent."""

    population = models.ForeignKey(DistrictPopulation, on_delete=models.CASCADE, related_name="shares")
    question = models.CharField(max_length=24)
    category = models.CharField(max_length=40)
    percent = models.DecimalField(max_digits=5, decimal_places=2)

    class Meta:
        ordering = ["population", "question", "category"]
        constraints = [
            models.UniqueConstraint(fields=["population", "question", "category"], name="population_share_once"),
            models.CheckConstraint(
                condition=Q(percent__gte=0) & Q(percent__lte=100), name="population_share_is_a_percentage"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question} {self.category}: {self.percent}%"


class CoproductionTeam(models.Model):
    """Community representatives and staff designing the service together, as equals."""

    council_path = "consultation__council"

    consultation = models.OneToOneField(Consultation, on_delete=models.CASCADE, related_name="team")
    purpose = models.TextField(help_text="What the team is for and how it works.")
    is_recruiting = models.BooleanField("open to applications", default=True)

    def __str__(self) -> str:
        return f"Co-production team: {self.consultation}"


class TeamMember(models.Model):
    class Kind(models.TextChoices):
        COMMUNITY = "community", "Community representative"
        ORGANISATION = "organisation", "Community organisation"
        STAFF = "staff", "Council staff"

    team = models.ForeignKey(CoproductionTeam, on_delete=models.CASCADE, related_name="members")
    user = person_link("team_memberships")
    name = models.CharField(max_length=120, help_text="As shown publicly.")
    organisation_name = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=14, choices=Kind.choices)
    role = models.CharField(max_length=120, help_text="e.g. Co-chair, Member, Lived experience advisor.")
    is_lead = models.BooleanField(
        "leads the team",
        default=False,
        help_text="A lead with an account organises the sign-ups to the team's meetings: who is coming, their "
        "access needs and the waiting list.",
    )
    brings = models.CharField("lived experience or interest they bring", max_length=300, blank=True)
    access_needs = models.TextField(blank=True, help_text="Private to staff; never shown publicly.")
    joined_on = models.DateField(default=timezone.localdate)

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["team", "user"], condition=Q(user__isnull=False), name="team_member_once")
        ]

    def __str__(self) -> str:
        return self.name


class TeamApplication(models.Model):
    """A resident or group asking to join a co-production team."""

    council_path = "team__consultation__council"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a decision"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"

    team = models.ForeignKey(CoproductionTeam, on_delete=models.CASCADE, related_name="applications")
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="team_applications")
    organisation_name = models.CharField("on behalf of an organisation", max_length=200, blank=True)
    why = models.TextField("why you would like to join", max_length=2000)
    brings = models.CharField("lived experience or interest you bring", max_length=300)
    access_needs = models.TextField("support or adjustments you need to take part", max_length=1000, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decision_reason = models.TextField(blank=True)
    decided_by = person_link()
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "applicant"], condition=Q(status="pending"), name="team_application_one_pending"
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decision_reason=""), name="team_application_declined_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.applicant} to {self.team}"


class MeetingQuerySet(models.QuerySet):
    def public(self) -> MeetingQuerySet:
        """Published meetings of published consultations: what everyone sees."""
        return self.filter(is_published=True, team__consultation__in=Consultation.objects.published())

    def upcoming(self) -> MeetingQuerySet:
        return self.filter(starts_at__gte=timezone.now())


class Meeting(models.Model):
    """A co-production team meeting, published with its agenda, papers, minutes and decisions."""

    council_path = "team__consultation__council"

    team = models.ForeignKey(CoproductionTeam, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    location = models.CharField(max_length=200, help_text="An address, or 'Online (Teams)'.")
    is_online = models.BooleanField(default=False)
    agenda = models.TextField(blank=True, help_text="Markdown.")
    minutes = models.TextField(blank=True, help_text="Markdown.")
    attendance_count = models.PositiveSmallIntegerField(null=True, blank=True)
    adjustments = models.TextField("adjustments made", blank=True, help_text="e.g. BSL interpreter, hearing loop.")
    is_published = models.BooleanField(default=False)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("consultations:meeting", kwargs={"slug": self.team.consultation.slug, "pk": self.pk})

    @property
    def agenda_html(self) -> str:
        return render_markdown(self.agenda)

    @property
    def minutes_html(self) -> str:
        return render_markdown(self.minutes)


class MeetingPaper(DescribedFile):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="papers")
    file = models.FileField(upload_to=document_upload_to, validators=[validate_document])


class MeetingDecision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    title = models.CharField(max_length=200)
    options_considered = models.TextField()
    decided_by = models.CharField(max_length=200, help_text="e.g. 'The whole team, by consensus'.")
    reasons = models.TextField()

    def __str__(self) -> str:
        return self.title


class Outcome(models.Model):
    """We asked, you said, we did."""

    # Whose content it is, for council-scoped staff (accounts.permissions.council_id_of).
    council_path = "consultation__council"

    consultation = models.OneToOneField(Consultation, on_delete=models.CASCADE, related_name="outcome")
    what_we_asked = models.TextField(help_text="Markdown.")
    what_you_said = models.TextField("summary of what people said", help_text="Markdown.")
    decision = models.TextField("what was decided", help_text="Markdown.")
    decision_url = models.URLField("link to the decision record", blank=True)
    decided_on = models.DateField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)

    def __str__(self) -> str:
        return f"Outcome: {self.consultation}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def what_we_asked_html(self) -> str:
        return render_markdown(self.what_we_asked)

    @property
    def what_you_said_html(self) -> str:
        return render_markdown(self.what_you_said)

    @property
    def decision_html(self) -> str:
        return render_markdown(self.decision)


class OutcomeTheme(models.Model):
    """A theme staff coded from free-text answers, with how many responses raised it."""

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="themes")
    theme = models.CharField(max_length=200)
    response_count = models.PositiveIntegerField()
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["-response_count", "theme"]

    def __str__(self) -> str:
        return self.theme


class OutcomeActionQuerySet(models.QuerySet):
    def public(self) -> OutcomeActionQuerySet:
        """The actions of published outcomes of published consultations: what the public sees, here and on the
        spending pages that name what a payment delivered."""
        return self.filter(outcome__consultation__in=Consultation.objects.with_outcome())


class OutcomeAction(TrackedAction, DeliveredBy):
    """What the council will do as a result, tracked over time, with the decision, contracts and payments that
    delivered it."""

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="actions")

    objects = OutcomeActionQuerySet.as_manager()

    def get_absolute_url(self) -> str:
        return reverse("consultations:outcome", kwargs={"slug": self.outcome.consultation.slug}) + f"#action-{self.pk}"

    @property
    def delivered_title(self) -> str:
        return self.description

    @property
    def delivered_context(self) -> str:
        return f"What we did after the consultation “{self.outcome.consultation.title}”"
