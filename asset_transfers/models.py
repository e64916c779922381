"""Community asset transfer: a group applies to take over a council building or piece of land.

Each application goes through the stages one after another (expression of interest, business case,
assessment, decision, lease or transfer), each step a dated entry on its public timeline.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from accounts.fields import person_link
from localism.models import Council, Place
from localism.uploads import DescribedFile, validate_document
from transparency.fields import decision_link


class Stage(models.TextChoices):
    INTEREST = "interest", "Expression of interest"
    BUSINESS_CASE = "business_case", "Business case"
    ASSESSMENT = "assessment", "Assessment"
    DECISION = "decision", "Decision"
    TRANSFER = "transfer", "Lease or transfer"


STAGE_ORDER = list(Stage.values)


class Tenure(models.TextChoices):
    LEASE = "lease", "A lease"
    FREEHOLD = "freehold", "A freehold transfer"


class ApplicationQuerySet(models.QuerySet):
    def public(self) -> ApplicationQuerySet:
        """What everyone sees: applications the council has taken forward from the expression of interest."""
        return self.exclude(stage=Stage.INTEREST)

    def in_place(self, place: Place) -> ApplicationQuerySet:
        """Applications for buildings and land in the place or in an area inside it."""
        return self.filter(place.content_filter("place", covering=False))


class TransferApplication(models.Model):
    """A community group's application to take over (lease or own) a council building or piece of land."""

    class Outcome(models.TextChoices):
        NONE = "", "Not decided yet"
        APPROVED = "approved", "Approved"
        REFUSED = "refused", "Refused"

    reference = models.CharField(max_length=20, unique=True, editable=False)
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name="applying group",
        on_delete=models.PROTECT,
        related_name="asset_transfer_applications",
        help_text="The group, registered and verified in the directory, that would take the asset on.",
    )
    council = models.ForeignKey(
        Council,
        verbose_name="council that owns the asset",
        on_delete=models.PROTECT,
        related_name="asset_transfer_applications",
    )
    asset_name = models.CharField("name of the building or land", max_length=200)
    address = models.CharField(max_length=300)
    place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="asset_transfer_applications")
    proposal = models.TextField("what the group would do with it", max_length=5000)
    community_benefit = models.TextField("how the community would benefit", max_length=5000)
    tenure_sought = models.CharField("what the group asks for", max_length=10, choices=Tenure.choices)
    community_value = models.ForeignKey(
        "transparency.AssetNomination",
        verbose_name="entry in the register of assets of community value",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_by = person_link()
    submitted_at = models.DateTimeField(default=timezone.now)
    stage = models.CharField(max_length=14, choices=Stage.choices, default=Stage.INTEREST)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.NONE, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    decision_maker = models.CharField(max_length=200, blank=True)
    decision_reasons = models.TextField("reasons for the decision", blank=True)
    decision = decision_link()
    tenure_granted = models.CharField(max_length=10, choices=Tenure.choices, blank=True)
    lease_years = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(999)]
    )
    completed_on = models.DateField("lease signed or transfer completed on", null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["stage", "-submitted_at"], name="transfer_stage_submitted")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(stage__in=["interest", "business_case", "assessment"], outcome="")
                | (
                    models.Q(stage__in=["decision", "transfer"], decided_on__isnull=False)
                    & ~models.Q(outcome="")
                    & ~models.Q(decision_reasons="")
                ),
                name="transfer_decision_has_outcome_date_reasons",
            ),
            models.CheckConstraint(
                condition=~models.Q(stage="transfer")
                | (models.Q(outcome="approved", completed_on__isnull=False) & ~models.Q(tenure_granted="")),
                name="transfer_completed_was_approved",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.asset_name}"

    def get_absolute_url(self) -> str:
        return reverse("asset_transfers:detail", kwargs={"reference": self.reference})

    @property
    def is_public(self) -> bool:
        return self.stage != Stage.INTEREST

    @property
    def status_label(self) -> str:
        """The stage, and at the decision its outcome: 'Decision: refused'."""
        if self.stage == Stage.DECISION:
            return f"Decision: {self.get_outcome_display().lower()}"
        if self.stage == Stage.TRANSFER:
            return "Lease granted" if self.tenure_granted == Tenure.LEASE else "Transferred to the group"
        return self.get_stage_display()

    def stages(self) -> list[dict]:
        """Each stage and where the application is: done, the current one, to come, or not reached (refused)."""
        current = STAGE_ORDER.index(self.stage)
        finished = self.stage == Stage.TRANSFER or self.outcome == self.Outcome.REFUSED
        rows = []
        for index, label in enumerate(Stage.labels):
            if index < current or (index == current and finished):
                progress = "done"
            elif index == current:
                progress = "the current stage"
            else:
                progress = "not reached" if self.outcome == self.Outcome.REFUSED else "to come"
            rows.append({"label": label, "progress": progress, "is_current": progress == "the current stage"})
        return rows


class TimelineEntry(models.Model):
    """One step on an application's public timeline: what happened, at which stage, and when."""

    application = models.ForeignKey(TransferApplication, on_delete=models.CASCADE, related_name="timeline")
    stage = models.CharField(max_length=14, choices=Stage.choices)
    title = models.CharField(max_length=200)
    note = models.TextField(blank=True, max_length=5000)
    happened_on = models.DateField(default=timezone.localdate)
    created_at = models.DateTimeField(default=timezone.now)
    by = person_link()

    class Meta:
        ordering = ["happened_on", "created_at", "id"]
        verbose_name_plural = "timeline entries"

    def __str__(self) -> str:
        return self.title


def document_upload_to(instance: TransferDocument, filename: str) -> str:
    return f"asset-transfers/{timezone.now():%Y/%m}/{filename}"


class TransferDocument(DescribedFile):
    """A document of an application (the business case, a survey, the assessment): public with the application."""

    application = models.ForeignKey(TransferApplication, on_delete=models.CASCADE, related_name="documents")
    stage = models.CharField(max_length=14, choices=Stage.choices)
    file = models.FileField(upload_to=document_upload_to, validators=[validate_document])
    uploaded_by = person_link()
    uploaded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def get_absolute_url(self) -> str:
        return reverse("asset_transfers:document", kwargs={"reference": self.application.reference, "pk": self.pk})
