"""Transparency: spending over £500, contracts over £5,000, grants, decisions and the register of assets
of community value (Local Government Transparency Code 2015; Localism Act 2011 Part 5 Chapter 3)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVector
from django.db import models
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from accounts.fields import person_link
from localism.dates import long_date
from localism.fields import council_link, page_address, status_is
from localism.links import path_for, path_for_each
from localism.markdown import RendersMarkdown
from localism.models import Council, Place, Topic
from localism.numbers import money
from localism.uploads import DescribedFile, validate_document

# The statutory periods (Assets of Community Value (England) Regulations 2012).
NOMINATION_DECISION_WEEKS = 8
LISTING_YEARS = 5
OWNER_REVIEW_WEEKS = 8
INTERIM_MORATORIUM_WEEKS = 6
FULL_MORATORIUM_MONTHS = 6
PROTECTED_PERIOD_MONTHS = 18


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (the last day of the month when that day does not exist)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=candidate)
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover (28 always exists)


class Dataset(models.TextChoices):
    SPENDING = "spending", "Spending over £500"
    CONTRACTS = "contracts", "Contracts over £5,000"
    GRANTS = "grants", "Grants to voluntary and community organisations"


class SpendingQuerySet(models.QuerySet):
    def for_supplier(self, supplier_slug: str) -> SpendingQuerySet:
        return self.filter(supplier_slug=supplier_slug)


class SpendingRecord(models.Model):
    """One payment over £500 in the LGA spend schema (credit notes are negative)."""

    batch = models.ForeignKey(
        "localism.ImportBatch", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    dedup_key = models.CharField(max_length=64, unique=True, editable=False)
    body_name = models.CharField("publishing body", max_length=200)
    organisational_unit = models.CharField(max_length=200)
    beneficiary_name = models.CharField("supplier", max_length=255)
    supplier_slug = models.SlugField(max_length=100, db_index=True)
    supplier_id = models.CharField("supplier ID", max_length=100, blank=True)
    supplier_type = models.CharField(max_length=100, blank=True)
    registration_number = models.CharField("charity or company number", max_length=30, blank=True)
    payment_date = models.DateField()
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    irrecoverable_vat = models.DecimalField(
        "irrecoverable VAT", max_digits=14, decimal_places=2, default=Decimal("0.00")
    )
    purpose = models.CharField(max_length=500)
    transaction_number = models.CharField(max_length=100, blank=True)
    expense_type = models.CharField(max_length=200, blank=True)
    service_area = models.CharField(max_length=200, blank=True)
    merchant_category = models.CharField(max_length=200, blank=True)
    is_procurement_card = models.BooleanField("procurement card", default=False)
    place = models.ForeignKey(Place, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = SpendingQuerySet.as_manager()

    class Meta:
        ordering = ["-payment_date", "-id"]
        indexes = [
            # Covering indexes: a filter on any one of these columns is answered, totals and charts included,
            # by an index-only scan (no visit to the table's rows) on a million records.
            models.Index(
                fields=["payment_date"], include=["supplier_slug", "service_area", "amount"], name="spend_date_cover"
            ),
            models.Index(
                fields=["service_area", "payment_date"],
                include=["supplier_slug", "amount"],
                name="spend_service_cover",
            ),
            models.Index(
                fields=["expense_type", "payment_date"],
                include=["supplier_slug", "service_area", "amount"],
                name="spend_expense_cover",
            ),
            models.Index(
                fields=["supplier_slug", "payment_date"],
                include=["service_area", "amount"],
                name="spend_supplier_cover",
            ),
            models.Index(
                fields=["amount"], include=["payment_date", "supplier_slug", "service_area"], name="spend_amount_cover"
            ),
            # A place page's year of spending is summed from this index alone.
            models.Index(fields=["place", "payment_date"], include=["amount", "id"], name="spend_place_date"),
        ]

    def __str__(self) -> str:
        return f"{self.payment_date:%d/%m/%Y} {self.beneficiary_name} {money(self.amount, pence=True)}"

    def get_absolute_url(self) -> str:
        return reverse("transparency:supplier_detail", kwargs={"slug": self.supplier_slug})

    def get_payment_url(self) -> str:
        """The payment in its supplier's list, the list cut to its day so that it is on the first page."""
        day = f"{self.payment_date:%Y-%m-%d}"
        return f"{self.get_absolute_url()}?date_from={day}&date_to={day}#payment-{self.pk}"


# The site search matches supplier names on this expression, which the index below holds.
SUPPLIER_VECTOR = SearchVector("name", weight="A", config="english")


class Supplier(models.Model):
    """Someone the council paid, as the spending records name them (refreshed after each import): the supplier
    search reads this small table, not a million payments."""

    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=255)
    supplier_type = models.CharField(max_length=100, blank=True)
    registration_number = models.CharField("charity or company number", max_length=30, blank=True)

    class Meta:
        ordering = ["name"]
        indexes = [
            GinIndex(OpClass(Upper("name"), name="gin_trgm_ops"), name="supplier_name_trgm"),
            GinIndex(SUPPLIER_VECTOR, name="supplier_name_search"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("transparency:supplier_detail", kwargs={"slug": self.slug})


def supplier_urls(slugs: Iterable[str]) -> dict[str, str]:
    """Each supplier's page, as Supplier.get_absolute_url() gives it, reversed once for them all (a page of
    payments or a chart names dozens)."""
    path = path_for_each("transparency:supplier_detail", "slug")
    return {slug: path(slug) for slug in slugs}


class SpendingFacet(models.Model):
    """A service area or expense type that spending records use: the explorer's choices without a scan of every
    record (refreshed after each import)."""

    class Kind(models.TextChoices):
        SERVICE_AREA = "service_area", "Service area"
        EXPENSE_TYPE = "expense_type", "Expense type"

    kind = models.CharField(max_length=16, choices=Kind.choices)
    value = models.CharField(max_length=200)

    class Meta:
        ordering = ["kind", "value"]
        constraints = [models.UniqueConstraint(fields=["kind", "value"], name="spendingfacet_unique")]

    def __str__(self) -> str:
        return self.value


class Contract(models.Model):
    """A contract, framework agreement or invitation to tender over £5,000."""

    batch = models.ForeignKey(
        "localism.ImportBatch", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    dedup_key = models.CharField(max_length=64, unique=True, editable=False)
    reference = models.CharField(max_length=100)
    title = models.CharField(max_length=300)
    department = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    supplier_name = models.CharField(max_length=255)
    supplier_registration_number = models.CharField("supplier's company or charity number", max_length=30, blank=True)
    value = models.DecimalField(max_digits=14, decimal_places=2)
    irrecoverable_vat = models.DecimalField(
        "irrecoverable VAT", max_digits=14, decimal_places=2, default=Decimal("0.00")
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    review_date = models.DateField(null=True, blank=True)
    is_tendered = models.BooleanField("tendered", default=True)
    is_sme = models.BooleanField("small or medium-sized enterprise", default=False)
    is_vcse = models.BooleanField("voluntary, community or social enterprise", default=False)

    class Meta:
        ordering = ["-start_date", "reference"]
        indexes = [models.Index(fields=["department", "start_date"], name="contract_dept_start")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="contract_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"

    def get_list_url(self) -> str:
        """The contract in the list of contracts, the list cut to its title so that it is on the first page."""
        return f"{reverse('transparency:contracts')}?{urlencode({'q': self.title})}#contract-{self.pk}"


class Grant(models.Model):
    """A grant to a voluntary, community or social enterprise organisation, in the 360Giving shape."""

    batch = models.ForeignKey(
        "localism.ImportBatch", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    dedup_key = models.CharField(max_length=64, unique=True, editable=False)
    identifier = models.CharField(max_length=200, unique=True, help_text="360Giving identifier: 360G-…")
    title = models.CharField(max_length=300)
    description = models.TextField()
    currency = models.CharField(max_length=3, default="GBP")
    amount_awarded = models.DecimalField(max_digits=14, decimal_places=2)
    award_date = models.DateField()
    recipient_org_identifier = models.CharField(max_length=100, help_text="GB-CHC-…, GB-COH-… or 360G-…")
    recipient_org_name = models.CharField(max_length=255)
    funding_org_identifier = models.CharField(max_length=100)
    funding_org_name = models.CharField(max_length=255)
    programme = models.CharField("grant programme", max_length=200, blank=True)
    place = models.ForeignKey(Place, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-award_date", "identifier"]
        indexes = [models.Index(fields=["award_date"], name="grant_award_date")]
        constraints = [models.CheckConstraint(condition=models.Q(amount_awarded__gte=0), name="grant_amount_positive")]

    def __str__(self) -> str:
        return f"{self.recipient_org_name}: {self.title}"


class DecisionQuerySet(models.QuerySet):
    def published(self) -> DecisionQuerySet:
        return self.filter(is_published=True)


class Decision(RendersMarkdown, models.Model):
    """A decision the council took, who took it, and (when it concludes one) the consultation it answers."""

    title = models.CharField(max_length=250)
    slug = models.SlugField(max_length=250, unique=True)
    decision_date = models.DateField()
    council = council_link(
        "decisions",
        help_text="The council that took the decision; its own staff publish it.",
    )
    decision_maker = models.CharField(
        max_length=200, help_text="The person or body who decided, e.g. Cabinet, or the Executive Director."
    )
    summary = models.TextField(help_text="Markdown: what was decided and why.")
    summary_html = models.TextField(editable=False, default="")
    MARKDOWN = {"summary": "summary_html"}
    # Transparency does not depend on the consultations app: the link is the consultation's slug and address.
    consultation_slug = models.SlugField(max_length=200, blank=True, db_index=True)
    consultation_url = page_address(
        "consultation page",
        help_text="The path of the consultation this decision concludes, e.g. /consultations/library-opening-hours/.",
    )
    consultation_title = models.CharField(max_length=250, blank=True)
    places = models.ManyToManyField(Place, blank=True, related_name="+")
    topics = models.ManyToManyField(Topic, blank=True, related_name="+")
    is_published = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-decision_date", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return path_for("transparency:decision_detail", slug=self.slug)


def decision_document_upload_to(instance: DecisionDocument, filename: str) -> str:
    return f"decisions/{timezone.now():%Y/%m}/{filename}"


class DecisionDocument(DescribedFile):
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(upload_to=decision_document_upload_to, validators=[validate_document])

    class Meta:
        ordering = ["id"]

    def get_absolute_url(self) -> str:
        return reverse("transparency:decision_document", args=[self.decision.slug, self.pk])


class NoticeQuerySet(models.QuerySet):
    def published(self) -> NoticeQuerySet:
        """What the public sees: published notices from their publication date."""
        return self.filter(is_published=True, published_on__lte=timezone.localdate())

    def current(self) -> NoticeQuerySet:
        """Published notices still on display (no end date, or one not yet past)."""
        today = timezone.localdate()
        return self.published().filter(models.Q(display_until__isnull=True) | models.Q(display_until__gte=today))

    def past(self) -> NoticeQuerySet:
        return self.published().filter(display_until__lt=timezone.localdate())


class Notice(RendersMarkdown, models.Model):
    """A public notice a council gives for its area: a meeting and its agenda, the public's rights to inspect
    the accounts, a vacancy, a road closure. Each council's own staff (a parish clerk for the parish) publish
    theirs; every notice names the council that gives it."""

    class Kind(models.TextChoices):
        MEETING = "meeting", "Notice of a meeting"
        ACCOUNTS = "accounts", "Inspection of the accounts"
        VACANCY = "vacancy", "Vacancy or co-option"
        ELECTION = "election", "Election"
        ROADS = "roads", "Roads and traffic"
        GENERAL = "general", "General notice"

    council = models.ForeignKey(
        Council,
        on_delete=models.PROTECT,
        related_name="notices",
        help_text="The council giving the notice; its own staff publish it.",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.GENERAL)
    title = models.CharField(max_length=250)
    slug = models.SlugField(max_length=250, unique=True)
    body = models.TextField(help_text="Markdown: the notice as the council gives it.")
    body_html = models.TextField(editable=False, default="")
    MARKDOWN = {"body": "body_html"}
    published_on = models.DateField(
        default=timezone.localdate, help_text="The day the notice is published (it is public from that day)."
    )
    display_until = models.DateField(
        null=True, blank=True, help_text="The last day it is shown among current notices; empty: until removed."
    )
    meeting_at = models.DateTimeField(
        "meeting date and time",
        null=True,
        blank=True,
        help_text="For a notice of a meeting: when it is held (at least three clear days after publication).",
    )
    venue = models.CharField(max_length=250, blank=True, help_text="For a meeting: where it is held.")
    places = models.ManyToManyField(
        Place, blank=True, related_name="+", help_text="The areas it concerns; empty: the council's whole area."
    )
    is_published = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-id"]
        indexes = [models.Index(fields=["published_on"], name="notice_published_on")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(display_until__isnull=True) | models.Q(display_until__gte=models.F("published_on")),
                name="notice_displayed_after_publication",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="meeting") | models.Q(meeting_at__isnull=False),
                name="notice_of_meeting_has_its_time",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return path_for("transparency:notice_detail", slug=self.slug)

    def clean(self):
        from django.core.exceptions import ValidationError

        from localism.dates import MEETING_NOTICE_CLEAR_DAYS, clear_days_between, earliest_meeting_day

        errors = {}
        if self.display_until and self.published_on and self.display_until < self.published_on:
            errors["display_until"] = "The notice cannot stop being shown before the day it is published."
        if self.kind == self.Kind.MEETING and self.meeting_at is None:
            errors["meeting_at"] = "A notice of a meeting says when the meeting is held."
        elif self.kind == self.Kind.MEETING and self.published_on:
            meeting_day = timezone.localtime(self.meeting_at).date()
            clear = clear_days_between(self.published_on, meeting_day)
            if clear < MEETING_NOTICE_CLEAR_DAYS:
                errors["meeting_at"] = (
                    f"A meeting needs {MEETING_NOTICE_CLEAR_DAYS} clear days' notice (Local Government Act 1972, "
                    f"schedule 12): published on {long_date(self.published_on)}, the earliest the meeting can be "
                    f"is {long_date(earliest_meeting_day(self.published_on))}. Neither the day of the notice nor "
                    "the day of the meeting counts, nor do Sundays, bank holidays and the Christmas and Easter "
                    "breaks."
                )
        if errors:
            raise ValidationError(errors)

    def areas(self) -> list[Place]:
        """The places it concerns: those named, or else the council's whole area."""
        return list(self.places.all()) or list(self.council.places.all())

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return self.published_on <= today and (self.display_until is None or self.display_until >= today)


def notice_document_upload_to(instance: NoticeDocument, filename: str) -> str:
    return f"notices/{timezone.now():%Y/%m}/{filename}"


class NoticeDocument(DescribedFile):
    """An agenda, a statement of accounts, a map of a road closure: a paper the notice gives."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(upload_to=notice_document_upload_to, validators=[validate_document])

    class Meta:
        ordering = ["id"]

    def get_absolute_url(self) -> str:
        return reverse("transparency:notice_document", args=[self.notice.slug, self.pk])


class AssetNominationQuerySet(models.QuerySet):
    def on_the_list(self, today: datetime.date | None = None) -> AssetNominationQuerySet:
        """The list of assets of community value: listed, and the 5 years not yet over."""
        today = today or timezone.localdate()
        return self.filter(status=AssetNomination.Status.LISTED, entry_ends_on__gt=today)

    def unsuccessful(self, today: datetime.date | None = None) -> AssetNominationQuerySet:
        """The list of unsuccessful nominations (kept for 5 years)."""
        today = today or timezone.localdate()
        return self.filter(status=AssetNomination.Status.NOT_LISTED, entry_ends_on__gt=today)

    def awaiting_decision(self) -> AssetNominationQuerySet:
        return self.filter(status=AssetNomination.Status.SUBMITTED)

    def overdue(self, today: datetime.date | None = None) -> AssetNominationQuerySet:
        """Awaiting a decision after the 8-week deadline."""
        return self.awaiting_decision().filter(decision_due__lt=today or timezone.localdate())

    def in_place(self, place: Place) -> AssetNominationQuerySet:
        return self.filter(place.content_filter("place", covering=False))


class AssetNomination(models.Model):
    """A community nomination of land or a building, and the council's decision on it."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Awaiting decision"
        LISTED = "listed", "Listed"
        NOT_LISTED = "not_listed", "Not listed"
        REMOVED = "removed", "Removed from the list"

    class BodyKind(models.TextChoices):
        PARISH_COUNCIL = "parish_council", "Parish or town council"
        NEIGHBOURHOOD_FORUM = "neighbourhood_forum", "Neighbourhood forum"
        UNINCORPORATED = "unincorporated", "Unincorporated group with at least 21 members registered to vote locally"
        CHARITY = "charity", "Charity"
        COMPANY_LIMITED_BY_GUARANTEE = "clg", "Company limited by guarantee that does not distribute surplus"
        COMMUNITY_BENEFIT_SOCIETY = "cbs", "Community benefit society that does not distribute surplus"
        CIC = "cic", "Community interest company"

    class ReviewOutcome(models.TextChoices):
        NONE = "", "No review"
        PENDING = "pending", "Review requested"
        UPHELD = "upheld", "Listing upheld"
        OVERTURNED = "overturned", "Listing removed on review"

    reference = models.CharField(max_length=20, unique=True, editable=False)
    asset_name = models.CharField("name of the asset", max_length=200)
    description = models.TextField("the land and its boundaries", max_length=5000)
    address = models.CharField(max_length=300)
    postcode = models.CharField(max_length=8)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    place = models.ForeignKey(Place, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    occupants = models.TextField("what you know of the current occupants", max_length=3000, blank=True)
    owners = models.TextField("what you know of the freeholders and leaseholders", max_length=3000)
    community_value = models.TextField("why it is of community value", max_length=5000)
    body_name = models.CharField("name of the nominating body", max_length=200)
    body_kind = models.CharField("kind of body", max_length=24, choices=BodyKind.choices)
    body_registration_number = models.CharField("charity or company number", max_length=30, blank=True)
    local_member_count = models.PositiveIntegerField("members registered to vote locally", null=True, blank=True)
    local_connection = models.TextField("the body's local connection", max_length=3000)
    eligibility_evidence = models.TextField("evidence of eligibility", max_length=3000)
    nominated_by = person_link()
    submitted_at = models.DateTimeField(default=timezone.now)
    decision_due = models.DateField(editable=False)
    deadline_warned_at = models.DateTimeField(null=True, blank=True, editable=False)

    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SUBMITTED)
    council = council_link(
        verbose_name="deciding council",
        help_text="The district council for the asset's postcode, which keeps the list and decides (s.87).",
    )
    decided_on = models.DateField(null=True, blank=True)
    decided_by = person_link()
    reasons = models.TextField("reasons for the decision", blank=True)
    entry_ends_on = models.DateField("on the list until", null=True, blank=True)
    review_outcome = models.CharField(max_length=12, choices=ReviewOutcome.choices, default="", blank=True)
    review_requested_on = models.DateField(null=True, blank=True)
    review_decided_on = models.DateField(null=True, blank=True)
    review_reasons = models.TextField(blank=True)

    objects = AssetNominationQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["status", "entry_ends_on"], name="asset_status_ends")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status__in=["listed", "not_listed"])
                | (models.Q(decided_on__isnull=False) & models.Q(entry_ends_on__isnull=False)),
                name="asset_decided_has_dates",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="not_listed") | ~models.Q(reasons=""),
                name="asset_not_listed_has_reasons",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.asset_name}"

    def get_absolute_url(self) -> str:
        return path_for("transparency:asset_detail", reference=self.reference)

    @property
    def is_on_the_list(self) -> bool:
        return (
            self.status == self.Status.LISTED
            and self.entry_ends_on is not None
            and self.entry_ends_on > timezone.localdate()
        )

    # Decided nominations are public; one awaiting a decision is seen only by its nominator and staff.
    is_public = status_is(Status.LISTED, Status.NOT_LISTED, Status.REMOVED)

    @property
    def review_deadline(self) -> datetime.date | None:
        if self.decided_on is None or self.status != self.Status.LISTED:
            return None
        return self.decided_on + datetime.timedelta(weeks=OWNER_REVIEW_WEEKS)

    @property
    def map_url(self) -> str:
        if self.latitude is None or self.longitude is None:
            return ""
        return (
            f"https://www.openstreetmap.org/?mlat={self.latitude:.5f}&mlon={self.longitude:.5f}"
            f"#map=17/{self.latitude:.5f}/{self.longitude:.5f}"
        )


def nomination_document_upload_to(instance: NominationDocument, filename: str) -> str:
    return f"nominations/{timezone.now():%Y/%m}/{filename}"


class NominationDocument(DescribedFile):
    """Evidence sent with a nomination (a plan of the boundaries, a constitution): seen by its nominator and staff."""

    nomination = models.ForeignKey(AssetNomination, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(upload_to=nomination_document_upload_to, validators=[validate_document])
    uploaded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["id"]

    def get_absolute_url(self) -> str:
        return reverse(
            "transparency:nomination_document", kwargs={"reference": self.nomination.reference, "pk": self.pk}
        )


class DisposalNotice(models.Model):
    """The owner's notice that they intend to sell (or grant a long lease of) a listed asset."""

    nomination = models.ForeignKey(AssetNomination, on_delete=models.CASCADE, related_name="disposal_notices")
    notified_on = models.DateField("date the council received the notice")
    interim_moratorium_ends = models.DateField(editable=False)
    full_moratorium_ends = models.DateField(editable=False)
    protected_period_ends = models.DateField(editable=False)
    notes = models.TextField(blank=True)
    recorded_by = person_link()
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-notified_on", "-id"]

    def __str__(self) -> str:
        return f"Disposal notice for {self.nomination.asset_name} received {self.notified_on:%d/%m/%Y}"

    def save(self, *args, **kwargs):
        self.interim_moratorium_ends, self.full_moratorium_ends, self.protected_period_ends = self.periods_from(
            self.notified_on
        )
        super().save(*args, **kwargs)

    @staticmethod
    def periods_from(notified_on: datetime.date) -> tuple[datetime.date, datetime.date, datetime.date]:
        """Interim moratorium (6 weeks), full moratorium (6 months), protected period (18 months)."""
        return (
            notified_on + datetime.timedelta(weeks=INTERIM_MORATORIUM_WEEKS),
            add_months(notified_on, FULL_MORATORIUM_MONTHS),
            add_months(notified_on, PROTECTED_PERIOD_MONTHS),
        )


class ChallengeWindowQuerySet(models.QuerySet):
    def open(self, today: datetime.date | None = None) -> ChallengeWindowQuerySet:
        today = today or timezone.localdate()
        return self.filter(opens_on__lte=today, closes_on__gte=today)


class ChallengeWindow(models.Model):
    """A period the council publishes in which relevant bodies may express an interest in running a service
    (Community Right to Challenge, Localism Act 2011 s.81-86)."""

    title = models.CharField(max_length=200, help_text="For example, Library services, 2026 window")
    council = council_link(
        blank=False,
        help_text="The council whose services these are, and which decides the expressions of interest.",
    )
    services = models.TextField(help_text="Which council services the window is for.")
    opens_on = models.DateField()
    closes_on = models.DateField()

    objects = ChallengeWindowQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")), name="challengewindow_closes_after_opening"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.opens_on <= timezone.localdate() <= self.closes_on


class ExpressionOfInterest(models.Model):
    """A relevant body's expression of interest in running a council service, and the council's decision."""

    class BodyKind(models.TextChoices):
        VOLUNTARY_OR_COMMUNITY = "voluntary", "Voluntary or community body"
        CHARITABLE_TRUST = "charitable_trust", "Body of persons or trust established for charitable purposes"
        PARISH_COUNCIL = "parish_council", "Parish or town council"
        EMPLOYEES = "employees", "Two or more employees of the council"

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Awaiting a decision"
        ACCEPTED = "accepted", "Accepted"
        MODIFIED = "modified", "Accepted with modifications agreed with the body"
        REJECTED = "rejected", "Rejected"

    window = models.ForeignKey(ChallengeWindow, on_delete=models.PROTECT, related_name="expressions")
    council = council_link(
        help_text="The council whose service is challenged (the window's council when it was submitted).",
    )
    reference = models.CharField(max_length=20, unique=True, editable=False)
    body_name = models.CharField("name of the body", max_length=200)
    body_kind = models.CharField("kind of body", max_length=20, choices=BodyKind.choices)
    service = models.CharField("the service you want to run", max_length=300)
    area = models.CharField("the area it would cover", max_length=300)
    financial_resources = models.TextField("your financial resources", max_length=5000)
    capability = models.TextField("your capability to run the service", max_length=5000)
    outcomes_for_users = models.TextField("outcomes for the people who use the service", max_length=5000)
    outcomes_for_wellbeing = models.TextField(
        "how it would promote the social, economic or environmental wellbeing of the area", max_length=5000
    )
    submitted_by = person_link()
    submitted_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    decided_on = models.DateField(null=True, blank=True)
    decided_by = person_link()
    reasons = models.TextField("reasons for the decision", blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name_plural = "expressions of interest"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="submitted") | (models.Q(decided_on__isnull=False) & ~models.Q(reasons="")),
                name="eoi_decision_has_date_and_reasons",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.body_name}: {self.service}"

    def get_absolute_url(self) -> str:
        return reverse("transparency:challenge_detail", kwargs={"reference": self.reference})

    @property
    def is_decided(self) -> bool:
        return self.status != self.Status.SUBMITTED
