"""Participatory budgeting: residents decide how a local budget is spent.

Ballots carry no voter: a ballot is found by a keyed hash of (round, voter), so
the database does not say who voted for what, and no page or admin screen shows it.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

from accounts.fields import person_link
from localism.actions import ActionStatus, TrackedAction
from localism.fields import council_link
from localism.links import path_for, path_for_each
from localism.models import Place
from transparency.delivery import DeliveredBy


class RoundQuerySet(models.QuerySet):
    def visible(self) -> RoundQuerySet:
        return self.filter(is_published=True)

    def with_results(self) -> RoundQuerySet:
        return self.filter(results_published_at__isnull=False)


class Round(models.Model):
    class Method(models.TextChoices):
        KNAPSACK = "knapsack", "Choose any projects whose costs fit within the pot"
        APPROVAL = "approval", "Choose up to a number of projects"

    class Stage(models.TextChoices):
        UPCOMING = "upcoming", "Opens soon"
        PROPOSALS = "proposals", "Proposals open"
        CHECKING = "checking", "Checking proposals"
        VOTING = "voting", "Voting open"
        COUNTING = "counting", "Voting closed"
        RESULTS = "results", "Results published"

    title = models.CharField(max_length=150)
    slug = models.SlugField(max_length=150, unique=True)
    summary = models.TextField(max_length=2000)
    council = council_link(
        "budgeting_rounds",
        help_text="The council whose money this is and which runs the round.",
    )
    pot = models.DecimalField("budget (£)", max_digits=12, decimal_places=2, validators=[MinValueValidator(1)])
    max_project_cost = models.DecimalField(
        "largest amount one project may ask for (£)",
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(1)],
    )
    places = models.ManyToManyField(
        Place,
        related_name="budgeting_rounds",
        help_text="Residents of these places (and the places within them) may vote.",
    )
    method = models.CharField(max_length=10, choices=Method.choices, default=Method.KNAPSACK)
    approval_limit = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="With 'choose up to a number of projects': how many."
    )
    proposals_open = models.DateTimeField()
    checking_starts = models.DateTimeField(help_text="Proposals close and can no longer be edited.")
    voting_opens = models.DateTimeField()
    voting_closes = models.DateTimeField()
    is_published = models.BooleanField(default=True, help_text="Shown on the portal.")
    results = models.JSONField(null=True, blank=True, editable=False)
    results_published_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = RoundQuerySet.as_manager()

    class Meta:
        ordering = ["-voting_closes"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(proposals_open__lt=models.F("checking_starts"))
                & models.Q(checking_starts__lte=models.F("voting_opens"))
                & models.Q(voting_opens__lt=models.F("voting_closes")),
                name="round_stages_in_order",
            ),
            models.CheckConstraint(
                condition=~models.Q(method="approval") | models.Q(approval_limit__gte=1),
                name="round_approval_needs_a_limit",
            ),
            models.CheckConstraint(
                condition=models.Q(max_project_cost__lte=models.F("pot")), name="round_max_cost_within_pot"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return path_for("budgeting:round_detail", slug=self.slug)

    def with_addresses(self, projects: Iterable[dict]) -> list[dict]:
        """The round's projects (values rows with their "pk"), each with its page (`url`, as get_absolute_url()
        gives it) from one reverse for them all: the round's page links each project twice, from its list and
        its map."""
        path = path_for_each("budgeting:project_detail", "pk", slug=self.slug)
        projects = list(projects)
        for project in projects:
            project["url"] = path(project["pk"])
        return projects

    def stage(self, now=None) -> str:
        now = now or timezone.now()
        if self.results_published_at:
            return self.Stage.RESULTS
        if now < self.proposals_open:
            return self.Stage.UPCOMING
        if now < self.checking_starts:
            return self.Stage.PROPOSALS
        if now < self.voting_opens:
            return self.Stage.CHECKING
        if now < self.voting_closes:
            return self.Stage.VOTING
        return self.Stage.COUNTING

    def get_stage_display(self) -> str:
        return self.Stage(self.stage()).label


def project_image_path(instance: Project, filename: str) -> str:
    return f"budgeting/{instance.round_id}/{timezone.now():%Y%m%d%H%M%S}-{filename[-60:]}"


class Project(models.Model):
    # Whose content it is, for council-scoped staff (accounts.permissions.council_id_of).
    council_path = "round__council"

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Waiting to be checked"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="projects")
    title = models.CharField(max_length=120)
    description = models.TextField(max_length=5000)
    cost = models.DecimalField(
        "cost (£)", max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("1"))]
    )
    place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="budgeting_projects")
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name="organisation behind it",
        on_delete=models.PROTECT,
        related_name="budgeting_projects",
        help_text="The group, registered in the directory, that will deliver the project.",
    )
    image = models.FileField(upload_to=project_image_path, blank=True)
    image_description = models.CharField(max_length=200, blank=True, help_text="What the picture shows.")
    proposer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    decline_reason = models.TextField(blank=True)
    checked_by = person_link()
    checked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="declined") | ~models.Q(decline_reason=""),
                name="project_decline_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return path_for("budgeting:project_detail", slug=self.round.slug, pk=self.pk)

    @property
    def is_accepted(self) -> bool:
        """Accepted for the ballot: public, as `Project.objects.filter(status=ACCEPTED)` (tested to agree)."""
        return self.status == self.Status.ACCEPTED


# Until staff say otherwise, a funded project is expected within a year of the results.
DELIVERY_EXPECTED_WITHIN_DAYS = 365


class DeliveryQuerySet(models.QuerySet):
    def public(self) -> DeliveryQuerySet:
        """The delivery of projects funded by published rounds' results: what the public sees, on the project's
        and the round's pages and on the spending pages that name what a payment delivered."""
        return self.filter(
            project__status=Project.Status.ACCEPTED, project__round__in=Round.objects.visible().with_results()
        )


class Delivery(TrackedAction, DeliveredBy):
    """How a project that won its round is being delivered: the shape every tracked action has (what, who, by
    when, its status), its completion, dated progress reports with photos, and the decision, contracts and
    payments that delivered it. Started for each funded project when the round's results are published."""

    council_path = "project__round__council"

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="delivery")
    completed_on = models.DateField(null=True, blank=True, help_text="Filled in when the status becomes done.")

    objects = DeliveryQuerySet.as_manager()

    class Meta(TrackedAction.Meta):
        verbose_name = "funded project's delivery"
        verbose_name_plural = "funded projects' delivery"
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=ActionStatus.DONE) | models.Q(completed_on__isnull=False),
                name="delivery_done_has_date",
            )
        ]

    def __str__(self) -> str:
        return f"Delivery of {self.project}"

    def get_absolute_url(self) -> str:
        return self.project.get_absolute_url() + "#delivery"

    @property
    def is_completed(self) -> bool:
        return self.status == ActionStatus.DONE

    @property
    def delivered_title(self) -> str:
        return self.project.title

    @property
    def delivered_context(self) -> str:
        return f"A project residents chose in “{self.project.round.title}”"


def delivery_photo_path(instance: DeliveryUpdate, filename: str) -> str:
    return f"budgeting/delivery/{instance.delivery_id}/{timezone.now():%Y%m%d%H%M%S}-{filename[-60:]}"


class DeliveryUpdate(models.Model):
    """A dated progress report on a funded project, with a photo when there is one (always described, for
    people who cannot see it)."""

    council_path = "delivery__project__round__council"

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="updates")
    reported_on = models.DateField(default=timezone.localdate)
    note = models.TextField("what has happened", max_length=2000)
    photo = models.FileField(upload_to=delivery_photo_path, blank=True, help_text="JPG, PNG or WebP, up to 5 MB.")
    photo_description = models.CharField(
        "what the photo shows", max_length=200, blank=True, help_text="Read out to people who cannot see the photo."
    )

    class Meta:
        ordering = ["-reported_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(photo="") | ~models.Q(photo_description=""), name="delivery_photo_described"
            )
        ]

    def __str__(self) -> str:
        return f"{self.delivery.project}: {self.reported_on:%d/%m/%Y}"


class Ballot(models.Model):
    """One voter's choices in one round: cast online by a signed-in person (found by a keyed hash, never by
    their name), online with a one-time code, or on paper and entered by staff (under its ballot paper number).
    Code and paper ballots are filed under a random key: nothing leads back to a voter. (Who entered a paper
    ballot is in the audit trail, by its number, not on the ballot.)"""

    class Channel(models.TextChoices):
        ONLINE = "online", "Online, signed in"
        CODE = "code", "Online, with a one-time code"
        PAPER = "paper", "On paper"

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="ballots")
    voter_key = models.CharField(max_length=64)
    channel = models.CharField(max_length=6, choices=Channel.choices, default=Channel.ONLINE)
    paper_number = models.CharField(
        "ballot paper number", max_length=30, blank=True, help_text="As printed or written on the ballot paper."
    )
    projects = models.ManyToManyField(Project, through="BallotChoice", related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "voter_key"], name="ballot_one_per_voter"),
            # The same ballot paper entered twice is refused by the database too.
            models.UniqueConstraint(
                fields=["round", "paper_number"], condition=models.Q(channel="paper"), name="ballot_paper_once"
            ),
            models.CheckConstraint(
                condition=models.Q(channel="paper", paper_number__gt="")
                | (~models.Q(channel="paper") & models.Q(paper_number="")),
                name="ballot_paper_has_number",
            ),
        ]

    def __str__(self) -> str:
        return f"Ballot {self.pk} in {self.round_id}"


class BallotChoice(models.Model):
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="choices")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="choices")
    # The ballot's channel, copied when the choice is made (a ballot never changes channel), so that the count
    # of every project's votes by channel reads this table alone: 50,000 ballots in well under a second.
    channel = models.CharField(max_length=6, choices=Ballot.Channel.choices, default=Ballot.Channel.ONLINE)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["ballot", "project"], name="ballot_choice_unique")]

    def __str__(self) -> str:
        return f"Choice of project {self.project_id}"


class PaperTally(models.Model):
    """Paper votes for one project, counted at a community event before paper ballots were entered one by one:
    kept as they were and shown apart in the results (they count votes, not voters)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="paper_tallies")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="paper_tallies")
    votes = models.PositiveIntegerField()
    event = models.CharField(max_length=200, help_text="Where and when the ballots were collected.")
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["entered_at"]
        verbose_name_plural = "paper tallies"

    def __str__(self) -> str:
        return f"{self.votes} paper votes for {self.project}"
