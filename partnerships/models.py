"""Partnerships: the successors of Local Strategic Partnerships, where public bodies, business, the voluntary
and community sector and residents set local priorities together (community partnerships, the voluntary
sector's assembly).

Each partnership publishes its members by sector, the make-up of its membership in aggregate (members'
characteristics are optional, held privately and reported only with small numbers suppressed), its
priorities and their progress, its meetings with papers and minutes, and its action log. Each priority links
to the consultations, budgeting rounds, contracts and payments that serve it.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils import timezone

from accounts.fields import person_link
from consultations.equality import AGE_BANDS, ETHNIC_GROUPS, QUESTIONS
from localism.actions import TrackedAction
from localism.markdown import render_markdown
from localism.models import Council, Place
from localism.uploads import DescribedFile, validate_document

# Members' characteristics use the same ONS wording as consultations' equality monitoring.
SEX_CHOICES = next(q.choices for q in QUESTIONS if q.name == "sex")
DISABILITY_CHOICES = next(q.choices for q in QUESTIONS if q.name == "disability")


class Sector(models.TextChoices):
    PUBLIC = "public", "Public sector"
    BUSINESS = "business", "Business"
    VOLUNTARY = "voluntary", "Voluntary and community sector"
    RESIDENTS = "residents", "Residents"


class PartnershipQuerySet(models.QuerySet):
    def published(self) -> PartnershipQuerySet:
        """What the public sees: the page, the list, the sitemap, the search and the calendar."""
        return self.filter(is_published=True)

    def in_place(self, place: Place) -> PartnershipQuerySet:
        """Partnerships for the place, an area inside it, or an area around it (a county-wide assembly)."""
        return self.filter(place.content_filter("places", covering=True)).distinct()


class Partnership(models.Model):
    class Kind(models.TextChoices):
        COMMUNITY = "community", "Community partnership"
        ASSEMBLY = "assembly", "Voluntary sector assembly"
        STRATEGIC = "strategic", "Strategic partnership"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.COMMUNITY)
    council = models.ForeignKey(
        Council,
        on_delete=models.PROTECT,
        related_name="partnerships",
        help_text="The council that supports the partnership; its own staff keep the partnership's pages.",
    )
    summary = models.CharField(max_length=400, help_text="One or two sentences shown in lists.")
    about = models.TextField("about the partnership", blank=True, help_text="Markdown: its purpose and how it works.")
    places = models.ManyToManyField(Place, blank=True, related_name="partnerships")
    website = models.URLField(blank=True)
    is_published = models.BooleanField(default=False, help_text="Shown on the portal.")
    updated_at = models.DateTimeField(auto_now=True)

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnerships:detail", kwargs={"slug": self.slug})

    @property
    def about_html(self) -> str:
        return render_markdown(self.about)


class PartOfPartnership(models.Model):
    """A row that belongs to one partnership, whose council's staff keep it."""

    council_path = "partnership__council"

    class Meta:
        abstract = True


class Member(PartOfPartnership):
    """A seat on the partnership: an organisation from the directory, a named person, or both (a person
    representing their organisation).

    The public sees the sector, the organisation, the role and the person's name when they agreed to it.
    The characteristics are optional, never shown one by one, and reported only in aggregate.
    """

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="members")
    sector = models.CharField(max_length=16, choices=Sector.choices)
    organisation = models.ForeignKey(
        "directory.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="partnership_seats"
    )
    name = models.CharField("person's name", max_length=200, blank=True)
    name_is_public = models.BooleanField(
        "publish the person's name", default=False, help_text="Only with the person's agreement."
    )
    account = person_link(help_text="The member's own account on the portal, if they have one.")
    role = models.CharField(max_length=100, blank=True, help_text="For example, “Chair” or “Vice-chair”.")
    joined_on = models.DateField(default=timezone.localdate)
    left_on = models.DateField(null=True, blank=True)
    # Optional, private characteristics (asked with the member's consent, reported only in aggregate).
    sex = models.CharField(max_length=16, choices=SEX_CHOICES, blank=True)
    age_band = models.CharField(max_length=16, choices=AGE_BANDS, blank=True)
    ethnic_group = models.CharField(max_length=32, choices=ETHNIC_GROUPS, blank=True)
    disability = models.CharField(max_length=16, choices=DISABILITY_CHOICES, blank=True)

    class Meta:
        ordering = ["sector", "organisation__name", "name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=False) | ~models.Q(name=""),
                name="partnership_member_is_someone",
            ),
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True) | models.Q(left_on__gte=models.F("joined_on")),
                name="partnership_member_leaves_after_joining",
            ),
        ]

    def __str__(self) -> str:
        return self.name or str(self.organisation or "A member")

    @property
    def public_name(self) -> str:
        """The person's name when they agreed to publish it."""
        return self.name if self.name_is_public else ""


class Progress(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    DELAYED = "delayed", "Delayed"
    ACHIEVED = "achieved", "Achieved"
    STOPPED = "stopped", "Stopped"


class Priority(PartOfPartnership):
    """A local priority the partnership agreed, with its progress and what serves it."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="priorities")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, max_length=4000)
    position = models.PositiveSmallIntegerField(default=0)
    consultations = models.ManyToManyField(
        "consultations.Consultation", blank=True, related_name="partnership_priorities"
    )
    budgeting_rounds = models.ManyToManyField("budgeting.Round", blank=True, related_name="partnership_priorities")
    contracts = models.ManyToManyField("transparency.Contract", blank=True, related_name="partnership_priorities")
    payments = models.ManyToManyField("transparency.SpendingRecord", blank=True, related_name="partnership_priorities")

    class Meta:
        ordering = ["position", "pk"]
        verbose_name_plural = "priorities"

    def __str__(self) -> str:
        return self.title

    @property
    def latest_update(self) -> PriorityUpdate | None:
        """The latest progress report (read from the prefetched updates, newest first)."""
        updates = self.updates.all()
        return updates[0] if updates else None

    @property
    def progress(self) -> str:
        latest = self.latest_update
        return latest.get_status_display() if latest else Progress.NOT_STARTED.label


class PriorityUpdate(models.Model):
    """A dated progress report on a priority; the latest says where the priority stands."""

    council_path = "priority__partnership__council"

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="updates")
    reported_on = models.DateField(default=timezone.localdate)
    status = models.CharField(max_length=16, choices=Progress.choices)
    note = models.TextField(max_length=2000)
    added_by = person_link()

    class Meta:
        ordering = ["-reported_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.priority}: {self.get_status_display()} ({self.reported_on:%d/%m/%Y})"


class Meeting(PartOfPartnership):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    location = models.CharField(max_length=200, help_text="An address, or “Online (Teams)”.")
    agenda = models.TextField(blank=True, help_text="Markdown.")
    minutes = models.TextField(blank=True, help_text="Markdown.")

    class Meta:
        ordering = ["-starts_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("partnerships:meeting", kwargs={"slug": self.partnership.slug, "meeting": self.pk})

    @property
    def agenda_html(self) -> str:
        return render_markdown(self.agenda)

    @property
    def minutes_html(self) -> str:
        return render_markdown(self.minutes)


def paper_upload_to(instance: MeetingPaper, filename: str) -> str:
    return f"partnerships/{timezone.now():%Y/%m}/{filename}"


class MeetingPaper(DescribedFile):
    """A meeting's agenda pack, report or minutes, published as a file."""

    council_path = "meeting__partnership__council"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="papers")
    file = models.FileField(upload_to=paper_upload_to, validators=[validate_document])
    uploaded_by = person_link()

    class Meta:
        ordering = ["pk"]

    def get_absolute_url(self) -> str:
        return reverse(
            "partnerships:paper",
            kwargs={"slug": self.meeting.partnership.slug, "meeting": self.meeting_id, "pk": self.pk},
        )


class Action(TrackedAction, PartOfPartnership):  # noqa: DJ008 (its __str__ is TrackedAction's)
    """An entry in the partnership's action log: who will do what, by when."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="actions")
    priority = models.ForeignKey(Priority, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions")
    agreed_at = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions", verbose_name="agreed at"
    )
