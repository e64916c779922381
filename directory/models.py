"""The directory: organisations and their listings, in the Open Referral UK (HSDS 3.0) shape.

A Listing is an ORUK *service*. Edits to a published listing are made on a copy
(`edit_of` points at the published listing) that staff review; approving it
copies its content onto the published row, so the public page never shows
unreviewed text. Every approval stores a snapshot in ListingVersion (history).

Changes to a verified organisation's public details wait the same way, as an
OrganisationChange that staff approve or reject; the organisation row keeps the
published details until then.
"""

from __future__ import annotations

import datetime
import functools
import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import DEFAULT_DB_ALIAS, models
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower, Right
from django.utils import timezone

from accounts.fields import person_link
from localism.fields import position_in, status_is
from localism.links import path_for
from localism.models import Place, Topic

# A listing's review falls due this long after it was last confirmed (see directory.freshness).
REVIEW_INTERVAL_DAYS = 365

DAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


class Organisation(models.Model):
    """A group, charity or body that runs services (ORUK organization)."""

    class Kind(models.TextChoices):
        CHARITY = "charity", "Registered charity"
        CIC = "cic", "Community interest company"
        COMMUNITY_GROUP = "community_group", "Community group"
        PARISH_COUNCIL = "parish_council", "Parish or town council"
        BUSINESS = "business", "Business"
        PUBLIC_BODY = "public_body", "Public body"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for verification"
        VERIFIED = "verified", "Verified"
        SUSPENDED = "suspended", "Suspended"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=160)
    slug = models.SlugField(max_length=180, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    charity_number = models.CharField(max_length=10, blank=True)
    company_number = models.CharField(max_length=8, blank=True)
    description = models.TextField(max_length=4000)
    website = models.URLField(max_length=300, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    places = models.ManyToManyField(Place, blank=True, related_name="organisations")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True)
    status_reason = models.TextField(blank=True)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, through="Membership", related_name="organisations")
    created_at = models.DateTimeField(default=timezone.now)
    verified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return path_for("directory:organisation_detail", slug=self.slug)

    is_public = status_is(Status.VERIFIED)

    @property
    def edits_need_review(self) -> bool:
        """Until staff first verify it, nothing of it is public and their verification reviews it all.

        After that (verified, or suspended and to be verified again) its details change only
        when staff approve an OrganisationChange.
        """
        return self.status != self.Status.PENDING


# What a group proposes and staff review: every detail of an organisation the public sees.
ORGANISATION_REVIEWED_FIELDS = [
    "name",
    "kind",
    "charity_number",
    "company_number",
    "description",
    "website",
    "email",
    "phone",
    "places",
]


class OrganisationChangeQuerySet(models.QuerySet):
    def pending(self) -> OrganisationChangeQuerySet:
        return self.filter(status=OrganisationChange.Status.PENDING)


class OrganisationChange(models.Model):
    """New details a group proposes for its organisation, published only when staff approve them.

    `proposed` holds only the fields the group changed ({"name": "...", "places": [place ids]}),
    so that approving applies what staff compared and keeps any correction staff made
    meanwhile to the other fields.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for review"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="changes")
    proposed = models.JSONField(help_text="Only the changed fields, with their proposed values.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    review_reason = models.TextField(blank=True, help_text="The reviewer's reason, shown to the group.")
    proposed_by = person_link()
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    decided_by = person_link()
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = OrganisationChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organisation", "-created_at"], name="organisation_change_latest")]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(status="pending"),
                name="organisation_change_one_pending",
            ),
            models.CheckConstraint(
                condition=models.Q(status="pending") | models.Q(decided_at__isnull=False),
                name="organisation_change_decided_at",
            ),
        ]

    def __str__(self) -> str:
        return f"Change to {self.organisation}"


class Membership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", "Owner"
        EDITOR = "editor", "Editor"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=8, choices=Role.choices, default=Role.EDITOR)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint(fields=["organisation", "user"], name="membership_unique_person")]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}) in {self.organisation}"


class Invitation(models.Model):
    """An invitation by email to join an organisation; accepted by signing in with that email."""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    role = models.CharField(max_length=8, choices=Membership.Role.choices, default=Membership.Role.EDITOR)
    invited_by = person_link(blank=False)
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} to {self.organisation}"


class Taxonomy(models.Model):
    """A vocabulary of categories (ORUK taxonomy)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    uri = models.URLField(blank=True)
    version = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "taxonomies"

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(models.Model):
    """A category in the tree (ORUK taxonomy_term)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    taxonomy = models.ForeignKey(Taxonomy, on_delete=models.PROTECT, related_name="terms")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    code = models.CharField(max_length=50, blank=True)
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return path_for("directory:category_detail", slug=self.slug)


# Listings and organisations in name order, as people read "Name (A to Z)": capitals and small letters together
# ("mind" before "Norfolk Carers"), whatever the database's collation; the pk settles equal names. The order of
# the search's groups of matches (ListingSearchEntry.sort_name) and of the listing_public_by_name index.
NAME_ORDER = (Lower("name"), "pk")


class ListingQuerySet(models.QuerySet):
    def published(self) -> ListingQuerySet:
        """What residents see: published, of a verified organisation, not hidden as out of date."""
        return self.filter(
            status=Listing.Status.PUBLISHED,
            organisation__status=Organisation.Status.VERIFIED,
            is_hidden_as_stale=False,
        )

    def not_public_by_status(self) -> ListingQuerySet:
        """Listings residents do not see for their own sake (a few: drafts, reviews, archived, hidden).

        Its condition is the listing_not_public index's, so this reads that small index alone.
        """
        return self.exclude(status=Listing.Status.PUBLISHED, is_hidden_as_stale=False)

    def originals(self) -> ListingQuerySet:
        return self.filter(edit_of__isnull=True)


def listing_path(pk, edit_of_id=None) -> str:
    """The public page of a listing (Listing.get_absolute_url), for a listing read as a values row too: an edit
    waiting for review is shown on the page of the listing it edits."""
    return path_for("directory:listing_detail", pk=edit_of_id or pk)


class Listing(models.Model):
    """A service, club, activity, support group or volunteering opportunity (ORUK service)."""

    class Kind(models.TextChoices):
        SERVICE = "service", "Service"
        CLUB = "club", "Club"
        ACTIVITY = "activity", "Activity"
        SUPPORT_GROUP = "support_group", "Support group"
        VOLUNTEERING = "volunteering", "Volunteering opportunity"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PENDING = "pending", "Waiting for review"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        PUBLISHED = "published", "Published"
        REJECTED = "rejected", "Rejected"
        ARCHIVED = "archived", "Archived"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="listings")
    edit_of = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="pending_edit",
        help_text="Set on a proposed change to a published listing.",
    )
    name = models.CharField(max_length=160)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.SERVICE)
    summary = models.CharField(max_length=300, help_text="One sentence shown in search results.")
    description = models.TextField(max_length=5000)
    url = models.URLField("website", max_length=300, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    contact_name = models.CharField(max_length=120, blank=True)
    categories = models.ManyToManyField(TaxonomyTerm, blank=True, related_name="listings")
    topics = models.ManyToManyField(Topic, blank=True, related_name="listings")
    service_areas = models.ManyToManyField(Place, blank=True, related_name="listings")
    minimum_age = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MaxValueValidator(120)])
    maximum_age = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MaxValueValidator(120)])
    eligibility = models.TextField(max_length=1000, blank=True)
    is_free = models.BooleanField(default=True)
    cost_description = models.CharField(max_length=300, blank=True)
    languages = ArrayField(models.CharField(max_length=8), default=list, blank=True)
    temporarily_closed = models.BooleanField(default=False)
    closed_note = models.CharField(max_length=300, blank=True)

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    review_reason = models.TextField(blank=True, help_text="The reviewer's reason, shown to the group.")
    revision = models.PositiveIntegerField(default=0)
    created_by = person_link()
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    last_confirmed_at = models.DateTimeField(null=True, blank=True)
    is_hidden_as_stale = models.BooleanField(default=False)

    # Kept up to date by directory.services.listing_refresh_search: what search filters on.
    search_vector = SearchVectorField(null=True, editable=False)
    open_days = ArrayField(models.PositiveSmallIntegerField(), default=list, blank=True, editable=False)

    objects = ListingQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [
            GinIndex(fields=["search_vector"], name="listing_search"),
            GinIndex(fields=["open_days"], name="listing_open_days"),
            models.Index(fields=["status", "organisation"], name="listing_status_org"),
            models.Index(fields=["-published_at"], name="listing_published"),
            # The few listings residents do not see (see not_public_by_status).
            models.Index(
                fields=["id"],
                condition=~models.Q(status="published", is_hidden_as_stale=False),
                name="listing_not_public",
            ),
            # What residents and the API page through: public listings in name order (NAME_ORDER).
            models.Index(
                Lower("name"),
                "id",
                include=["organisation_id"],
                condition=models.Q(status="published", is_hidden_as_stale=False),
                name="listing_public_by_name",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minimum_age__isnull=True)
                | models.Q(maximum_age__isnull=True)
                | models.Q(minimum_age__lte=models.F("maximum_age")),
                name="listing_ages_in_order",
            ),
            models.CheckConstraint(
                condition=models.Q(edit_of__isnull=True) | ~models.Q(status="published"),
                name="listing_edit_never_published",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return listing_path(self.pk, self.edit_of_id)

    @property
    def is_public(self) -> bool:
        """What residents see: this listing's answer to `Listing.objects.published()` (tested to agree)."""
        return (
            self.edit_of_id is None
            and self.status == self.Status.PUBLISHED
            and self.organisation.is_public
            and not self.is_hidden_as_stale
        )

    is_published = status_is(Status.PUBLISHED)

    @property
    def review_due_on(self) -> datetime.date | None:
        confirmed = self.last_confirmed_at or self.published_at
        if confirmed is None:
            return None
        return timezone.localdate(confirmed) + datetime.timedelta(days=REVIEW_INTERVAL_DAYS)

    @property
    def description_after_summary(self) -> str:
        """The description, less the summary it may start with: the page shows the summary just above it."""
        description, summary = self.description.strip(), self.summary.strip()
        if summary and description.startswith(summary):
            return description[len(summary) :].strip()
        return description

    def may_be_out_of_date(self, today: datetime.date | None = None) -> bool:
        """A month after its review fell due, residents are warned."""
        due = self.review_due_on
        today = today or timezone.localdate()
        return due is not None and today >= due + datetime.timedelta(days=30)

    @property
    def ages_text(self) -> str:
        if self.minimum_age is not None and self.maximum_age is not None:
            return f"{self.minimum_age} to {self.maximum_age} years"
        if self.minimum_age is not None:
            return f"{self.minimum_age} years and over"
        if self.maximum_age is not None:
            return f"Up to {self.maximum_age} years"
        return "All ages"


class ListingSearchEntry(models.Model):
    """A listing the public can find, with its words: one row for each of `Listing.objects.published()`.

    Kept in step by directory.services.listing_refresh_search, which every service that publishes,
    takes down, hides or edits a listing (or verifies or suspends its organisation) calls. The search
    reads this narrow table alone, so the visibility rule costs nothing there: a match is public.
    """

    listing = models.OneToOneField(Listing, primary_key=True, on_delete=models.CASCADE, related_name="search_entry")
    sort_name = models.CharField(
        max_length=160, help_text="The listing's name in small letters: the order of each group of matches."
    )
    # The listing's words by where they are (see _SEARCH_SQL's weights): what best-match order compares.
    name_words = SearchVectorField(help_text="The name's words.")
    heading_words = SearchVectorField(help_text="The name's and the categories' words.")
    words = SearchVectorField(help_text="Every word: name, categories, summary and description.")

    class Meta:
        indexes = [
            GinIndex(fields=["words"], name="search_entry_words"),
            GinIndex(fields=["name_words"], name="search_entry_name_words"),
            GinIndex(fields=["heading_words"], name="search_entry_heading_words"),
            # Best match first reads each group of matches in name order, and stops at the page's end.
            models.Index(
                fields=["sort_name", "listing"], include=["name_words", "heading_words"], name="search_entry_by_name"
            ),
        ]

    def __str__(self) -> str:
        return self.sort_name


class SearchWord(models.Model):
    """How many listings the public can find have a word: a one-word search's total, read in one row.

    Kept exact by the database itself: triggers on ListingSearchEntry add and take away its words
    as its rows come and go (migration 0008), whichever write changes them.
    """

    word = models.TextField(primary_key=True)
    listings = models.IntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.word} ({self.listings})"


@functools.cache
def _hidden_listing_subqueries() -> tuple[tuple[str, tuple], tuple[str, tuple]]:
    """The SQL of the two sets of listings whose venues residents do not see (LocationQuerySet.public).

    Constant (the statuses are), so compiled once per process: building and compiling these subqueries
    again for every query of the venues cost more than the rest of a map's query. Each is self-contained
    (its own aliases, no reference to the outer query), so it reads the same wherever it is written.
    """
    hidden_organisations = Organisation.objects.exclude(status=Organisation.Status.VERIFIED)
    outer = Location.objects.all().query
    subqueries = []
    for listings in (
        Listing.objects.not_public_by_status(),
        Listing.objects.filter(organisation__in=hidden_organisations),
    ):
        query = listings.order_by().values("pk").query
        query.bump_prefix(outer)  # aliased as Django aliases a subquery (U0, ...)
        subqueries.append(query.get_compiler(DEFAULT_DB_ALIAS).as_sql())
    return tuple(subqueries)


class LocationQuerySet(models.QuerySet):
    def public(self) -> LocationQuerySet:
        """Venues of the listings residents see.

        Said as "not a venue of a hidden listing": there are few of those, so a distance search
        reads the location index and two small sets, instead of joining every public listing.
        """
        by_status, by_organisation = _hidden_listing_subqueries()
        return self.exclude(listing__in=RawSQL(*by_status)).exclude(  # noqa: S611 (the ORM's SQL)
            listing__in=RawSQL(*by_organisation)  # noqa: S611 (the ORM's SQL)
        )


class Location(models.Model):
    """Where a listing happens (ORUK location, with its address and service_at_location)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service_at_location_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(max_length=160, blank=True)
    address_1 = models.CharField("building and street", max_length=160)
    city = models.CharField("town or city", max_length=80)
    postcode = models.CharField(max_length=8)
    latitude = models.FloatField(validators=[MinValueValidator(-90), MaxValueValidator(90)])
    longitude = models.FloatField(validators=[MinValueValidator(-180), MaxValueValidator(180)])
    accessibility = models.TextField(max_length=1000, blank=True)

    objects = LocationQuerySet.as_manager()

    class Meta:
        ordering = ["name", "address_1"]
        # The bounding box of a distance search, read from the index alone (ids and town included).
        indexes = [
            models.Index(
                fields=["latitude", "longitude"], include=["listing_id", "id", "city"], name="location_lat_lng"
            )
        ]

    def __str__(self) -> str:
        return self.name or self.address_1

    @property
    def map_url(self) -> str:
        return f"https://www.openstreetmap.org/?mlat={self.latitude:.5f}&mlon={self.longitude:.5f}#map=17/{self.latitude:.5f}/{self.longitude:.5f}"


# The day of a schedule's byday in week order: 1 for Monday ("MO", "1MO", "-1MO") to 7 for Sunday, and none
# (sorted after them) for no day.
_WEEK_DAY = position_in(DAY_CODES, Right("byday", 2))


class Schedule(models.Model):
    """Opening times in the HSDS schedule shape (RFC 5545 recurrence), or a closure."""

    class Freq(models.TextChoices):
        WEEKLY = "WEEKLY", "Every week"
        MONTHLY = "MONTHLY", "Every month"

    class Kind(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="schedules")
    kind = models.CharField(max_length=6, choices=Kind.choices, default=Kind.OPEN)
    freq = models.CharField(max_length=8, choices=Freq.choices, blank=True)
    # "MO" weekly; "1TU" (first Tuesday) or "-1FR" (last Friday) monthly.
    byday = models.CharField(max_length=8, blank=True)
    opens_at = models.TimeField(null=True, blank=True)
    closes_at = models.TimeField(null=True, blank=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    closed_on_bank_holidays = models.BooleanField(default=False)
    description = models.CharField(max_length=300, blank=True)

    class Meta:
        # In week order (Monday first), not by the day codes' letters (which put Friday first).
        ordering = ["kind", _WEEK_DAY, "opens_at", "byday"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(opens_at__isnull=True)
                | models.Q(closes_at__isnull=True)
                | models.Q(opens_at__lt=models.F("closes_at")),
                name="schedule_opens_before_closes",
            ),
        ]

    def __str__(self) -> str:
        return self.description or f"{self.freq} {self.byday} {self.opens_at}-{self.closes_at}"


class CostOption(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="cost_options")
    option = models.CharField(max_length=120)
    amount = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    amount_description = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["amount"]

    def __str__(self) -> str:
        return self.option


class ListingVersion(models.Model):
    """A snapshot of a listing as it was published: the listing's history."""

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    snapshot = models.JSONField()
    submitted_by = person_link()
    approved_by = person_link()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["listing", "number"], name="listing_version_unique")]

    def __str__(self) -> str:
        return f"{self.listing} v{self.number}"


class ProblemReport(models.Model):
    """A resident's report that a listing is wrong: goes to moderation and to the group."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        RESOLVED = "resolved", "Resolved"

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="problem_reports")
    reporter = person_link()
    what_is_wrong = models.TextField(max_length=2000)
    # Given by someone without an account who would like a reply; cleared when the report is resolved.
    reply_email = models.EmailField("email for a reply", blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Problem with {self.listing}"


class FreshnessReminder(models.Model):
    """Which freshness step was taken for which due date, so that beat running twice sends once."""

    class Step(models.TextChoices):
        BEFORE = "before", "14 days before"
        DUE = "due", "On the day"
        AFTER = "after", "14 days after"
        HIDDEN = "hidden", "Hidden"

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="freshness_reminders")
    due_on = models.DateField()
    step = models.CharField(max_length=8, choices=Step.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["listing", "due_on", "step"], name="freshness_reminder_once"),
        ]

    def __str__(self) -> str:
        return f"{self.listing} {self.step} {self.due_on}"


class FeedRecord(models.Model):
    """Where a row imported from another publisher's Open Referral UK feed came from, and when.

    Keyed by the feed and the publisher's own id, so that the next import updates the same row,
    and a row the feed no longer carries is marked as vanished.
    """

    class Kind(models.TextChoices):
        ORGANISATION = "organisation", "Organisation"
        LISTING = "listing", "Listing (service)"
        LOCATION = "location", "Venue (service at location)"
        SCHEDULE = "schedule", "Opening time"
        TAXONOMY = "taxonomy", "Taxonomy"
        TAXONOMY_TERM = "taxonomy_term", "Category (taxonomy term)"

    source = models.CharField(max_length=500, help_text="The feed's address, or the file it was read from.")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    external_id = models.CharField(max_length=200, help_text="The publisher's id of the record.")
    local_id = models.UUIDField(help_text="The id of the row here.")
    first_seen_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(default=timezone.now)
    vanished_at = models.DateTimeField(null=True, blank=True, help_text="When the feed stopped carrying it.")

    class Meta:
        ordering = ["source", "kind", "external_id"]
        # Not unique by row here: two feeds may share a vocabulary the directory already has.
        constraints = [models.UniqueConstraint(fields=["source", "kind", "external_id"], name="feed_record_unique")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.external_id} from {self.source}"
