"""A "balance the budget" exercise that a consultation can include: residents move each service's budget
up or down in steps, may raise council tax, and submit only a budget that finds the saving the council needs.

Money is in whole pounds. A service moves in steps of `step_pounds`; the plain-words consequence of each
step is written by staff, one line per step, so how far a service can move is how many lines there are.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from accounts.fields import person_link
from consultations.models import Consultation
from localism.markdown import render_markdown
from localism.models import Place
from transparency.fields import decision_link

MAX_STEPS = 10


def _lines(help_text: str):
    return ArrayField(
        models.CharField(max_length=200),
        size=MAX_STEPS,
        default=list,
        blank=True,
        help_text=f"{help_text} One line per step, at most {MAX_STEPS}.",
    )


class BudgetSimulatorQuerySet(models.QuerySet):
    def published(self) -> BudgetSimulatorQuerySet:
        """What the public sees: the exercise of a published consultation."""
        now = timezone.now()
        return self.filter(consultation__published_at__isnull=False, consultation__published_at__lte=now)

    def with_public_results(self) -> BudgetSimulatorQuerySet:
        """Results are public once the consultation closes (as its survey results are)."""
        return self.published().filter(consultation__closes_at__lte=timezone.now())

    def results_visible_to(self, user) -> BudgetSimulatorQuerySet:
        """The queryset form of `budget_simulator.see_results_simulator`: public results, and staff's own."""
        from accounts.permissions import for_council_staff, is_staff_member

        public = self.with_public_results()
        if not is_staff_member(user):
            return public
        return self.filter(pk__in=public.values("pk")) | for_council_staff(self.all(), user)


class BudgetSimulator(models.Model):
    """The exercise: the saving to find, the services that can move, and the council tax option."""

    council_path = "consultation__council"

    consultation = models.OneToOneField(Consultation, on_delete=models.PROTECT, related_name="budget_simulator")
    title = models.CharField(max_length=200, help_text="For example, 'Balance our 2027 to 2028 budget'.")
    introduction = models.TextField(blank=True, help_text="Markdown: why the council must find the saving.")
    saving_required = models.PositiveIntegerField(
        "saving that must be found (£)", help_text="Whole pounds; a resident's budget must find at least this."
    )
    council_tax_step_pounds = models.PositiveIntegerField(
        "council tax: money raised per step (£)",
        default=0,
        help_text="Whole pounds a year. 0 leaves council tax out of the exercise.",
    )
    council_tax_band_d_pence = models.PositiveIntegerField(
        "council tax: cost per Band D household per step (pence a year)", default=0
    )
    council_tax_max_steps = models.PositiveSmallIntegerField("council tax: how many steps it can rise", default=0)
    decision = decision_link(editable=False, help_text="The council's final budget decision, in the decisions log.")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = BudgetSimulatorQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(council_tax_max_steps__lte=MAX_STEPS), name="budget_simulator_tax_steps_limit"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("budget_simulator:simulator", kwargs={"slug": self.consultation.slug})

    @property
    def introduction_html(self) -> str:
        return render_markdown(self.introduction)

    @property
    def band_d_pounds_per_step(self) -> Decimal:
        return Decimal(self.council_tax_band_d_pence) / 100

    @property
    def has_council_tax(self) -> bool:
        return self.council_tax_step_pounds > 0 and self.council_tax_max_steps > 0


class ServiceArea(models.Model):
    """One service whose budget can move, and what each step up or down would mean for people."""

    council_path = "simulator__consultation__council"

    simulator = models.ForeignKey(BudgetSimulator, on_delete=models.CASCADE, related_name="services")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=120)
    description = models.CharField(max_length=400, blank=True)
    current_budget = models.PositiveIntegerField("current budget (£)")
    step_pounds = models.PositiveIntegerField("money per step (£)")
    cuts = _lines("What each step down means, from one step down: e.g. '2 fewer mobile library stops'.")
    increases = _lines("What each step up means, from one step up: e.g. '50 more home care packages'.")

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.CheckConstraint(condition=Q(step_pounds__gt=0), name="service_area_step_positive")]

    def __str__(self) -> str:
        return self.name

    @property
    def min_steps(self) -> int:
        return -len(self.cuts)

    @property
    def max_steps(self) -> int:
        return len(self.increases)

    def consequence(self, steps: int) -> str:
        """The plain-words effect of moving the budget by `steps` (no change: '')."""
        if steps < 0 and -steps <= len(self.cuts):
            return self.cuts[-steps - 1]
        if 0 < steps <= len(self.increases):
            return self.increases[steps - 1]
        return ""


class BudgetSubmissionQuerySet(models.QuerySet):
    def for_results(self, simulator: BudgetSimulator, district: Place | None = None) -> BudgetSubmissionQuerySet:
        found = self.filter(simulator=simulator)
        return found.filter(district=district) if district is not None else found


class BudgetSubmission(models.Model):
    """One person's balanced budget (one per person, changed while the consultation is open)."""

    council_path = "simulator__consultation__council"

    simulator = models.ForeignKey(BudgetSimulator, on_delete=models.PROTECT, related_name="submissions")
    respondent = person_link("budget_submissions")
    # Only the district of the postcode they gave is kept, for the results by place.
    district = models.ForeignKey(Place, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    council_tax_steps = models.PositiveSmallIntegerField(default=0)
    submitted_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = BudgetSubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["simulator", "respondent"],
                condition=Q(respondent__isnull=False),
                name="budget_submission_one_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"Budget {self.pk} for {self.simulator_id}"


class BudgetChoice(models.Model):
    """How far one service moved in one person's budget (negative: a cut)."""

    submission = models.ForeignKey(BudgetSubmission, on_delete=models.CASCADE, related_name="choices")
    service = models.ForeignKey(ServiceArea, on_delete=models.PROTECT, related_name="choices")
    steps = models.SmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["submission", "service"], name="budget_choice_once_per_service"),
            models.CheckConstraint(
                condition=Q(steps__gte=-MAX_STEPS, steps__lte=MAX_STEPS), name="budget_choice_steps_limit"
            ),
        ]
        indexes = [models.Index(fields=["service", "steps"], name="budget_choice_service_steps")]

    def __str__(self) -> str:
        return f"{self.service_id}: {self.steps:+d}"
