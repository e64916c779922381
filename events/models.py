"""Events people sign up to (co-production meetings, councillor surgeries, consultation drop-ins): a capacity,
the people with a place, and a waiting list that fills each place freed by a cancellation."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

ACCESS_NEEDS_MAX_LENGTH = 1000


class EventQuerySet(models.QuerySet):
    def public(self) -> EventQuerySet:
        """What everyone sees: published events whose host (meeting, surgery, consultation) is public too."""
        from events.registry import HOSTS

        visible = Q(pk__in=[])
        for host in HOSTS.values():
            visible |= _of_public_host(host)
        return self.filter(visible, is_published=True)

    def public_of_hosts(self, hosts) -> EventQuerySet:
        """`public().of_hosts(hosts)`, asking only the hosts' own model whether they are public (a smaller query
        than the rule of every kind of host)."""
        from events.registry import HOSTS

        hosts = list(hosts)
        model = type(hosts[0]) if hosts else None
        kind = next((host for host in HOSTS.values() if host.model is model), None)
        if kind is None:
            return self.none()
        return self.filter(_of_public_host(kind), is_published=True).of_hosts(hosts)

    def upcoming(self) -> EventQuerySet:
        return self.filter(ends_at__gte=timezone.now())

    def of_hosts(self, hosts) -> EventQuerySet:
        """The events of these hosts (objects of one model)."""
        hosts = list(hosts)
        if not hosts:
            return self.none()
        return self.filter(
            content_type=ContentType.objects.get_for_model(hosts[0]), object_id__in=[host.pk for host in hosts]
        )


def _of_public_host(host) -> Q:
    """Events whose host is one of the public objects of this kind of host (events.registry.EventHost)."""
    return Q(content_type=ContentType.objects.get_for_model(host.model), object_id__in=host.public().values("pk"))


class Event(models.Model):
    """One event with sign-up, attached to what it is part of: a co-production team's meeting, a councillor's
    surgery or a consultation (a drop-in session)."""

    class Kind(models.TextChoices):
        MEETING = "meeting", "Co-production meeting"
        SURGERY = "surgery", "Councillor surgery"
        DROP_IN = "drop_in", "Consultation drop-in"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField(
        "what it is part of (id)", help_text="The id of the meeting, surgery or consultation."
    )
    host = GenericForeignKey("content_type", "object_id")
    # Set from the host: whose staff organise it.
    council = models.ForeignKey("localism.Council", on_delete=models.PROTECT, related_name="events", editable=False)
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    venue = models.CharField(max_length=200, help_text="An address, or 'Online (Teams)'.")
    description = models.TextField(blank=True)
    capacity = models.PositiveSmallIntegerField(help_text="How many people can have a place.")
    is_published = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="event_has_a_place"),
        ]

    def __str__(self) -> str:
        return f"{self.title}, {timezone.localtime(self.starts_at):%d/%m/%Y %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"pk": self.pk})

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()


class RegistrationQuerySet(models.QuerySet):
    def active(self) -> RegistrationQuerySet:
        return self.exclude(status=Registration.Status.CANCELLED)

    def confirmed(self) -> RegistrationQuerySet:
        return self.filter(status=Registration.Status.CONFIRMED)

    def waiting(self) -> RegistrationQuerySet:
        """The waiting list, first come first served."""
        return self.filter(status=Registration.Status.WAITING).order_by("created_at", "pk")


class Registration(models.Model):
    """A person's place at an event, or their place on its waiting list."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Has a place"
        WAITING = "waiting", "On the waiting list"
        CANCELLED = "cancelled", "Cancelled"

    access_needs = models.TextField(
        "access needs", max_length=ACCESS_NEEDS_MAX_LENGTH, blank=True, help_text="Private to the organisers."
    )
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations")
    status = models.CharField(max_length=10, choices=Status.choices)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["event", "status", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"], condition=~Q(status="cancelled"), name="registration_once_per_event"
            ),
            models.CheckConstraint(
                condition=~Q(status="confirmed") | Q(confirmed_at__isnull=False), name="registration_confirmed_at"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} at {self.event}"

    @property
    def has_place(self) -> bool:
        return self.status == self.Status.CONFIRMED

    @property
    def is_waiting(self) -> bool:
        return self.status == self.Status.WAITING
