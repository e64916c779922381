"""Petitions under each council's petition scheme: the scheme, petitions, signatures and paper sheets.

Counts are kept as they change (one row per petition and district, and the petition's total), so a
petition page reads a handful of rows however many people signed it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from accounts.fields import person_link
from localism.fields import status_is
from localism.links import path_for, path_for_each
from localism.models import Council, Place, Responsibility
from transparency.fields import decision_link


class PetitionScheme(models.Model):
    """A council's petition scheme: who may sign, the thresholds, the deadlines and what cannot be petitioned."""

    council = models.OneToOneField(Council, on_delete=models.CASCADE, related_name="petition_scheme")
    signatures_for_petition = models.PositiveIntegerField(
        "signatures to count as a petition",
        default=20,
        validators=[MinValueValidator(1)],
        help_text="From people who live, work or study in the area.",
    )
    signatures_for_debate = models.PositiveIntegerField(
        "signatures to trigger a debate", default=4500, validators=[MinValueValidator(2)]
    )
    acknowledge_within = models.PositiveSmallIntegerField(
        "acknowledgement within (working days)", default=3, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    respond_within = models.PositiveSmallIntegerField(
        "response within (working days)",
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text="A response saying how the petition will be handled, counted from the day it became a petition.",
    )
    area_population = models.PositiveIntegerField(
        "people living in the area",
        null=True,
        blank=True,
        help_text="No petition can have more signatures than this (from the Census or the ONS mid-year estimates).",
    )
    paper_sheet_cap = models.PositiveIntegerField(
        "most signatures on one paper entry",
        default=2000,
        validators=[MinValueValidator(1)],
        help_text="A larger count on one entry is refused as implausible; enter big collections sheet by sheet.",
    )
    who_can_sign = models.CharField(max_length=200, default="people who live, work or study in the area")
    house_rules = models.TextField(
        blank=True, help_text="Shown to people starting a petition: what staff check before it opens."
    )
    scheme_url = models.URLField("the published scheme", blank=True)
    is_accepting = models.BooleanField("accepting new petitions", default=True)

    class Meta:
        ordering = ["council__name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(signatures_for_debate__gt=models.F("signatures_for_petition")),
                name="petition_scheme_debate_above_petition",
            ),
        ]

    def __str__(self) -> str:
        return f"Petition scheme of {self.council.name}"


class ExcludedMatter(models.Model):
    """Something the scheme does not take petitions about, with the rule petitioners are shown."""

    scheme = models.ForeignKey(PetitionScheme, on_delete=models.CASCADE, related_name="excluded_matters")
    name = models.CharField(max_length=120, help_text="e.g. Planning decisions.")
    rule = models.TextField(help_text="The scheme's rule, quoted to people whose petition is refused.")
    responsibility = models.ForeignKey(
        Responsibility,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A petition on this subject is refused when it is started.",
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class PetitionQuerySet(models.QuerySet):
    def public(self) -> PetitionQuerySet:
        """What everyone sees: petitions that passed the checks."""
        return self.filter(status__in=Petition.PUBLIC)

    def visible_to(self, user) -> PetitionQuerySet:
        """The public ones, the person's own at every stage, and every petition for staff."""
        from accounts.permissions import is_staff_member

        if is_staff_member(user):
            return self.all()
        if user.is_authenticated:
            return self.filter(models.Q(status__in=Petition.PUBLIC) | models.Q(creator=user))
        return self.public()

    def acknowledgement_overdue(self, today: datetime.date | None = None) -> PetitionQuerySet:
        today = today or timezone.localdate()
        return self.filter(acknowledge_by__lt=today, acknowledged_at__isnull=True).exclude(
            status=Petition.Status.REJECTED
        )

    def response_overdue(self, today: datetime.date | None = None) -> PetitionQuerySet:
        today = today or timezone.localdate()
        return self.filter(respond_by__lt=today, responded_at__isnull=True).exclude(status=Petition.Status.REJECTED)


class Petition(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        CHECKING = "checking", "Being checked"
        REJECTED = "rejected", "Not accepted"
        OPEN = "open", "Open for signatures"
        CLOSED = "closed", "Closed"
        RESPONDED = "responded", "Council responded"
        DEBATED = "debated", "Debated"

    PUBLIC = (Status.OPEN, Status.CLOSED, Status.RESPONDED, Status.DEBATED)

    title = models.CharField(max_length=120)
    action = models.TextField(
        "what you want the council to do", max_length=500, help_text="One or two sentences, starting with a verb."
    )
    background = models.TextField("why", max_length=3000, blank=True)
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="petitions")
    subject = models.ForeignKey(
        Responsibility, null=True, blank=True, on_delete=models.SET_NULL, related_name="petitions"
    )
    place = models.ForeignKey(Place, null=True, blank=True, on_delete=models.SET_NULL, related_name="petitions")
    runs_for_weeks = models.PositiveSmallIntegerField(
        "open for (weeks)", default=12, validators=[MinValueValidator(2), MaxValueValidator(26)]
    )
    creator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="petitions_started")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    checked_by = person_link()
    checked_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.TextField(blank=True)
    excluded_matter = models.ForeignKey(
        ExcludedMatter, null=True, blank=True, on_delete=models.SET_NULL, related_name="petitions"
    )
    opened_at = models.DateTimeField(null=True, blank=True)
    closes_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Online signatures and paper counts together, kept as they change.
    signature_count = models.PositiveIntegerField(default=0)
    # The day it reached the scheme's threshold: from then it is a petition the council must answer.
    received_on = models.DateField(null=True, blank=True)
    acknowledge_by = models.DateField(null=True, blank=True)
    respond_by = models.DateField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = person_link()
    acknowledgement = models.TextField(blank=True)
    debate_threshold_reached_at = models.DateTimeField(null=True, blank=True)
    response = models.TextField("the council's response", blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = person_link()
    debated_on = models.DateField(null=True, blank=True)
    debate_decision = decision_link()
    debate_meeting_url = models.URLField("the meeting's papers", blank=True)
    debate_summary = models.TextField(blank=True)
    debate_recorded_by = person_link()

    objects = PetitionQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at", "-created_at"]
        indexes = [models.Index(fields=["status", "-opened_at"], name="petition_status_opened")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="rejected") | ~models.Q(rejection_reason=""),
                name="petition_rejection_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return path_for("petitions:detail", pk=self.pk)

    @classmethod
    def as_cards(cls, rows: Iterable[dict]) -> list[dict]:
        """Petitions as values rows (with "pk" and "status") made ready for their cards: each with its page
        (`url`, as get_absolute_url() gives it, from one reverse for them all), its status's label
        (`status_label`, as get_status_display()) and `is_open`."""
        path = path_for_each("petitions:detail", "pk")
        labels = dict(cls.Status.choices)
        cards = list(rows)
        for row in cards:
            row["url"] = path(row["pk"])
            row["status_label"] = labels[row["status"]]
            row["is_open"] = row["status"] == cls.Status.OPEN
        return cards

    is_public = status_is(*PUBLIC)
    is_draft = status_is(Status.DRAFT)
    is_being_checked = status_is(Status.CHECKING)
    is_rejected = status_is(Status.REJECTED)
    is_open = status_is(Status.OPEN)

    def is_signable(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.status == self.Status.OPEN and self.closes_at is not None and now < self.closes_at


class DistrictCount(models.Model):
    """How many signed from one district, online and on paper: the counts a petition page shows."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="district_counts")
    district = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="+")
    online = models.PositiveIntegerField(default=0)
    paper = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["petition", "district"], name="district_count_unique")]

    def __str__(self) -> str:
        return f"{self.district_id}: {self.online} + {self.paper}"

    @property
    def total(self) -> int:
        return self.online + self.paper


class Signature(models.Model):
    class Connection(models.TextChoices):
        LIVE = "live", "I live in the area"
        WORK = "work", "I work in the area"
        STUDY = "study", "I study in the area"

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="signatures")
    # Kept (as the anonymised account) when a signer deletes their account, so the count stays true.
    user = person_link(blank=False)
    postcode = models.CharField(max_length=8, blank=True)
    district = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="+")
    connection = models.CharField(max_length=5, choices=Connection.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["petition", "user"], name="signature_one_per_person")]

    def __str__(self) -> str:
        return f"Signature {self.pk} on petition {self.petition_id}"


class PaperSheet(models.Model):
    """Signatures collected on paper: a count and the sheet's date. The names stay on paper, with the council."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="paper_sheets")
    district = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="+")
    signatures = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    sheet_date = models.DateField("date on the sheet")
    note = models.CharField(max_length=200, blank=True, help_text="Where it was collected. No names.")
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["sheet_date", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(signatures__gte=1), name="paper_sheet_positive")]

    def __str__(self) -> str:
        return f"{self.signatures} paper signatures dated {self.sheet_date:%d/%m/%Y}"
