"""Neighbourhood plans: for each neighbourhood area (usually a parish), where its plan has got to.

The stages follow the Neighbourhood Planning (General) Regulations 2012: the area is designated; the
qualifying body consults for at least 6 weeks before submitting (regulation 14); the plan is submitted
to the district council (the planning authority) and examined; a referendum is held; and a plan that
more than half of those voting supported is "made" (it becomes part of the development plan).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from accounts.fields import person_link
from localism.dates import long_date
from localism.fields import page_address
from localism.models import Council, Place
from localism.uploads import DescribedFile, validate_document

# Regulation 14: the pre-submission consultation runs for at least 6 weeks.
CONSULTATION_MIN_DAYS = 42
PERCENT = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


class Stage(models.TextChoices):
    DESIGNATED = "designated", "Area designated"
    PRE_SUBMISSION = "pre_submission", "Pre-submission consultation"
    SUBMITTED = "submitted", "Submitted to the council"
    EXAMINATION = "examination", "Examination"
    REFERENDUM = "referendum", "Referendum held"
    MADE = "made", "Made (in force)"


STAGE_ORDER = list(Stage.values)


class PlanQuerySet(models.QuerySet):
    def in_place(self, place: Place) -> PlanQuerySet:
        """The plans of the place itself (a parish) or of the neighbourhood areas inside it (a district)."""
        return self.filter(place.content_filter("area", covering=False))


class NeighbourhoodPlan(models.Model):
    """The neighbourhood plan of one neighbourhood area, and the stage it has reached."""

    area = models.OneToOneField(
        Place,
        verbose_name="neighbourhood area",
        on_delete=models.PROTECT,
        related_name="neighbourhood_plan",
        help_text="Usually a parish.",
    )
    name = models.CharField(max_length=200, help_text="For example, “Cromer Neighbourhood Plan”.")
    council = models.ForeignKey(
        Council,
        verbose_name="planning authority",
        on_delete=models.PROTECT,
        related_name="neighbourhood_plans",
        help_text="The district council that designated the area and examines the plan.",
    )
    qualifying_body = models.CharField(
        max_length=200, help_text="The parish or town council, or the neighbourhood forum, preparing the plan."
    )
    summary = models.TextField("what the plan covers", blank=True, max_length=5000)
    website = models.URLField("the plan's own website", blank=True)
    stage = models.CharField(max_length=16, choices=Stage.choices, default=Stage.DESIGNATED)
    designated_on = models.DateField("area designated on")
    consultation_opens = models.DateField("pre-submission consultation opens", null=True, blank=True)
    consultation_closes = models.DateField("pre-submission consultation closes", null=True, blank=True)
    consultation_url = page_address(
        "the consultation's page",
        help_text="The consultation on this portal (/consultations/…) or on the plan's website.",
    )
    submitted_on = models.DateField(null=True, blank=True)
    examination_starts = models.DateField("examination started on", null=True, blank=True)
    examiner = models.CharField("independent examiner", max_length=200, blank=True)
    referendum_on = models.DateField("referendum held on", null=True, blank=True)
    turnout = models.DecimalField(
        "turnout (%)", max_digits=5, decimal_places=2, null=True, blank=True, validators=PERCENT
    )
    yes_share = models.DecimalField(
        "share voting yes (%)", max_digits=5, decimal_places=2, null=True, blank=True, validators=PERCENT
    )
    made_on = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = person_link()

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["area__name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(turnout__isnull=True) | models.Q(turnout__gte=0, turnout__lte=100),
                name="plan_turnout_percent",
            ),
            models.CheckConstraint(
                condition=models.Q(yes_share__isnull=True) | models.Q(yes_share__gte=0, yes_share__lte=100),
                name="plan_yes_share_percent",
            ),
            models.CheckConstraint(
                condition=models.Q(consultation_opens__isnull=True)
                | models.Q(
                    consultation_closes__gte=models.F("consultation_opens")
                    + datetime.timedelta(days=CONSULTATION_MIN_DAYS)
                ),
                name="plan_consultation_six_weeks",
            ),
            models.CheckConstraint(
                condition=~models.Q(stage__in=["referendum", "made"])
                | models.Q(referendum_on__isnull=False, turnout__isnull=False, yes_share__isnull=False),
                name="plan_referendum_has_result",
            ),
            models.CheckConstraint(
                condition=~models.Q(stage="made") | models.Q(made_on__isnull=False, yes_share__gt=50),
                name="plan_made_after_a_yes",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("neighbourhood_plans:detail", kwargs={"slug": self.area.slug})

    @property
    def district(self) -> Place | None:
        return self.area.parent if self.area.parent_id else None

    @property
    def referendum_passed(self) -> bool | None:
        if self.yes_share is None:
            return None
        return self.yes_share > 50

    @staticmethod
    def _percent(value: Decimal | None) -> str:
        return "" if value is None else f"{value.normalize():f}%"

    @property
    def turnout_text(self) -> str:
        """'31.5%', '40%': as precise as it was entered."""
        return self._percent(self.turnout)

    @property
    def yes_share_text(self) -> str:
        return self._percent(self.yes_share)

    @property
    def status_label(self) -> str:
        if self.stage == Stage.REFERENDUM and self.referendum_passed is False:
            return "Referendum held: not supported"
        if self.stage == Stage.PRE_SUBMISSION and self.consultation_opens:
            today = timezone.localdate()
            if self.consultation_opens <= today <= self.consultation_closes:
                return "Pre-submission consultation: open now"
        return self.get_stage_display()

    def _stage_detail(self, stage: str) -> str:
        """What happened at a stage, in words, once it has happened."""

        if stage == Stage.DESIGNATED:
            return f"Designated on {long_date(self.designated_on)}."
        if stage == Stage.PRE_SUBMISSION and self.consultation_opens:
            return f"{long_date(self.consultation_opens)} to {long_date(self.consultation_closes)}."
        if stage == Stage.SUBMITTED and self.submitted_on:
            return f"Submitted to {self.council.name} on {long_date(self.submitted_on)}."
        if stage == Stage.EXAMINATION and self.examination_starts:
            by = f", examined by {self.examiner}" if self.examiner else ""
            return f"Started on {long_date(self.examination_starts)}{by}."
        if stage == Stage.REFERENDUM and self.referendum_on:
            return f"Held on {long_date(self.referendum_on)}."
        if stage == Stage.MADE and self.made_on:
            return (
                f"Made by {self.council.name} on {long_date(self.made_on)}: "
                f"planning decisions in {self.area.name} follow it."
            )
        return ""

    def stages(self) -> list[dict]:
        """Each stage: its name, whether it is the current one or still to come, and what happened at it."""
        current = STAGE_ORDER.index(self.stage)
        return [
            {
                "label": label,
                "is_current": index == current and value != Stage.MADE,
                "is_to_come": index > current,
                "detail": self._stage_detail(value),
                "consultation_url": self.consultation_url if value == Stage.PRE_SUBMISSION else "",
            }
            for index, (value, label) in enumerate(Stage.choices)
        ]


def document_upload_to(instance: PlanDocument, filename: str) -> str:
    return f"neighbourhood-plans/{timezone.now():%Y/%m}/{filename}"


class PlanDocument(DescribedFile):
    """A published document of a plan: the area application, the draft plan, the examiner's report, ..."""

    plan = models.ForeignKey(NeighbourhoodPlan, on_delete=models.CASCADE, related_name="documents")
    stage = models.CharField(max_length=16, choices=Stage.choices)
    file = models.FileField(upload_to=document_upload_to, validators=[validate_document])
    published_on = models.DateField(default=timezone.localdate)
    uploaded_by = person_link()

    class Meta:
        ordering = ["published_on", "id"]

    @property
    def stage_and_date(self) -> str:
        """What the plan's page lists beside the document's type and size: "submission, 7 March 2026"."""
        return f"{self.get_stage_display().lower()}, {long_date(self.published_on)}"

    def get_absolute_url(self) -> str:
        return reverse("neighbourhood_plans:document", kwargs={"slug": self.plan.area.slug, "pk": self.pk})
